/**
 * Reading a report's supplements from the folders their own commands wrote:
 * a `govsim robustness` folder (`facts.csv`, `manifest.json`) and an analysed
 * sweep (`analysis/contrast-sign.csv` with `contrast-morris.csv`,
 * `contrast-sobol.csv` or `contrast-prcc.csv`). A folder that lacks them is bad input: the error names
 * the file and what was expected.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ContrastTable,
  contrastIndicesFiles,
  type RobustnessTable,
  robustnessContrastColumns,
  robustnessPairColumns,
} from '../report/index.js';
import { ScenarioError } from '../scenario/index.js';
import {
  type Draw,
  type DrawFactOutcome,
  type FactStatus,
  type FactsFile,
  type FactTension,
  givenFactsHold,
  jointAssociations,
  jointHolding,
  type RobustnessParameter,
  strongestTensions,
} from '../validation/index.js';
import { contrastSignColumns } from './analysis-files.js';
import { parseCsvText } from './csv-files.js';
import { checkInputFolder, readInputText, readJsonInput } from './input-file.js';
import { robustnessProgressFile } from './output-folder.js';

/** Rows of a CSV file as records keyed by its header; throws a ScenarioError naming the file when it lacks a column. */
async function readRecords(file: string, kind: string, columns: readonly string[]): Promise<Array<Record<string, string>>> {
  if (!existsSync(file)) throw new ScenarioError(file, [{ path: '', message: 'file not found' }], kind);
  let rows: string[][];
  const text = await readInputText(file, kind, 'CSV');
  try {
    rows = parseCsvText(text);
  } catch (error) {
    throw new ScenarioError(file, [{ path: '', message: `not readable as CSV: ${(error as Error).message}` }], kind);
  }
  const header = rows[0] ?? [];
  const missing = columns.filter((column) => !header.includes(column));
  if (missing.length > 0)
    throw new ScenarioError(file, [{ path: '', message: `expected the columns ${missing.join(', ')}` }], kind);
  return rows.slice(1).map((cells) => Object.fromEntries(header.map((column, index) => [column, cells[index] ?? ''])));
}

/** A CSV cell as a number: NaN when empty (how the files write an undefined value). */
function numberCell(cell: string | undefined): number {
  return cell === undefined || cell === '' ? Number.NaN : Number(cell);
}

/** The parameters a robustness manifest lists, each with a path and a numeric range; undefined when it lists none such. */
function manifestParameters(listed: unknown): RobustnessParameter[] | undefined {
  if (!Array.isArray(listed) || listed.length === 0) return undefined;
  const parameters = listed.filter(
    (entry): entry is RobustnessParameter =>
      typeof entry?.path === 'string' &&
      Array.isArray(entry.range) &&
      entry.range.length === 2 &&
      entry.range.every((bound: unknown) => typeof bound === 'number'),
  );
  return parameters.length === listed.length ? parameters : undefined;
}

/**
 * Refuses a robustness table that was not made from these facts: each fact
 * must have its row, with its title, and no row a fact this file lacks
 * (`reproduce --robustness` with another case's folder would otherwise show
 * that case's facts in this one's report). With `origin`, the case's hash
 * (`robustnessCaseHash`) and the model module's hash (undefined for the model
 * as shipped) must be those the table's manifest records, where it records
 * them: a table made before a check, threshold or scenario changed, or under
 * another model, would report on facts other than the report's.
 * @throws ScenarioError naming the table's facts.csv (its manifest.json for the hashes) and what differs
 */
