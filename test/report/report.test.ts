/**
 * The report generated end to end, small: a summary and a glossary on top, every chart with claims computed from the
 * replicates, the facts table with facts not reproduced as findings, the Chinese font embedded, and each file written.
 */
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/index.js';
import { loadCaseFolder, writeReport } from '../../src/node/index.js';
import { alignedNumber, escapeHtml, markChinese } from '../../src/report/html.js';
import {
  caseNameFromCommand,
  chartDefinitions,
  chartReading,
  explorerHref,
  factStatusWords,
  factsReadingChart,
  findingsCsv,
  glossary,
  type Reproduction,
  reportHtml,
  reportMarkdown,
  reproduceCase,
  summarySentences,
} from '../../src/report/index.js';
import type { Scenario } from '../../src/scenario/index.js';
import { defineExtension, defineModel, isSummaryPath, runScenario } from '../../src/simulation/index.js';
import { marginWords } from '../../src/validation/index.js';

describe('reproduce z-street', async () => {
  const folder = await loadCaseFolder('z-street');
  const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 6 });
  const directory = await mkdtemp(join(tmpdir(), 'govsim-report-'));
  const written = await writeReport(directory, reproduction, {
    version: 'test',
    command: 'govsim reproduce z-street --replicates 6',
  });
  const html = await readFile(join(directory, 'index.html'), 'utf8');

  it('writes the page, Markdown, each chart as SVG, PNG and Vega-Lite spec, the data and a manifest', async () => {
    const charts = (await readdir(join(directory, 'charts'))).sort();
    for (const chart of chartDefinitions) {
      expect(charts).toContain(`${chart.name}.svg`);
      expect(charts).toContain(`${chart.name}.png`);
      expect(charts).toContain(`${chart.name}.vl.json`);
    }
    const png = await readFile(join(directory, 'charts', 'staff-load.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(20_000);
    const spec = JSON.parse(await readFile(join(directory, 'charts', 'staff-load.vl.json'), 'utf8'));
    expect(spec.$schema).toContain('vega-lite');
    expect((await readdir(join(directory, 'data'))).sort()).toEqual(
      [
        ...chartDefinitions.map((chart) => `${chart.name}.csv`),
        'checks.csv',
        'counterfactuals.csv',
        'facts.csv',
        'findings.csv',
        'onsets.csv',
      ].sort(),
    );
    const manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8'));
    expect(manifest.replicates).toBe(6);
    expect(manifest.seeds).toHaveLength(6);
    expect(manifest.scenarios.map((scenario: { key: string }) => scenario.key)).toContain('case');
    expect(written).toContain('report.md');
  });

  it('writes the numbers each fact gives for its checks and events to checks.csv, as the page states them', async () => {
    const rows = parseCsv(await readFile(join(directory, 'data', 'checks.csv'), 'utf8'));
    expect(rows[0]).toEqual([
      'fact',
      'kind',
      'item',
      'says',
      'applicable',
      'notApplicable',
      'share',
      'shareLow',
      'shareHigh',
      'margin',
      'marginLow',
      'marginHigh',
      'marginUnit',
      'effectSize',
    ]);
    const body = rows.slice(1);
    for (const result of reproduction.facts) {
      const own = body.filter((row) => row[0] === String(result.id));
      if (result.kind === 'replicates') {
        expect(own.map((row) => [row[1], row[2], row[3]])).toEqual(
          result.checks.map((check, index) => ['check', String(index + 1), check.says]),
        );
        result.checks.forEach((check, index) => {
          const row = own[index] as string[];
          expect(Number(row[6])).toBe(check.share);
          expect([Number(row[9]), Number(row[10]), Number(row[11])]).toEqual([
            check.margin.mean,
            check.margin.low,
            check.margin.high,
          ]);
          // The page gives the same margin in the fact's row (a margin exactly at the bound in every replicate in words).
          const atBound = check.margin.mean === 0 && check.margin.low === 0 && check.margin.high === 0;
          // Each margin says what it is counted in (the facts here read only numbers docs/metrics.md gives a unit).
          expect(row[12]).toBe(check.unit);
          expect(check.unit).not.toBe('');
          if (!atBound) {
            const words = marginWords(check.margin, alignedNumber, check.unit);
            expect(words).toContain(check.unit);
            expect(html).toContain(
              `(<a href="#term-mean-margin">mean margin</a>${escapeHtml(words.slice('mean margin'.length))}`,
            );
          }
        });
      } else {
        const events = Object.entries(result.events);
        expect(own.map((row) => [row[1], row[2], row[3]])).toEqual(events.map(([name, event]) => ['event', name, event.says]));
        for (const [name, event] of events) {
          const row = own.find((candidate) => candidate[2] === name) as string[];
          expect([Number(row[6]), Number(row[7]), Number(row[8])]).toEqual([event.share, event.low, event.high]);
        }
      }
    }
    expect(html).toContain('<code>data/checks.csv</code>');
  });

  it('puts every chart inline, with axes, legend, phases and a paragraph', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link |src="http/);
    for (const chart of chartDefinitions) {
      const start = html.indexOf(`<section class="chart" id="${chart.name}">`);
      expect(start, chart.name).toBeGreaterThan(0);
      const section = html.slice(start, html.indexOf('</section>', start));
      expect(section).toContain('<svg');
      expect(section).toContain('Week (1 = the first week of 2018)');
      expect(section).toContain(chart.axisTitle.replaceAll('&', '&amp;'));
      expect(section).toContain('Scenario');
      expect(section).toContain('implementation');
      expect(section).toContain(`<p>${chart.about(folder.scenarios.get(folder.facts.case) as Scenario).slice(0, 15)}`);
    }
  });

  it('holds the facts table with every fact and the counterfactual comparison', () => {
    const table = html.slice(
      html.indexOf('<table class="facts">'),
      html.indexOf('</table>', html.indexOf('<table class="facts">')),
    );
    for (const fact of folder.facts.facts) expect(table).toContain(`<td>${fact.id}</td>`);
    expect(table).toContain('>n/a</a></th><th><a href="#term-status">Status</a></th>');
    expect(table).toMatch(/<td>(reproduced|not reproduced|not applicable)<\/td><\/tr>/);
    expect(table).not.toMatch(/PASS|FAIL|class="fail"|falls short<\/td>/);
    expect(html).toContain('Counterfactuals against the case');
    expect(html).toContain('administrative-led-throughout');
  });
});

