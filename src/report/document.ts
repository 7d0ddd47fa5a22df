/**
 * The report's documents: one self-contained HTML page (charts inline as
 * SVG, no scripts, no external files), a Markdown version, and the data as
 * CSV. Everything here is text built from a {@link Reproduction}.
 */

import { csvTable } from '../core/index.js';
import type { ProbabilityFactResult, ReplicateFactResult } from '../validation/index.js';
import { factRows, factsMarkdown, factsSummaryLine } from '../validation/index.js';
import { escapeHtml, number, reportStylesheet } from './html.js';
import type { RenderedChart, Reproduction } from './reproduce.js';
import { type ReportSupplements, supplementsHtml, supplementsMarkdown } from './supplements.js';

/** A sentence on what the chart's medians show at the phase boundaries of the case. */
export function chartReading(chart: RenderedChart, reproduction: Reproduction): string {
  const [caseSeries, ...others] = chart.series;
  if (caseSeries === undefined) return '';
  const at = (bands: typeof caseSeries.bands, week: number) => bands.find((band) => band.week === week)?.median ?? Number.NaN;
  const boundaries = reproduction.phases.map((phase) => phase.to);
  const readings = boundaries.map((week) => `${number(at(caseSeries.bands, week))} at week ${week}`);
  const last = reproduction.phases[reproduction.phases.length - 1]?.to ?? 0;
  const otherReadings = others.map((series) => `${series.label}: ${number(at(series.bands, last))}`);
  return `Median on the case path, at the end of each phase: ${readings.join(', ')}. At week ${last}, ${otherReadings.join('; ')}.`;
}

function percent(value: number): string {
  return Number.isFinite(value) ? `${Math.round(100 * value)}%` : '—';
}

/** ", not applicable on 3" when some replicates could not be decided. */
function notApplicableNote(count: number): string {
  return count > 0 ? `, not applicable on ${count}` : '';
}

function factDetails(result: ReplicateFactResult | ProbabilityFactResult): string {
  const mechanism = result.mechanism ? `<p class="detail">Mechanism: ${escapeHtml(result.mechanism)}</p>` : '';
  const notApplicable =
    result.status === 'not applicable'
      ? `<p class="detail"><strong>Not applicable:</strong> ${escapeHtml(result.notApplicableReason ?? '')}.</p>`
      : '';
  if (result.kind === 'probability') {
    const events = Object.values(result.events)
      .map(
        (event) =>
          `${escapeHtml(event.says)}: ${number(event.share)} [${number(event.low)}, ${number(event.high)}]${notApplicableNote(event.notApplicable)}`,
      )
      .join('; ');
    return `${mechanism}<p class="detail">Probabilities over the replicates on which each event applies — ${events}. ${result.claims.map((claim) => `${escapeHtml(claim.says)}: ${claim.status}`).join('; ')}.</p>${notApplicable}`;
  }
  const checks = result.checks
    .map(
      (check) =>
        `<li>${percent(check.share)} — ${escapeHtml(check.says)} (mean margin ${number(check.margin.mean)} [${number(check.margin.low)}, ${number(check.margin.high)}]${notApplicableNote(check.notApplicable)})</li>`,
    )
    .join('');
  const why = result.ifNotReproduced
    ? `<p class="detail"><strong>Falls short of its threshold.</strong> ${escapeHtml(result.ifNotReproduced)}</p>`
    : '';
  return `${mechanism}<ul class="checks">${checks}</ul>${why}${notApplicable}`;
}

/** CSS class of a fact's row. */
function statusClass(result: ReplicateFactResult | ProbabilityFactResult): string {
  return result.status === 'holds' ? 'pass' : result.status === 'falls short' ? 'fail' : 'na';
}

function factsHtml(reproduction: Reproduction): string {
  const rows = factRows(reproduction.facts);
  const body = reproduction.facts
    .map((result, index) => {
      const row = rows[index];
      if (row === undefined) return '';
      return `<tr class="${statusClass(result)}"><td>${row.id}</td><td><strong>${escapeHtml(row.title)}</strong><br><span class="statement">${escapeHtml(result.statement)}</span><br><span class="paper">Paper: ${escapeHtml(result.paper)}</span>${factDetails(result)}</td><td>${escapeHtml(row.holds)}</td><td>${escapeHtml(row.interval)}</td><td>${escapeHtml(row.effect)}</td><td>${escapeHtml(row.threshold)}</td><td>${escapeHtml(row.notApplicable)}</td><td>${escapeHtml(row.verdict)}</td></tr>`;
    })
    .join('\n');
  return `<table class="facts"><thead><tr><th>#</th><th>Stylized fact</th><th>Holds in</th><th>95% interval</th><th>Effect size</th><th>Needed</th><th>n/a</th><th>Status</th></tr></thead><tbody>${body}</tbody></table>`;
}

