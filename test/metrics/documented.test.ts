/**
 * Every column govsim writes for a run — weeks.csv, communities.csv, rollout.csv — and every summary value has a
 * row of its own in docs/metrics.md, in the section of its file: an output added without its formula fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summaryMetricNames } from '../../src/experiments/index.js';
import { communitySummaryColumns, rolloutWeekColumns, weekRecordColumns } from '../../src/metrics/index.js';

const document = readFileSync('docs/metrics.md', 'utf8');

/** The text of the section of docs/metrics.md from `heading` to the next heading of its level or above. */
function section(heading: string): string {
  const start = document.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = heading.match(/^#+/)?.[0] ?? '##';
  const next = document.slice(start + heading.length).search(new RegExp(`\\n#{1,${level.length}} `));
  return next < 0 ? document.slice(start) : document.slice(start, start + heading.length + next);
}

/** The names in the first cells of the table rows of `text`. */
function rowNames(text: string): Set<string> {
  return new Set([...text.matchAll(/^\| `([^`]+)`/gm)].map((match) => match[1] as string));
}

describe('docs/metrics.md', () => {
  it('has a row for every column of communities.csv and rollout.csv, in their sections', () => {
    const communities = rowNames(section('### Communities (`communities.csv`)'));
    expect(communitySummaryColumns.filter((column) => !communities.has(column))).toEqual([]);
    const rollout = rowNames(section('### Street week by week (`rollout.csv`)'));
    expect(rolloutWeekColumns.filter((column) => !rollout.has(column))).toEqual([]);
  });

  it('has a row for every column of weeks.csv and every summary value', () => {
    const rows = rowNames(document);
    expect(weekRecordColumns.filter((column) => !rows.has(column))).toEqual([]);
    // Summary rows are named by their path (`load.staffPeak`) or, within a family's table, by the last part.
    const missing = summaryMetricNames().filter((path) => !rows.has(path) && !rows.has(path.replace(/^.*\./, '')));
    expect(missing).toEqual([]);
  });
});
