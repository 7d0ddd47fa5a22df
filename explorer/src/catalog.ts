/// <reference types="vite/client" />
/**
 * The scenarios the explorer offers: every scenario shipped in `scenarios/`
 * and every scenario of a shipped case folder (not the city files of
 * `scenarios/cities/`, which are not scenarios), bundled as JSON at build
 * time and named as `govsim run` names them (`y-community-co-production`,
 * `z-street/case`).
 */

/** One scenario the explorer can load. */
export interface CatalogEntry {
  /** The name `govsim run` accepts: `<file>` or `<case>/<file>`. */
  id: string;
  /** The case it belongs to, or null for a scenario of its own. */
  caseName: string | null;
  /** The scenario's own description. */
  description: string;
  /** The scenario file's JSON, as written. */
  raw: Record<string, unknown>;
}

/** Case folders by the name `govsim validate` gives them; other folders keep their own name. */
const caseNames: Readonly<Record<string, string>> = { 'z-street-2018-2019': 'z-street' };

const scenarioFiles = import.meta.glob<Record<string, unknown>>(
  // The exclusions are written as the inclusions are, relative to this file: Vite reads a pattern starting with ** from
  // its root (explorer/), where it matches nothing of ../../scenarios.
  [
    '../../scenarios/*.json',
    '../../scenarios/*/*.json',
    '!../../scenarios/*.schema.json',
    '!../../scenarios/*/facts.json',
    '!../../scenarios/cities/*.json',
  ],
  { eager: true, import: 'default' },
);
const factsFiles = import.meta.glob<{ case?: string }>('../../scenarios/*/facts.json', { eager: true, import: 'default' });

/** Splits `../../scenarios/<folder>/<name>.json` into its folder (or null) and name. */
function fileParts(path: string): { folder: string | null; name: string } {
  const parts = path
    .replace(/^.*\/scenarios\//, '')
    .replace(/\.json$/, '')
    .split('/');
  return parts.length === 1
    ? { folder: null, name: parts[0] as string }
    : { folder: parts[0] as string, name: parts[1] as string };
}

/**
 * The bundled scenarios: the scenarios of their own first (sorted), then each
 * case's scenarios, the case's own scenario first.
 */
export function catalog(): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const [path, raw] of Object.entries(scenarioFiles)) {
    const { folder, name } = fileParts(path);
    const caseName = folder === null ? null : (caseNames[folder] ?? folder);
    entries.push({
      id: caseName === null ? name : `${caseName}/${name}`,
      caseName,
      description: typeof raw.description === 'string' ? raw.description : '',
      raw,
    });
  }
  const caseKeys = new Map<string, string>();
  for (const [path, facts] of Object.entries(factsFiles)) {
    const { folder } = fileParts(path);
    if (folder !== null && typeof facts.case === 'string') caseKeys.set(caseNames[folder] ?? folder, facts.case);
  }
  const rank = (entry: CatalogEntry) =>
    entry.caseName === null
      ? `0 ${entry.id}`
      : `1 ${entry.caseName} ${entry.id === `${entry.caseName}/${caseKeys.get(entry.caseName)}` ? 0 : 1} ${entry.id}`;
  return entries.sort((left, right) => (rank(left) < rank(right) ? -1 : rank(left) > rank(right) ? 1 : 0));
}

/**
 * The case folders of one's own that `govsim explore <folder>…` serves beside
 * the site (at `address`, ./cases.json, which the `<meta name="govsim-cases">`
 * the command adds to the page names; null on a page served without them, as
 * a static host serves it), as catalog entries named
 * `<folder>/<scenario>`, each case's own scenario first; none when there is
 * no address, the file cannot be had, or it is not what the command writes.
 */
export async function servedCases(
  address: string | null,
  load: (url: string) => Promise<{ ok: boolean; json(): Promise<unknown> }> = (url) => fetch(url),
): Promise<CatalogEntry[]> {
  if (address === null) return [];
  let given: unknown;
  try {
    const response = await load(address);
    if (!response.ok) return [];
    given = await response.json();
  } catch {
    return [];
  }
  const cases = (given as { cases?: unknown } | null)?.cases;
  if (!Array.isArray(cases)) return [];
  const entries: CatalogEntry[] = [];
  for (const served of cases as Array<{ name?: unknown; scenarios?: unknown }>) {
    if (typeof served?.name !== 'string' || !Array.isArray(served.scenarios)) continue;
    for (const scenario of served.scenarios as Array<{ key?: unknown; raw?: unknown }>) {
      const raw = scenario?.raw;
      if (typeof scenario?.key !== 'string' || raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
      const record = raw as Record<string, unknown>;
      entries.push({
        id: `${served.name}/${scenario.key}`,
        caseName: served.name,
        description: typeof record.description === 'string' ? record.description : '',
        raw: record,
      });
    }
  }
  return entries;
}
