import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summaryUnits, weekColumnUnits, weekRecordColumns } from '../../src/metrics/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { runScenario } from '../../src/simulation/index.js';

/**
 * The Unit column of docs/metrics.md's weekly and summary tables, by column name and by summary path (a `Summary
 * (`load`)` table's keys under `load.`). Cells are split at pipes not escaped with a backslash (formulas hold `\|`).
 */
function documentedUnits(): { weekly: Map<string, string>; summary: Map<string, string> } {
  const weekly = new Map<string, string>();
  const summary = new Map<string, string>();
  let table: 'weekly' | 'summary' | null = null;
  let group = '';
  for (const line of readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8').split('\n')) {
    if (line.startsWith('### ')) {
      const summaryHeading = /^### Summary(?: \(`(\w+)`\))?$/.exec(line);
      table = line === '### Weekly' ? 'weekly' : summaryHeading !== null ? 'summary' : null;
      group = summaryHeading?.[1] === undefined ? '' : `${summaryHeading[1]}.`;
      continue;
    }
    if (table === null || !line.startsWith('| `')) continue;
    const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
    const name = /^`([^`]+)`/.exec(cells[1] as string)?.[1] as string;
    const unit = cells[3] as string;
    if (table === 'weekly') weekly.set(name, unit);
    else summary.set(`${group}${name}`, unit);
  }
  return { weekly, summary };
}

/** The dotted paths of every number in a run summary. */
function numberPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'number') return [prefix];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => numberPaths(inner, prefix === '' ? key : `${prefix}.${key}`));
}

describe('metric units', () => {
  const documented = documentedUnits();

  it('give every weekly column the unit docs/metrics.md gives it', () => {
    expect(documented.weekly.size).toBe(weekRecordColumns.length);
    for (const column of weekRecordColumns)
      expect([column, weekColumnUnits[column]]).toEqual([column, documented.weekly.get(column)]);
  });

  it('give every number of a run summary, and nothing else, the unit docs/metrics.md gives it', () => {
    const paths = numberPaths(
      runScenario(parseScenario({ name: 'units', mode: 'co-production', weeks: 4 }), { seed: 1 }).summary,
    );
    expect(paths.length).toBeGreaterThan(50);
    expect(Object.keys(summaryUnits).sort()).toEqual([...paths].sort());
    expect(Object.fromEntries(documented.summary)).toEqual(summaryUnits);
  });
});