export function checkRobustnessMatchesFacts(
  table: RobustnessTable,
  facts: FactsFile,
  origin?: { caseHash: string; modelHash: string | undefined },
): void {
  const byId = new Map(table.rows.map((row) => [row.id, row.title]));
  const differences: string[] = [];
  for (const fact of facts.facts) {
    const title = byId.get(fact.id);
    if (title === undefined) differences.push(`it has no fact ${fact.id} ("${fact.title}")`);
    else if (title !== fact.title) differences.push(`its fact ${fact.id} is "${title}", not "${fact.title}"`);
  }
  const known = new Set(facts.facts.map((fact) => fact.id));
  for (const row of table.rows)
    if (!known.has(row.id)) differences.push(`its fact ${row.id} ("${row.title}") is not one of this case’s`);
  if (differences.length > 0)
    throw new ScenarioError(
      join(table.source, 'facts.csv'),
      [
        {
          path: '',
          message: `was made from another case’s facts: ${differences.slice(0, 3).join('; ')}${differences.length > 3 ? `; and ${differences.length - 3} more` : ''} (run govsim robustness on this case)`,
        },
      ],
      'robustness output',
    );
  if (origin === undefined) return;
  const rerun = 'run govsim robustness on the case as it is now, with the same model';
  const manifest = join(table.source, 'manifest.json');
  if (table.caseHash !== undefined && table.caseHash !== origin.caseHash)
    throw new ScenarioError(
      manifest,
      [
        {
          path: 'caseHash',
          message: `was made from other facts or scenarios of this case: a check, a threshold or a scenario the facts name has changed since (${rerun})`,
        },
      ],
      'robustness output',
    );
  // Folders written before the case's hash was recorded say nothing of a model unless one was used: only a hash
  // recorded, or one expected where the folder records a case's hash, can differ.
  const recordsModel = table.modelHash !== undefined || table.caseHash !== undefined;
  if (recordsModel && table.modelHash !== origin.modelHash)
    throw new ScenarioError(
      manifest,
      [
        {
          path: 'model',
          message:
            table.modelHash === undefined
              ? `was made under the model as shipped, and this report runs under a model module (${rerun})`
              : origin.modelHash === undefined
                ? `was made under a model module, and this report runs under the model as shipped (${rerun}, or pass --model)`
                : `was made under another model module, or another version of it (${rerun})`,
        },
      ],
      'robustness output',
    );
}

/**
 * Refuses, naming the folder, a `--robustness` folder without facts.csv: one that does not exist or is a file, a
 * robustness run stopped part way (to finish with --resume) or a shard's (to merge), or a folder of something else.
 */
async function refuseWithoutRobustness(directory: string, kind: string): Promise<never> {
  await checkInputFolder(directory, kind);
  const missing = 'holds no facts.csv';
  const message = existsSync(join(directory, robustnessProgressFile))
    ? `${missing}: the robustness run is not finished, or is a shard; finish it with govsim robustness --resume --out ${directory}, or write the analysis from its shards' folders with govsim robustness --merge (the same command otherwise)`
    : `${missing}: not the folder of a govsim robustness run (--robustness takes the --out folder of govsim robustness)`;
  throw new ScenarioError(directory, [{ path: '', message }], kind);
}