describe('the report a student reads', async () => {
  const folder = await loadCaseFolder('z-street');
  const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 8 });
  const context = { version: 'test', command: 'govsim reproduce z-street --replicates 8' };
  const html = reportHtml(reproduction, context);

  it('sets code as code in the HTML, never as Markdown backticks, and says how to add what it leaves out for this case', () => {
    expect(html).not.toContain('`');
    expect(html).toContain('(<code>govsim validate</code> says “holds”)');
    expect(html).toContain('run <code>govsim robustness z-street --samples 60 --replicates 40</code>');
    expect(html).toContain('<code>govsim reproduce z-street --sensitivity out/assumptions</code>');
    expect(html).toContain('write <code>npm run govsim --</code> for <code>govsim</code>');
    expect(reportMarkdown(reproduction, context)).toContain('run `govsim robustness z-street --samples 60 --replicates 40`');
  });

  it('opens with a plain summary computed from the facts, before the glossary and the facts table', () => {
    const sentences = summarySentences(reproduction);
    expect(sentences.length).toBeGreaterThanOrEqual(6);
    expect(sentences.length).toBeLessThanOrEqual(7);
    expect(sentences[0]).toContain('seven counterfactual scenarios, each on the same 8 paired replicates');
    const reproduced = reproduction.facts.filter((result) => result.status === 'holds');
    expect(sentences[1]).toContain(`reproduces ${reproduced.length} of the 14 stylized facts drawn from the paper`);
    // A probability fact (the switch) is held to a difference whose interval lies above zero (as validate.ts decides it:
    // low > 0), not to a share of replicates, nor to a positive difference alone.
    expect(sentences[1]).toContain(
      'at the threshold each sets (a share of replicates, or for a probability a difference whose 95% interval lies above zero)',
    );
    expect(glossary.find((entry) => entry.id === 'delta-p')?.definition).toContain(
      'holds only when the whole interval lies above zero',
    );
    for (const result of reproduced) expect(sentences[1]).toContain(`${result.id} (`);
    const summary = html.indexOf('<h2 id="summary">');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(html.indexOf('<h2 id="glossary">'));
    expect(html.indexOf('<h2 id="glossary">')).toBeLessThan(html.indexOf('<h2 id="facts">'));
    for (const sentence of sentences) expect(html).toContain(`<p>${escapeHtml(sentence)}</p>`);
  });

  it('says which facts are not reproduced, how far, and why, as findings', () => {
    // The same results with fact 2 falling short, as it would on other settings.
    const fact = reproduction.facts.find((result) => result.id === 2);
    if (fact === undefined || fact.kind !== 'replicates') throw new Error('fact 2 is a replicate fact');
    const short: Reproduction = {
      ...reproduction,
      facts: reproduction.facts.map((result) =>
        result.id === 2
          ? {
              ...fact,
              status: 'falls short',
              passed: false,
              holds: { ...fact.holds, share: 0.5 },
              ifNotReproduced: 'Because the test says so.',
            }
          : result,
      ),
    };
    const sentences = summarySentences(short);
    const line = sentences.find((sentence) => sentence.startsWith('It does not reproduce'));
    expect(line).toContain('2 (department overload and paperwork), which holds in 50% of replicates where it needs 90%');
    const page = reportHtml(short, context);
    const row = page.slice(page.indexOf('<tr class="not-reproduced"><td>2</td>'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(
      '<div class="finding"><p><strong>Not reproduced</strong> — holds in 50% of replicates where it needs 90%. A finding about the model, not an error:</p><p>Because the test says so.</p></div>',
    );
    expect(row.slice(0, row.indexOf('</tr>'))).toMatch(/<td>not reproduced<\/td>$/);
    expect(page).not.toMatch(/FAIL|class="fail"|#b22222;? ?font-weight/);
    expect(factStatusWords['falls short']).toBe('not reproduced');
  });

  it('gives a mean margin at the precision of its interval, trailing zeros kept, on the page and in report.md', () => {
    // Fact 1's second check at 60 replicates: 0.1996 [0.1900, 0.2092] read "0.2 [0.19, 0.209]", a mean that looked
    // rounder than its interval.
    const fact = reproduction.facts.find((result) => result.id === 1);
    if (fact === undefined || fact.kind !== 'replicates') throw new Error('fact 1 is a replicate fact');
    const margin = { mean: 0.19960663794, low: 0.18997775278, high: 0.20923552309, count: 60 };
    const checks = fact.checks.map((check, index) => (index === 1 ? { ...check, margin } : check));
    const changed: Reproduction = {
      ...reproduction,
      facts: reproduction.facts.map((result) =>
        result.id === 1 ? { ...fact, checks, status: 'falls short', passed: false } : result,
      ),
    };
    expect(reportHtml(changed, context)).toContain('mean margin</a> 0.200 [0.190, 0.209], as a ratio');
    expect(reportMarkdown(changed, context)).toContain('(mean margin 0.200 [0.190, 0.209], as a ratio');
  });

  it('explains every term it uses, and links the facts table to them', () => {
    for (const term of [
      'paired replicates',
      'common random numbers',
      'Wilson interval',
      'mean margin',
      'effect size',
      'Δp',
      'n/a',
      'fragmentation',
      'idling',
    ])
      expect(
        glossary.some((entry) => entry.term.includes(term)),
        term,
      ).toBe(true);
    // The margin is measured from the check's bound (validate.ts: A − (factor × B + offset)), not always A − B: fact 6's
    // "at least twice" gives A − 2B, fact 5's "fewer than a quarter" 0.25 − A.
    const margin = glossary.find((entry) => entry.id === 'mean-margin')?.definition ?? '';
    expect(margin).toContain('distance from the bound a check sets');
    expect(margin).toContain('for “A is at least twice B”, A − 2B');
    for (const entry of glossary) if (entry.supplement === undefined) expect(html).toContain(`<dt id="term-${entry.id}">`);
    for (const id of ['holds-in', 'wilson', 'effect-size', 'not-applicable', 'status', 'mean-margin'])
      expect(html).toContain(`href="#term-${id}"`);
  });

  it('explains the supplements’ terms only in a report that includes them, and says how each supplement was made', () => {
    const robustnessTerms = ['draw', 'within-chance', 'phi', 'headline-contrast'];
    for (const id of [...robustnessTerms, 'morris', 'sobol']) expect(html).not.toContain(`<dt id="term-${id}">`);
    const robustness = {
      source: 'out/robustness-z-street',
      samples: 60,
      replicates: 40,
      rows: [],
      contrasts: [],
      command: 'govsim robustness z-street --samples 60 --replicates 40',
      govsim: '9.9.9',
    };
    const contrasts = { source: 'out/my sweep', experiment: 'assumptions-sensitivity', method: 'morris' as const, rows: [] };
    const withRobustness = reportHtml(reproduction, { ...context, supplements: { robustness } });
    for (const id of robustnessTerms) expect(withRobustness).toContain(`<dt id="term-${id}">`);
    expect(withRobustness).not.toContain('<dt id="term-morris">');
    expect(withRobustness).toContain(
      'The robustness table was read from out/robustness-z-street, made by <code>govsim robustness z-street --samples 60 --replicates 40</code> (govsim 9.9.9).',
    );
    const withBoth = reportMarkdown(reproduction, { ...context, supplements: { robustness, contrasts } });
    expect(withBoth).toContain('- **Morris screening, μ*, design point**');
    expect(withBoth).not.toContain('Sobol indices');
    // A Sobol table's terms are Sobol's.
    const withSobol = reportMarkdown(reproduction, { ...context, supplements: { contrasts: { ...contrasts, method: 'sobol' } } });
    expect(withSobol).toContain('- **Sobol indices, total index, design point**');
    expect(withSobol).not.toContain('Morris screening');
    const withPrcc = reportMarkdown(reproduction, { ...context, supplements: { contrasts: { ...contrasts, method: 'prcc' } } });
    expect(withPrcc).toContain('- **partial rank correlation (PRCC), design point**');
    expect(withPrcc).not.toContain('Morris screening');
    // The Markdown ends as the HTML does: how to make the report, and each supplement, again.
    const reproducing = withBoth.slice(withBoth.indexOf('## Reproducing this report'));
    expect(reproducing).toContain('`govsim reproduce z-street --replicates 8` — govsim test. Scenario hashes: case ');
    expect(reproducing).toContain(
      "The sensitivity table was read from the analysed sweep out/my sweep of the experiment assumptions-sensitivity: `govsim sweep` of the experiment’s file, then `govsim analyze 'out/my sweep'`, make it again;",
    );
  });

  it('embeds the Chinese font for the paper’s terms, and draws charts from zero, but for trust, with distinct dashes', () => {
    expect(html).toMatch(
      /@font-face \{ font-family: 'govsim Noto Sans SC'; src: url\(data:font\/ttf;base64,[A-Za-z0-9+/=]+\) format\('truetype'\); unicode-range: U\+/,
    );
    expect(html).toContain('行政主导');
    for (const chart of reproduction.charts) {
      const spec = JSON.stringify(chart.spec);
      // Trust moves by hundredths around 0.4: its axis starts near its values, and the chart says so.
      const fromZero = chart.definition.name !== 'trust';
      expect(spec).toContain(`"zero":${fromZero}`);
      expect(chart.svg.includes('The value axis does not start at zero.')).toBe(!fromZero);
      expect(spec).toContain('"strokeDash"');
      expect(chart.svg).toContain(chart.definition.paperTerm.chinese);
    }
  });

  it('states under each chart only the differences its replicates show, and writes them to findings.csv', () => {
    for (const chart of reproduction.charts) {
      const section = html.slice(html.indexOf(`<section class="chart" id="${chart.definition.name}">`));
      const text = section.slice(0, section.indexOf('</section>'));
      for (const result of chart.findings.comparisons) {
        expect(text).toContain(markChinese(escapeHtml(result.sentence)));
        const clear = result.difference.low > 0 || result.difference.high < 0;
        if (!clear) expect(result.sentence).toContain('no clear difference');
        if (result.reading === 'as expected') expect(result.sentence).toContain(`— ${result.definition.meaning}.`);
        else expect(result.sentence).toContain(`does not show here that ${result.definition.meaning}`);
      }
    }
    const staff = reproduction.charts.find((chart) => chart.definition.name === 'staff-load');
    expect(staff?.findings.comparisons.map((result) => result.window)).toEqual([
      { from: 1, to: 17 },
      { from: 18, to: 104 },
      { from: 92, to: 104 },
    ]);
    const waste = reproduction.charts.find((chart) => chart.definition.name === 'waste');
    expect(waste?.findings.onset?.sentence).toMatch(/^Waste appears in the case in \d+ of 8 replicates/);
    const rows = findingsCsv(reproduction).trim().split('\n');
    expect(rows[0]).toBe(
      'chart,first,second,firstFrom,firstTo,secondFrom,secondTo,difference,low,high,pairs,expected,reading,sentence',
    );
    expect(rows).toHaveLength(1 + reproduction.charts.reduce((total, chart) => total + chart.findings.comparisons.length, 0));
  });

  it('says over the charts that a sentence gives every difference but claims only what is clear, large enough and as expected', () => {
    // A difference too small to read is still given, with its interval (staff load in the last weeks, at 200
    // replicates): the introduction must not say that such a difference is not stated.
    const markdown = reportMarkdown(reproduction, context);
    const introductions = [
      html.slice(html.indexOf('<h2 id="over-time">'), html.indexOf('<section class="chart"')),
      markdown.slice(markdown.indexOf('## Over time'), markdown.indexOf('### ')),
    ];
    for (const introduction of introductions) {
      expect(introduction).not.toContain('a difference is stated only when');
      expect(introduction).toContain('makes its claim only when the interval excludes zero');
      expect(introduction).toContain('the model does not show the claim');
    }
  });

  it('states in report.md what each fact claims, not its name alone', () => {
    const markdown = reportMarkdown(reproduction, context);
    const facts = markdown.slice(markdown.indexOf('## Stylized facts'), markdown.indexOf('## Over time'));
    for (const result of reproduction.facts) expect(facts).toContain(`- **${result.id} ${result.title}** — ${result.statement}`);
  });

  it('points to the robustness section only when the report has one', () => {
    const last = (robustnessIncluded: boolean) => summarySentences(reproduction, { robustnessIncluded }).at(-1) as string;
    expect(last(true)).toContain('(see the robustness section)');
    expect(last(false)).not.toContain('see the robustness section');
    expect(last(false)).toContain('reproduce --robustness adds to this report');
    expect(html).not.toContain('see the robustness section');
  });

  it('says in report.md which way its counterfactual differences run, and marks those whose Holm-adjusted p-value is below 0.05', async () => {
    const markdown = reportMarkdown(reproduction, context);
    const tests = reproduction.counterfactuals.filter((row) => Number.isFinite(row.pValue)).length;
    expect(markdown).toContain(
      `Means over the replicates, and the paired difference counterfactual − case with its 95% t interval. p is the paired t test's p-value adjusted by Holm's method over all ${tests} differences of this section with a test (two pairs or more)`,
    );
    const rows = markdown.split('\n').filter((line) => line.startsWith('| administrative-led-throughout |'));
    expect(rows.length).toBe(
      reproduction.counterfactuals.filter((row) => row.scenario === 'administrative-led-throughout').length,
    );
    for (const row of reproduction.counterfactuals.filter(
      (candidate) => candidate.scenario === 'administrative-led-throughout',
    )) {
      const line = rows.find((candidate) => candidate.startsWith(`| administrative-led-throughout | ${row.label} |`)) as string;
      expect(line.endsWith(' * |')).toBe(row.holmPValue < 0.05);
    }
    expect(rows.some((line) => line.endsWith(' * |'))).toBe(true);
  });

  it('adjusts the counterfactual p-values by Holm over every row, so that none is below its raw p-value', () => {
    const rows = reproduction.counterfactuals;
    const ranked = rows.filter((row) => Number.isFinite(row.pValue));
    expect(ranked.length).toBeGreaterThan(1);
    for (const row of ranked) {
      expect(row.holmPValue).toBeGreaterThanOrEqual(row.pValue);
      expect(row.holmPValue).toBeLessThanOrEqual(1);
      // A row whose 95% interval includes zero has p ≥ 0.05, and so is never marked.
      if (row.difference.low <= 0 && row.difference.high >= 0 && row.difference.low < row.difference.high)
        expect(row.pValue).toBeGreaterThanOrEqual(0.0499);
    }
    // The smallest raw p-value is multiplied by the number of tests (Holm's first step), unless capped at 1.
    const smallest = ranked.reduce((best, row) => (row.pValue < best.pValue ? row : best));
    expect(smallest.holmPValue).toBeCloseTo(Math.min(1, smallest.pValue * ranked.length), 12);
  });

  it('lists under each chart the facts that read its weekly series or its summary numbers', async () => {
    const summary = runScenario(folder.scenarios.get('case') as Scenario, { weeks: 2 }).summary;
    for (const definition of chartDefinitions)
      expect(
        definition.summaries.filter((path) => !isSummaryPath(summary, path)),
        definition.name,
      ).toEqual([]);
    expect(
      Object.fromEntries(chartDefinitions.map((definition) => [definition.name, factsReadingChart(definition, folder.facts)])),
    ).toEqual({
      'staff-load': [1],
      'open-docking-threads': [],
      waste: [3],
      satisfaction: [7, 8, 9, 14],
      trust: [10],
      awareness: [5, 6],
    });
    expect(html).toContain('Checked by facts 7, 8, 9, 14.');
  });

  it('is headed by the case its facts file names, and cites the paper its facts come from', () => {
    expect(html).toContain('<h1>Reproducing the case: Y community in Z Street, Shanghai, 2018–2019</h1>');
    expect(html).toContain(
      'This report runs the case of Y community in Z Street, Shanghai, 2018–2019 (Qian Kun, 2024, Journal of Zhejiang Sci-Tech University 2024(8): 413–421)',
    );
    // The limits its facts file states, the overlaps among its facts among them.
    const limits = summarySentences(reproduction).find((sentence) => sentence.startsWith('The paper reports its outcome'));
    expect(limits).toContain('so the model is not fitted to measured values.');
    expect(limits).toContain("fact 6 comes down to fact 5's third check");
  });

  it('links, under a chart, the glossary entries that explain its words, each to an entry the page holds', () => {
    const section = (name: string) =>
      html.slice(html.indexOf(`<section class="chart" id="${name}">`), html.indexOf('</section>', html.indexOf(`id="${name}"`)));
    expect(section('staff-load')).toContain('In the glossary: <a href="#term-load">staff load</a>.');
    expect(section('open-docking-threads')).toContain(
      'In the glossary: <a href="#term-docking">docking thread (<span lang="zh-Hans">对接</span>)</a>; <a href="#term-fragmentation">fragmentation (<span lang="zh-Hans">碎片化</span>)</a>.',
    );
    for (const id of ['load', 'docking', 'fragmentation', 'waste', 'satisfaction']) expect(html).toContain(`id="term-${id}"`);
  });

  it('reads to a screen reader: each chart one image named by its heading and described by its reading, tables with headers, Chinese in Chinese', () => {
    expect(html).toMatch(/<body>\n<main>\n<h1>/);
    for (const chart of reproduction.charts) {
      const name = chart.definition.name;
      expect(html).toContain(`<svg role="img" aria-labelledby="${name}-title" aria-describedby="${name}-reading"`);
      expect(html).toContain(`<h3 id="${name}-title">`);
      expect(html).toContain(`<p class="reading" id="${name}-reading">`);
    }
    // The counterfactual tables: a caption, column headers, and each row headed by its metric.
    const table = html.slice(
      html.indexOf('<table class="numbers">'),
      html.indexOf('</table>', html.indexOf('<table class="numbers">')),
    );
    expect(table).toMatch(
      /^<table class="numbers"><caption>The case against [^<]+: means over 8 replicates, and the paired difference<\/caption>/,
    );
    expect(table).toContain('<th scope="col">Metric</th>');
    expect(table).toMatch(/<tr><th scope="row">[^<]+<\/th><td>/);
    // The paper's terms in the text are marked as Chinese; in a chart's SVG they are part of the one image.
    expect(html).toContain('(<span lang="zh-Hans">无感</span>)');
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).not.toContain('lang="zh-Hans"');
    // In report.md each chart's image says what the chart shows.
    const markdown = reportMarkdown(reproduction, context);
    const awareness = reproduction.charts.find((chart) => chart.definition.name === 'awareness');
    expect(awareness).toBeDefined();
    expect(markdown).toContain(
      `![Households aware of the renewal: ${chartReading(awareness as never, reproduction)}](charts/awareness.png)`,
    );
  });

  it('links to the explorer with the case loaded, where govsim explore serves it', () => {
    const href = explorerHref('z-street', 'case');
    expect(href).toBe('http://127.0.0.1:8080/#scenario=z-street/case');
    expect(html).toContain(`<a href="${href}">open the explorer with this case loaded</a>`);
    expect(html).toContain('<code>govsim explore --port 8080</code>');
    expect(caseNameFromCommand('govsim reproduce z-street --replicates 8')).toBe('z-street');
    expect(caseNameFromCommand('govsim reproduce --replicates 8')).toBeUndefined();
    expect(reportHtml(reproduction, { ...context, caseName: 'my-case' })).toContain('#scenario=my-case/case');
  });

  it('calls a probability fact whose difference points the claimed way, its interval reaching zero, undecided', () => {
    const probability = reproduction.facts.find((result) => result.kind === 'probability');
    if (probability?.kind !== 'probability') throw new Error('the case has a probability fact');
    const claim = { says: 'P(switch) > P(no switch)', holds: false, status: 'falls short' as const };
    const withFact = (difference: number, low: number, high: number) => ({
      ...reproduction,
      facts: reproduction.facts.map((result) =>
        result === probability
          ? { ...probability, status: 'falls short' as const, holds: false, claims: [{ ...claim, difference, low, high }] }
          : result,
      ),
    });
    const undecided = reportMarkdown(withFact(0.13, -0.01, 0.3), context);
    expect(undecided).toContain(
      `Undecided on ${reproduction.replicates} replicates rather than contradicted: the difference of probabilities points the claimed way (P(switch) > P(no switch)), but its 95% interval still reaches zero`,
    );
    // A difference the other way is not undecided: the intervals are left to show how far the claim is.
    const against = reportMarkdown(withFact(-0.2, -0.35, -0.05), context);
    expect(against).not.toContain('Undecided');
    expect(against).toContain('the probabilities above, with their intervals, show how far the claim is from holding');
    // Nor is a fact one of whose claims is undecided and another contradicted.
    const both = {
      ...reproduction,
      facts: reproduction.facts.map((result) =>
        result === probability
          ? {
              ...probability,
              status: 'falls short' as const,
              holds: false,
              claims: [
                { ...claim, difference: 0.13, low: -0.01, high: 0.3 },
                { ...claim, says: 'P(a) > P(b)', difference: -0.4, low: -0.6, high: -0.2 },
              ],
            }
          : result,
      ),
    };
    expect(reportMarkdown(both, context)).not.toContain('Undecided');
  });

  it('writes each fact statement in report.md on one line, whatever line breaks it holds', () => {
    const [first, ...rest] = reproduction.facts;
    if (first === undefined) throw new Error('the case has facts');
    const broken = { ...reproduction, facts: [{ ...first, statement: 'One.\n\n# Not a heading\n\n| a | b |' }, ...rest] };
    const markdown = reportMarkdown(broken, context);
    expect(markdown).toContain(`- **${first.id} ${first.title}** — One. # Not a heading | a | b |`);
    expect(markdown).not.toMatch(/^# Not a heading/m);
  });
});

describe("the report of a case of one's own", async () => {
  const folder = await loadCaseFolder('test/fixtures/tiny-case');
  const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 3 });
  const context = { version: 'test', command: 'govsim reproduce test/fixtures/tiny-case --replicates 3', explorable: false };
  const html = reportHtml(reproduction, context);
  const markdown = reportMarkdown(reproduction, context);

  it('is headed by the case and cites no paper when its facts file names none', () => {
    expect(html).toContain(`<h1>Reproducing the case: ${escapeHtml(reproduction.caseName)}</h1>`);
    expect(markdown.startsWith(`# Reproducing the case: ${reproduction.caseName}\n`)).toBe(true);
    // The glossary's terms are the model's, with Z Street for an example; the case itself is not said to be Z Street.
    for (const text of [html, markdown]) {
      expect(text).not.toContain('Qian');
      expect(text).not.toContain('case of Y community');
      expect(text).not.toMatch(/Reproducing the Z Street case/);
    }
    expect(html).toContain("It then checks the case's stylized facts");
    expect(summarySentences(reproduction)[1]).toContain("of the case's 3 stylized facts");
  });

  it('draws the scenarios of its headline contrast beside the case, and compares the case with the first', () => {
    expect(reproduction.contrast).toEqual({ from: 'administrative-led', to: 'co-production' });
    const [chart] = reproduction.charts;
    const names = (key: string) => folder.scenarios.get(key)?.name as string;
    expect(chart?.series.map((series) => series.label)).toEqual([
      `${names('case')} (the case)`,
      names('administrative-led'),
      names('co-production'),
    ]);
    expect(
      summarySentences(reproduction).some((sentence) =>
        sentence.startsWith(`Against the scenario ${names('administrative-led')}, the case has`),
      ),
    ).toBe(true);
  });

  it('says in brief how its facts fare across the assumptions when the robustness run is included', () => {
    const row = (id: number, title: string, holding: number) => ({
      id,
      title,
      draws: 10,
      holding,
      fallingShort: 10 - holding,
      notApplicable: 0,
      holdingShare: holding / 10,
      breakers: [],
    });
    const robustness = {
      source: 'out/robustness-tiny-case',
      samples: 10,
      replicates: 4,
      rows: [row(1, 'Interfaces', 10), row(2, 'Awareness', 6)],
      contrasts: [],
      joint: { allApplicable: 10, allHolding: 6 },
    };
    const sentences = summarySentences(reproduction, { robustnessIncluded: true, robustness });
    // Each share with its Wilson interval, as the robustness table gives it; 6 of 10 is 60% [31%, 83%], which these
    // draws cannot tell from four in five, 2 of 10 (20% [6%, 51%]) they can.
    expect(sentences).toContain(
      'Across 10 draws of the assumed parameters (the robustness section), fact 2 (Awareness, 60% [31%, 83%] of draws) holds in fewer than four in five (its Wilson 95% interval reaches 80%, so these draws cannot tell it from four in five); all hold at once in 6 of the 10 draws in which all apply.',
    );
    expect(
      summarySentences(reproduction, {
        robustnessIncluded: true,
        robustness: { ...robustness, rows: [...robustness.rows, row(3, 'Trust', 2)] },
      }),
    ).toContain(
      'Across 10 draws of the assumed parameters (the robustness section), fact 2 (Awareness, 60% [31%, 83%] of draws) and fact 3 (Trust, 20% [6%, 51%] of draws) hold in fewer than four in five (Wilson 95% intervals; that of fact 2 reaches 80%, so these draws cannot tell it from four in five); all hold at once in 6 of the 10 draws in which all apply.',
    );
    expect(summarySentences(reproduction).some((sentence) => sentence.startsWith('Across '))).toBe(false);
    // A fact that applies in no draw is named as such, and no count of draws where all apply is made of none.
    const never = { ...row(3, 'Switch', 0), fallingShort: 0, holdingShare: Number.NaN };
    expect(
      summarySentences(reproduction, {
        robustnessIncluded: true,
        robustness: { ...robustness, rows: [row(1, 'Interfaces', 10), never], joint: { allApplicable: 0, allHolding: 0 } },
      }),
    ).toContain(
      'Across 10 draws of the assumed parameters (the robustness section), every fact that applies holds in at least four draws in five; fact 3 (Switch) applies in none.',
    );
    // Where the supplements came from is said with how to reproduce the report.
    const withSupplements = reportHtml(reproduction, {
      ...context,
      supplements: {
        robustness: { ...robustness, command: 'govsim robustness test/fixtures/tiny-case --samples 10', govsim: '0.4.0' },
        contrasts: { source: 'out/assumptions', method: 'morris', rows: [] },
      },
    });
    const reproducing = withSupplements.slice(withSupplements.indexOf('<h2 id="reproducing">'));
    expect(reproducing).toContain(
      'The robustness table was read from out/robustness-tiny-case, made by <code>govsim robustness test/fixtures/tiny-case --samples 10</code> (govsim 0.4.0).',
    );
    expect(reproducing).toContain('The sensitivity table was read from the analysed sweep out/assumptions');
  });

  it('suggests the commands that add what it leaves out for this case, its folder quoted for a shell', () => {
    const spaced = reportMarkdown(reproduction, { ...context, caseArgument: 'my cases/tiny-case' });
    expect(spaced).toContain("run `govsim robustness 'my cases/tiny-case' --samples 60 --replicates 40`");
    expect(spaced).toContain("`govsim reproduce 'my cases/tiny-case' --sensitivity out/assumptions`");
    expect(markdown).toContain('run `govsim robustness test/fixtures/tiny-case --samples 60 --replicates 40`');
  });

  it('names its counterfactuals by their scenario names, in the HTML and the Markdown alike', () => {
    const keys = [...new Set(reproduction.counterfactuals.map((row) => row.scenario))];
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const name = folder.scenarios.get(key)?.name as string;
      expect(name).not.toBe(key);
      expect(html).toContain(`<h3>${escapeHtml(name)}</h3>`);
      const rows = markdown.split('\n').filter((line) => line.startsWith(`| ${name} | `));
      expect(rows).toHaveLength(reproduction.counterfactuals.filter((row) => row.scenario === key).length);
      expect(markdown).not.toContain(`| ${key} | `);
    }
  });

  it('describes the case, its events and each counterfactual in report.md, as the HTML does', () => {
    const course = markdown.slice(markdown.indexOf('## The case’s course'), markdown.indexOf('## Stylized facts'));
    expect(course).toContain(folder.scenarios.get('case')?.description as string);
    expect(reproduction.events.length).toBeGreaterThan(0);
    for (const event of reproduction.events) expect(course).toContain(`- week ${event.week}: ${event.event}`);
    const counterfactuals = markdown.slice(markdown.indexOf('## Counterfactuals against the case'));
    for (const key of new Set(reproduction.counterfactuals.map((row) => row.scenario))) {
      const scenario = folder.scenarios.get(key);
      expect(counterfactuals).toContain(`- **${scenario?.name}**: ${scenario?.description}`);
    }
  });

  it("says under each chart which of the case's own facts read its quantity", () => {
    // The tiny case's fact 2 reads the aware share; no other of its facts reads a charted quantity.
    expect(reproduction.charts.map((chart) => [chart.definition.name, chart.facts])).toEqual(
      chartDefinitions.map((definition) => [definition.name, definition.column === 'awareShare' ? [2] : []]),
    );
    const checked = [...markdown.matchAll(/Checked by facts? ([\d, ]+)\./g)].map((match) => match[1]);
    expect(checked).toEqual(['2']);
  });

  it('compares each run measure of an extended model between the case and its counterfactuals, after the built-in metrics', async () => {
    // A run measure that counts the projects done: its rows must agree with the built-in count's.
    const model = defineModel({
      name: 'counting',
      extensions: [
        defineExtension({
          name: 'counter',
          description: 'Counts what is done.',
          runMeasures: {
            done: {
              description: 'Projects done.',
              value: ({ state }) => state.projects.filter((project) => project.status === 'done').length,
            },
          },
        }),
      ],
    });
    const extended = await loadCaseFolder('test/fixtures/tiny-case', { model });
    const under = await reproduceCase(extended.facts, extended.scenarios, { replicates: 3, model });
    const rows = (metric: string) => under.counterfactuals.filter((row) => row.metric === metric);
    expect(rows('extensions.counter.done').length).toBeGreaterThan(0);
    expect(rows('extensions.counter.done').map((row) => [row.scenario, row.label, row.caseMean, row.otherMean])).toEqual(
      rows('completion.projectsDone').map((row) => [row.scenario, 'counter.done', row.caseMean, row.otherMean]),
    );
    expect(reportMarkdown(under, context)).toContain('| counter.done |');
  });

  it('under a model module, suggests commands that name it and does not send the reader to the explorer', () => {
    const model = { file: '/x/my model.js', hash: 'abc' };
    const under = reportMarkdown(reproduction, { ...context, explorable: true, caseArgument: 'tiny-case', model });
    expect(under).not.toContain('open the explorer');
    expect(under).toContain("`govsim robustness tiny-case --model '/x/my model.js' --samples 60 --replicates 40`");
    expect(under).toContain("`govsim reproduce tiny-case --model '/x/my model.js' --robustness DIR`");
    // The shipped screen of the assumptions runs the model as shipped: the module's own screen is suggested.
    expect(under).toContain("`govsim assumptions-experiment --model '/x/my model.js' --out assumptions.json`");
    expect(under).not.toContain('experiments/assumptions-sensitivity.json');
    expect(reportHtml(reproduction, { ...context, explorable: true, model })).not.toContain('open the explorer');
  });

  it('links to the explorer only when asked to, then to the explorer served with its folder', () => {
    expect(html).not.toContain('open the explorer');
    expect(markdown).not.toContain('open the explorer');
    // Served with its folder, the explorer opens it under the folder's name.
    const served = reportHtml(reproduction, {
      ...context,
      explorable: true,
      caseName: 'tiny-case',
      exploreFolder: 'my cases/tiny-case',
    });
    expect(served).toContain(`<code>${escapeHtml("govsim explore 'my cases/tiny-case' --port 8080")}</code>`);
    // A folder name that a shell or an address would read otherwise is quoted for the one and encoded for the other.
    const odd = reportMarkdown(reproduction, { ...context, explorable: true, caseName: 'a+b&c', exploreFolder: '/x/a+b&c' });
    expect(odd).toContain("`govsim explore '/x/a+b&c' --port 8080`");
    expect(odd).toContain('`#scenario=a%2Bb%26c/case`');
    expect(odd).toContain('(http://127.0.0.1:8080/#scenario=a%2Bb%26c/case)');
    expect(served).toContain(`<a href="${explorerHref('tiny-case', 'case')}">open the explorer with this case loaded</a>`);
  });

  it('names the paper and states the limits its facts file gives', () => {
    const about = {
      title: 'T community, 2020',
      paper: 'A. Author, 2021, A Journal 1: 1–10',
      limits: 'The paper gives no numbers.',
    };
    const cited = { ...reproduction, about };
    const citedHtml = reportHtml(cited, context);
    expect(citedHtml).toContain('<h1>Reproducing the case: T community, 2020</h1>');
    expect(citedHtml).toContain('This report runs the case of T community, 2020 (A. Author, 2021, A Journal 1: 1–10) and its');
    expect(citedHtml).toContain("It then checks the paper's stylized facts");
    const sentences = summarySentences(cited);
    expect(sentences[1]).toContain('of the 3 stylized facts drawn from the paper');
    expect(sentences.at(-2)).toBe('The paper gives no numbers.');
    expect(reportMarkdown(cited, context)).toContain('The stylized facts are from A. Author, 2021, A Journal 1: 1–10.');
  });
});