function counterfactualHtml(reproduction: Reproduction): string {
  const names = new Map(reproduction.scenarios.map((scenario) => [scenario.key, scenario]));
  const sections: string[] = [];
  for (const key of [...new Set(reproduction.counterfactuals.map((row) => row.scenario))]) {
    const scenario = names.get(key);
    const rows = reproduction.counterfactuals
      .filter((row) => row.scenario === key)
      .map((row) => {
        const excludesZero = row.difference.low > 0 || row.difference.high < 0;
        return `<tr><td>${escapeHtml(row.label)}</td><td>${number(row.caseMean)}</td><td>${number(row.otherMean)}</td><td>${number(row.difference.mean)}</td><td>[${number(row.difference.low)}, ${number(row.difference.high)}]${excludesZero ? ' *' : ''}</td></tr>`;
      })
      .join('');
    sections.push(
      `<h3>${escapeHtml(scenario?.name ?? key)}</h3><p>${escapeHtml(scenario?.description ?? '')}</p><table class="numbers"><thead><tr><th>Metric</th><th>Case</th><th>Counterfactual</th><th>Difference</th><th>95% interval</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
  }
  return sections.join('\n');
}

export interface ReportContext {
  version: string;
  command: string;
  /** Robustness and contrast tables read from their own runs, when given. */
  supplements?: ReportSupplements;
}

/** The self-contained HTML report. */
export function reportHtml(reproduction: Reproduction, context: ReportContext): string {
  const caseScenario = reproduction.scenarios.find((scenario) => scenario.key === reproduction.caseKey);
  const charts = reproduction.charts
    .map(
      (chart) => `<section class="chart" id="${chart.definition.name}">
<h3>${escapeHtml(chart.definition.title)}</h3>
<figure>${chart.svg.replace(/^<\?xml[^>]*>/, '')}</figure>
<p>${escapeHtml(chart.definition.about)}</p>
<p class="reading">${escapeHtml(chartReading(chart, reproduction))} Checked by fact${chart.definition.facts.length > 1 ? 's' : ''} ${chart.definition.facts.join(', ')}.</p>
</section>`,
    )
    .join('\n');
  const phases = reproduction.phases
    .map((phase) => `<li>weeks ${phase.from}–${phase.to}: ${escapeHtml(phase.label)}</li>`)
    .join('');
  const events = reproduction.events.map((event) => `<li>week ${event.week}: ${escapeHtml(event.event)}</li>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>govsim — reproducing ${escapeHtml(reproduction.caseName)}</title>
<style>
${reportStylesheet}
</style>
</head>
<body>
<h1>Reproducing the Z Street case: ${escapeHtml(reproduction.caseName)}</h1>
<p>This report runs the case of Y community in Z Street, Shanghai, 2018–2019 (Qian Kun, 2024, <em>Journal of Zhejiang Sci-Tech University</em> 2024(8): 413–421) and its counterfactuals with govsim ${escapeHtml(context.version)}, on ${reproduction.replicates} paired replicates: replicate <em>r</em> of every scenario starts from the same world and random streams, so differences between scenarios come from the governance mechanisms, not from chance draws. It then checks the paper's stylized facts on the model's outputs.</p>
<p>${escapeHtml(caseScenario?.description ?? '')}</p>
<h2>The case's course</h2>
<ul>${phases}</ul>
<p>Events in the case scenario:</p><ul>${events}</ul>
<h2>Stylized facts</h2>
<p>${escapeHtml(factsSummaryLine(reproduction.facts))} "Holds in" is the share of replicates in which every check of the fact holds, with its Wilson 95% interval, counted over the replicates on which the fact applies; "n/a" counts the replicates on which one of its measures is undefined (a milestone not reached, a share of nothing), which are left out. A fact applicable on fewer than its minimum share of replicates (half, unless it says otherwise) is not applicable: neither holding nor falling short. The effect size is the mean margin of the fact's first inequality divided by its standard deviation over replicates. Probability facts compare shares of replicates.</p>
${factsHtml(reproduction)}
<h2>Over time</h2>
<p>Each chart shows the median over replicates as a line and the range from the 5th to the 95th percentile as a band, for the case and for two counterfactuals; the phases of the case are shaded and labelled.</p>
${charts}
<h2>Counterfactuals against the case</h2>
<p>Means over the replicates, and the paired difference (counterfactual − case) with its 95% t interval; * marks intervals that exclude zero.</p>
${counterfactualHtml(reproduction)}
${supplementsHtml(context.supplements ?? {})}
<h2>Reproducing this report</h2>
<p><code>${escapeHtml(context.command)}</code> — govsim ${escapeHtml(context.version)}. Scenario hashes: ${reproduction.scenarios.map((scenario) => `${escapeHtml(scenario.key)} ${scenario.hash}`).join(', ')}. The seeds of every replicate are in <code>manifest.json</code>.</p>
</body>
</html>
`;
}

/** The report as Markdown, with the charts as PNG images beside it. */
export function reportMarkdown(reproduction: Reproduction, context: ReportContext): string {
  const lines = [
    `# Reproducing the Z Street case: ${reproduction.caseName}`,
    '',
    `govsim ${context.version}; ${reproduction.replicates} paired replicates; \`${context.command}\`.`,
    '',
    '## The case’s course',
    '',
    ...reproduction.phases.map((phase) => `- weeks ${phase.from}–${phase.to}: ${phase.label}`),
    '',
    '## Stylized facts',
    '',
    factsSummaryLine(reproduction.facts),
    '',
    factsMarkdown(reproduction.facts),
    '',
  ];
  for (const result of reproduction.facts) {
    if (result.status === 'not applicable') {
      lines.push(`**Fact ${result.id} (${result.title}) is not applicable:** ${result.notApplicableReason}.`, '');
      continue;
    }
    if (result.status === 'holds' || result.kind !== 'replicates') continue;
    lines.push(`**Fact ${result.id} (${result.title}) falls short of its threshold.** ${result.ifNotReproduced ?? ''}`, '');
    for (const check of result.checks)
      lines.push(
        `- ${percent(check.share)} — ${check.says} (mean margin ${number(check.margin.mean)}${notApplicableNote(check.notApplicable)})`,
      );
    lines.push('');
  }
  lines.push('## Over time', '');
  for (const chart of reproduction.charts) {
    lines.push(
      `### ${chart.definition.title}`,
      '',
      `![${chart.definition.title}](charts/${chart.definition.name}.png)`,
      '',
      chart.definition.about,
      '',
      `${chartReading(chart, reproduction)} Checked by facts ${chart.definition.facts.join(', ')}.`,
      '',
    );
  }
  lines.push(
    '## Counterfactuals against the case',
    '',
    '| scenario | metric | case | counterfactual | difference | 95% interval |',
    '|---|---|---|---|---|---|',
  );
  for (const row of reproduction.counterfactuals) {
    lines.push(
      `| ${row.scenario} | ${row.label} | ${number(row.caseMean)} | ${number(row.otherMean)} | ${number(row.difference.mean)} | [${number(row.difference.low)}, ${number(row.difference.high)}] |`,
    );
  }
  lines.push('', ...supplementsMarkdown(context.supplements ?? {}));
  return lines.join('\n');
}

/** The chart's data: one row per scenario and week. */
export function chartCsv(chart: RenderedChart): string {
  return csvTable(
    ['scenario', 'week', 'p5', 'median', 'p95'],
    chart.series.flatMap((series) => series.bands.map((band) => [series.label, band.week, band.p5, band.median, band.p95])),
  );
}

export function factsCsv(reproduction: Reproduction): string {
  return csvTable(
    ['id', 'title', 'kind', 'status', 'applicable', 'notApplicable', 'share', 'low', 'high', 'effectSize', 'threshold'],
    reproduction.facts.map((result) =>
      result.kind === 'replicates'
        ? [
            result.id,
            result.title,
            result.kind,
            result.status,
            result.applicable,
            result.notApplicable,
            result.holds.share,
            result.holds.low,
            result.holds.high,
            result.effectSize,
            result.threshold,
          ]
        : [
            result.id,
            result.title,
            result.kind,
            result.status,
            result.applicable,
            result.notApplicable,
            result.claims[0]?.difference ?? Number.NaN,
            result.claims[0]?.low ?? Number.NaN,
            result.claims[0]?.high ?? Number.NaN,
            result.effectSize,
            '',
          ],
    ),
  );
}

export function counterfactualsCsv(reproduction: Reproduction): string {
  return csvTable(
    ['scenario', 'metric', 'caseMean', 'counterfactualMean', 'difference', 'low', 'high', 'pairs'],
    reproduction.counterfactuals.map((row) => [
      row.scenario,
      row.metric,
      row.caseMean,
      row.otherMean,
      row.difference.mean,
      row.difference.low,
      row.difference.high,
      row.difference.count,
    ]),
  );
}