/** The robustness table of a `govsim robustness` output folder. */
export async function readRobustnessTable(directory: string): Promise<RobustnessTable> {
  const kind = 'robustness output';
  if (!existsSync(join(directory, 'facts.csv'))) await refuseWithoutRobustness(directory, kind);
  const rows = await readRecords(join(directory, 'facts.csv'), kind, [
    'id',
    'title',
    'draws',
    'holding',
    'fallingShort',
    'notApplicable',
    'holdingShare',
  ]);
  const manifestPath = join(directory, 'manifest.json');
  if (!existsSync(manifestPath)) throw new ScenarioError(manifestPath, [{ path: '', message: 'file not found' }], kind);
  const manifest = ((await readJsonInput(manifestPath, kind)) ?? {}) as {
    samples?: number;
    replicates?: number;
    drawsFile?: unknown;
    parameters?: unknown;
    observedFacts?: unknown;
    command?: unknown;
    govsim?: unknown;
    caseHash?: unknown;
    model?: { hash?: unknown } | null;
  };
  const contrastsPath = join(directory, 'contrasts.csv');
  const contrasts = existsSync(contrastsPath) ? await readRecords(contrastsPath, kind, robustnessContrastColumns) : [];
  const drawsPath = join(directory, 'draws.csv');
  const draws = existsSync(drawsPath) ? await readRecords(drawsPath, kind, []) : undefined;
  const statusColumns = rows.map((row) => `fact${row.id}.status`);
  // Each draw's fact statuses are all that how often the facts hold together needs.
  const contrastColumns = contrasts.map((row) => `contrast.${row.metric}`);
  const outcomes =
    draws === undefined || draws.some((draw) => statusColumns.some((column) => draw[column] === undefined))
      ? undefined
      : draws.map((draw) => ({
          facts: statusColumns.map((column) => ({ status: draw[column] as FactStatus }) as DrawFactOutcome),
          contrasts: contrastColumns.map((column) => numberCell(draw[column])),
        }));
  const joint = outcomes === undefined ? undefined : jointHolding(outcomes);
  // The parameters that go with fewer facts holding at once need each draw's values: the manifest names the parameters.
  const parameters = manifestParameters(manifest.parameters);
  const jointBreakers =
    draws === undefined ||
    outcomes === undefined ||
    parameters === undefined ||
    draws.some((draw) => parameters.some((parameter) => draw[parameter.path] === undefined))
      ? undefined
      : {
          ...jointAssociations(
            parameters,
            draws.map(
              (draw): Draw => Object.fromEntries(parameters.map((parameter) => [parameter.path, Number(draw[parameter.path])])),
            ),
            outcomes,
          ),
          ranges: Object.fromEntries(parameters.map((parameter) => [parameter.path, parameter.range])),
        };
  const pairsPath = join(directory, 'pairs.csv');
  const pairs = existsSync(pairsPath) ? await readRecords(pairsPath, kind, robustnessPairColumns) : undefined;
  const tensions =
    pairs === undefined
      ? undefined
      : strongestTensions(
          pairs.map(
            (pair) =>
              Object.fromEntries(
                robustnessPairColumns.map((column) => [column, numberCell(pair[column])]),
              ) as unknown as FactTension,
          ),
          3,
        );
  // Given what the case showed: the manifest names the facts about the case path; facts.csv, draws.csv and
  // contrasts.csv hold the rest.
  const observed = manifest.observedFacts;
  const givenObserved =
    outcomes === undefined || !Array.isArray(observed) || !observed.every((id) => typeof id === 'number')
      ? undefined
      : (givenFactsHold(
          rows.map((row) => ({
            id: Number(row.id),
            title: row.title ?? '',
            kind: row.kind === 'probability' ? 'probability' : 'replicates',
          })),
          observed,
          outcomes,
          contrasts.map((row) => ({
            metric: row.metric ?? '',
            from: row.from ?? '',
            to: row.to ?? '',
            atDefaults: numberCell(row.atDefaults),
          })),
        ) ?? undefined);
  return {
    source: directory,
    ...(typeof manifest.drawsFile === 'string' ? { drawsFile: manifest.drawsFile } : {}),
    ...(typeof manifest.command === 'string' ? { command: manifest.command } : {}),
    ...(typeof manifest.govsim === 'string' ? { govsim: manifest.govsim } : {}),
    ...(typeof manifest.caseHash === 'string' ? { caseHash: manifest.caseHash } : {}),
    ...(typeof manifest.model?.hash === 'string' ? { modelHash: manifest.model.hash } : {}),
    ...(joint === undefined ? {} : { joint }),
    ...(tensions === undefined ? {} : { tensions }),
    ...(jointBreakers === undefined ? {} : { jointBreakers }),
    ...(givenObserved === undefined ? {} : { givenObserved }),
    samples: Number(manifest.samples),
    replicates: Number(manifest.replicates),
    rows: rows.map((row) => ({
      id: Number(row.id),
      title: row.title ?? '',
      draws: Number(row.draws),
      holding: Number(row.holding),
      fallingShort: Number(row.fallingShort),
      notApplicable: Number(row.notApplicable),
      holdingShare: row.holdingShare === '' ? Number.NaN : Number(row.holdingShare),
      ...(row.chanceCorrelation === undefined || row.chanceCorrelation === ''
        ? {}
        : { chanceCorrelation: Number(row.chanceCorrelation) }),
      breakers: [1, 2, 3]
        .map((rank) => {
          const chance = row.chanceCorrelation;
          const correlation = Number(row[`breaker${rank}Correlation`]);
          return {
            path: row[`breaker${rank}`] ?? '',
            failsAt: row[`breaker${rank}FailsAt`] ?? '',
            ...(Number.isFinite(correlation) ? { correlation } : {}),
            // Folders written before the chance level was recorded have no such column: nothing is marked.
            ...(chance === undefined || chance === '' ? {} : { withinChance: Math.abs(correlation) <= Number(chance) }),
          };
        })
        .filter((breaker) => breaker.path !== ''),
    })),
    contrasts: contrasts.map((row) => ({
      from: row.from ?? '',
      to: row.to ?? '',
      metric: row.metric ?? '',
      atDefaults: Number(row.atDefaults),
      draws: Number(row.draws),
      sameSign: Number(row.sameSign),
      oppositeSign: Number(row.oppositeSign),
      noDifference: Number(row.noDifference),
      keepsSignShare: Number(row.keepsSignShare),
    })),
  };
}