describe('the report of a case whose facts name no headline contrast', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'govsim-no-contrast-'));
  await cp('test/fixtures/tiny-case', directory, { recursive: true });
  const facts = JSON.parse(await readFile(join(directory, 'facts.json'), 'utf8'));
  delete facts.contrast;
  await writeFile(join(directory, 'facts.json'), JSON.stringify(facts));
  const folder = await loadCaseFolder(directory);
  const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 2 });
  const context = { version: 'test', command: 'govsim reproduce my-case --replicates 2', explorable: false };

  it('says its charts show the case alone, and leaves out the reading of counterfactuals it has none of', () => {
    expect(reproduction.charts.every((chart) => chart.series.length === 1)).toBe(true);
    for (const text of [reportHtml(reproduction, context), reportMarkdown(reproduction, context)]) {
      expect(text).toContain('for the case alone');
      expect(text).not.toContain('two counterfactuals');
      expect(text).not.toMatch(/At week \d+, \./);
    }
  });
});

describe('the report of a case one of whose scenarios has another world', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'govsim-other-world-'));
  await cp('test/fixtures/tiny-case', directory, { recursive: true });
  const scenario = JSON.parse(await readFile(join(directory, 'administrative-led.json'), 'utf8'));
  scenario.world.communities[0].households = 150;
  scenario.world.communities[0].residents = 450;
  await writeFile(join(directory, 'administrative-led.json'), JSON.stringify(scenario));
  const folder = await loadCaseFolder(directory);
  const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 2 });

  it('does not say that every difference is measured on the same simulated worlds, and names the scenario that is not', () => {
    expect(reproduction.scenarios.map((entry) => [entry.key, entry.sameWorldAsCase])).toEqual(
      expect.arrayContaining([
        ['administrative-led', false],
        ['co-production', true],
      ]),
    );
    const [ran] = summarySentences(reproduction);
    expect(ran).not.toContain('on the same simulated worlds');
    expect(ran).toContain('administrative-led has another world than the case scenario');
  });
});

describe('the report of a case two of whose scenarios have one name', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'govsim-one-name-'));
  await cp('test/fixtures/tiny-case', directory, { recursive: true });
  const named = JSON.parse(await readFile(join(directory, 'administrative-led.json'), 'utf8')).name;
  const copy = JSON.parse(await readFile(join(directory, 'co-production.json'), 'utf8'));
  copy.name = named;
  await writeFile(join(directory, 'co-production.json'), JSON.stringify(copy));
  const folder = await loadCaseFolder(directory);
  const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 2 });

  it('tells them apart by their keys, in its scenarios and in every chart’s series, rather than merging them', () => {
    const names = reproduction.scenarios.map((scenario) => scenario.name);
    expect(names).toContain(`${named} (administrative-led)`);
    expect(names).toContain(`${named} (co-production)`);
    for (const chart of reproduction.charts)
      expect(new Set(chart.series.map((series) => series.label)).size).toBe(chart.series.length);
  });
});
