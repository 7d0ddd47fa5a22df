/**
 * Every column govsim writes for a run — weeks.csv, communities.csv, rollout.csv — and every summary value has a
 * row of its own in docs/metrics.md, in the section of its file or family: an output added without its formula fails
 * here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summaryMetricNames } from '../../src/experiments/index.js';
import { communitySummaryColumns, rolloutWeekColumns, weekRecordColumns } from '../../src/metrics/index.js';

const document = readFileSync('docs/metrics.md', 'utf8');

/** The text of the section of docs/metrics.md that starts at `start` (a heading) and runs to the next heading of its level or above. */
function sectionAt(start: number): string {
  const heading = document.slice(start, document.indexOf('\n', start));
  const level = heading.match(/^#+/)?.[0] ?? '##';
  const next = document.slice(start + heading.length).search(new RegExp(`\\n#{1,${level.length}} `));
  return next < 0 ? document.slice(start) : document.slice(start, start + heading.length + next);
}

/** The section headed `heading` (its first occurrence). */
function section(heading: string): string {
  const start = document.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  return sectionAt(start);
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

  it('has a row for every column of weeks.csv in a Weekly table, and every summary value in its family’s Summary table', () => {
    // The text of every `### <title>` section whose title starts as given.
    const sections = (title: string) =>
      [...document.matchAll(/^### (.+)$/gm)]
        .filter((match) => (match[1] as string).startsWith(title))
        .map((match) => sectionAt(match.index as number))
        .join('\n');
    const weekly = rowNames(sections('Weekly'));
    expect(weekRecordColumns.filter((column) => !weekly.has(column))).toEqual([]);
    // A family's table (`### Summary (`load`)`) names its rows by the last part of the path or by the whole path; the
    // run context's (`### Summary`) by the whole path.
    const missing = summaryMetricNames().filter((path) => {
      const dot = path.indexOf('.');
      const family = dot < 0 ? '' : path.slice(0, dot);
      const inFamily = family === '' ? new Set<string>() : rowNames(sections(`Summary (\`${family}\`)`));
      const inContext = rowNames(section('### Summary\n'));
      return !inFamily.has(path.slice(dot + 1)) && !inFamily.has(path) && !inContext.has(path);
    });
    expect(missing).toEqual([]);
  });
});