/**
 * The experiment's name and govsim version from a sweep folder's `sweep.json`, for the report to say where its
 * sensitivity table came from; empty when the file is missing or not what a sweep writes (the table is still read).
 */
async function sweepProvenance(directory: string): Promise<{ experiment?: string; govsim?: string; modelHash?: string }> {
  const path = join(directory, 'sweep.json');
  if (!existsSync(path)) return {};
  let manifest: unknown;
  try {
    manifest = await readJsonInput(path, 'sweep');
  } catch {
    return {};
  }
  const { experiment, govsim, model } = (manifest ?? {}) as {
    experiment?: unknown;
    govsim?: unknown;
    model?: { hash?: unknown } | null;
  };
  return {
    ...(typeof experiment === 'string' ? { experiment } : {}),
    ...(typeof govsim === 'string' ? { govsim } : {}),
    ...(typeof model?.hash === 'string' ? { modelHash: model.hash } : {}),
  };
}

/**
 * Refuses a folder without `analysis/contrast-sign.csv`, saying what it is instead: no folder, no sweep, a sweep not
 * yet analysed, or one whose analysis has no contrast between variants — which kind of sweep `--sensitivity` takes.
 */
async function refuseWithoutContrast(directory: string, kind: string): Promise<never> {
  await checkInputFolder(directory, kind);
  const missing = 'holds no analysis/contrast-sign.csv';
  const message = existsSync(join(directory, 'analysis', 'analysis.md'))
    ? `${missing}: its analysis screened no contrast between variants, which --sensitivity shows; that takes a sensitivity sweep — a Morris, Saltelli (Sobol) or Latin-hypercube (PRCC) design with two variants, or contrasts declared, as the shipped assumptions-sensitivity — analysed by govsim analyze`
    : existsSync(join(directory, 'sweep.json'))
      ? existsSync(join(directory, 'runs.csv'))
        ? `${missing}: the sweep is not analysed; run govsim analyze ${directory} first`
        : existsSync(join(directory, 'shard.json'))
          ? `${missing}: it is one shard of a sweep; merge the shards (govsim merge), then run govsim analyze on the merged folder`
          : `${missing}: the sweep is not finished (no runs.csv); finish it (the same govsim sweep command with --resume), then run govsim analyze ${directory}`
      : `${missing} and no sweep.json: not a sweep folder (--sensitivity takes the folder of a sensitivity sweep, analysed by govsim analyze)`;
  throw new ScenarioError(directory, [{ path: '', message }], kind);
}

/**
 * Refuses a sensitivity sweep run under another model than the report's (`modelHash`: the hash of the report's model
 * module, undefined for the model as shipped): its drivers would be those of another model, an extension's parameters
 * among them, shown as what drives this case's contrast. A folder whose `sweep.json` could not be read records no
 * model, and is not refused on that account (as a robustness folder that records none).
 * @throws ScenarioError naming the sweep's `sweep.json` and `model`
 */
export function checkSensitivityMatchesModel(table: ContrastTable, modelHash: string | undefined): void {
  // Without a readable sweep.json (its govsim version unknown) the sweep's model cannot be told: nothing to compare.
  if (table.govsim === undefined || table.modelHash === modelHash) return;
  const rerun = 'run the sweep under the model the report runs under, and analyse it';
  throw new ScenarioError(
    join(table.source, 'sweep.json'),
    [
      {
        path: 'model',
        message:
          table.modelHash === undefined
            ? `was run under the model as shipped, and this report runs under a model module (${rerun})`
            : modelHash === undefined
              ? `was run under a model module, and this report runs under the model as shipped (${rerun}, or pass --model)`
              : `was run under another model module, or another version of it (${rerun})`,
      },
    ],
    'analysed sweep',
  );
}

/** The contrast table of an analysed sweep folder (its `analysis/` files, and `sweep.json` for its provenance). */
export async function readContrastTable(directory: string): Promise<ContrastTable> {
  const kind = 'analysed sweep';
  const analysis = join(directory, 'analysis');
  if (!existsSync(join(analysis, 'contrast-sign.csv'))) await refuseWithoutContrast(directory, kind);
  const signs = await readRecords(join(analysis, 'contrast-sign.csv'), kind, contrastSignColumns);
  const method = (['morris', 'prcc'] as const).find((name) => existsSync(join(analysis, contrastIndicesFiles[name]))) ?? 'sobol';
  const indices = await readRecords(join(analysis, contrastIndicesFiles[method]), kind, [
    'from',
    'to',
    'metric',
    'factor',
    ...{ morris: ['mu', 'muStar'], sobol: ['first', 'total'], prcc: ['prcc', 'pValue'] }[method],
  ]);
  return {
    source: directory,
    ...(await sweepProvenance(directory)),
    method,
    rows: signs.map((sign) => ({
      from: sign.from ?? '',
      to: sign.to ?? '',
      metric: sign.metric ?? '',
      points: Number(sign.points),
      meanContrast: Number(sign.meanContrast),
      minimum: Number(sign.minimum),
      maximum: Number(sign.maximum),
      keepsSignShare: Number(sign.keepsSignShare),
      flipsSignShare: Number(sign.flipsSignShare),
      ...(sign.referenceSign === undefined || sign.referenceSign === '' ? {} : { referenceSign: Number(sign.referenceSign) }),
      ...(sign.noDifferenceShare === undefined || sign.noDifferenceShare === ''
        ? {}
        : { noDifferenceShare: Number(sign.noDifferenceShare) }),
      drivers: indices
        .filter((row) => row.from === sign.from && row.to === sign.to && row.metric === sign.metric)
        .map((row) =>
          method === 'morris'
            ? {
                factor: row.factor ?? '',
                importance: Number(row.muStar),
                sign: Math.sign(Number(row.mu)),
                // The share of its effects with that sign, where the analysis recorded it.
                ...(row.signConsistency === undefined ? {} : { agreement: Number(row.signConsistency) }),
              }
            : method === 'prcc'
              ? {
                  factor: row.factor ?? '',
                  // A blank PRCC (undefined) reads as NaN, and is left out below.
                  importance: Math.abs(numberCell(row.prcc)),
                  sign: Math.sign(numberCell(row.prcc)),
                  pValue: numberCell(row.pValue),
                }
              : { factor: row.factor ?? '', importance: Number(row.total), sign: Math.sign(Number(row.first)) },
        )
        // An undefined index (NaN) says nothing, and one of 0 that the factor does not move the contrast: neither drives it.
        .filter((driver) => driver.importance > 0)
        .sort((left, right) => right.importance - left.importance || left.factor.localeCompare(right.factor)),
    })),
  };
}
