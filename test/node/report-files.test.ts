/** Report files: PNG charts when the optional renderer loads; SVG, HTML and a notice when it does not. */

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyseSweep,
  chartPngRenderer,
  loadCaseFolder,
  loadExperiment,
  loadPngRenderer,
  type PngRendererLoader,
  pngRendererPackage,
  runSweep,
  svgToPng,
  writeReport,
  writeRunOutputs,
} from '../../src/node/index.js';
import { bundledChineseFontFile, chartFontOptions } from '../../src/node/report-files.js';
import { chartChineseFontFamily, reproduceCase } from '../../src/report/index.js';
import type { Scenario } from '../../src/scenario/index.js';
import { runScenario } from '../../src/simulation/index.js';

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const missing: PngRendererLoader = async () => ({
  renderer: undefined,
  reason: `the optional PNG renderer ${pngRendererPackage} is not installed; install it with \`npm install ${pngRendererPackage}\``,
});
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="teal"/></svg>';

describe('the PNG renderer', () => {
  it('loads resvg once, when it is installed, and draws at twice the size', async () => {
    const first = await loadPngRenderer();
    expect(first.renderer).toBeDefined();
    expect(await loadPngRenderer()).toBe(first);
    const png = await svgToPng(svg);
    expect([...png.subarray(0, 8)]).toEqual(pngSignature);
    // Width and height in the IHDR chunk: 2 × 20 by 2 × 10.
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([40, 20]);
  });

  it('writes a notice, and no renderer, when the loader finds none', async () => {
    const notices: string[] = [];
    const load = await chartPngRenderer({ loadPngRenderer: missing, notice: (text) => notices.push(text) });
    expect(load.renderer).toBeUndefined();
    expect(notices).toEqual([
      'govsim: PNG charts skipped: the optional PNG renderer @resvg/resvg-js is not installed; install it with `npm install @resvg/resvg-js`\n',
    ]);
  });
});

describe('Chinese terms in PNG charts', async () => {
  const { Resvg } = await import('@resvg/resvg-js');
  const files = chartFontOptions().fontFiles ?? [];
  const chinese = bundledChineseFontFile();
  // System fonts off: only the files given, with and without the bundled Chinese font.
  const withFont = { loadSystemFonts: false, fontFiles: [...new Set([...files, chinese])], defaultFontFamily: 'DejaVu Sans' };
  const withoutFont = { ...withFont, fontFiles: files.filter((file) => file !== chinese) };
  const pixels = (svg: string, font: typeof withFont) => new Resvg(svg, { font, background: 'white' }).render().pixels;
  const character = (text: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><text x="4" y="32" font-family="${chartChineseFontFamily}" font-size="30">${text}</text></svg>`;
  const inked = (image: Buffer) => image.some((value, index) => index % 4 !== 3 && value < 128);

  it('draws each character of a term as its own glyph with the bundled font, and no glyphs without it', () => {
    const term = [...'疲于奔命'];
    const drawn = term.map((text) => pixels(character(text), withFont));
    expect(drawn.every(inked)).toBe(true);
    expect(new Set(drawn.map((image) => image.toString('base64'))).size).toBe(term.length);
    // Without the font every character comes out the same (a missing-glyph box, or nothing): no glyphs.
    const missing = term.map((text) => pixels(character(text), withoutFont).toString('base64'));
    expect(new Set(missing).size).toBe(1);
    expect(missing[0]).not.toBe(drawn[0]?.toString('base64'));
  });

  it('draws the paper’s term in a chart’s subtitle with the bundled font', async () => {
    const folder = await loadCaseFolder('test/fixtures/tiny-case');
    const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 2 });
    const chart = reproduction.charts.find((entry) => entry.definition.name === 'staff-load');
    expect(chart?.svg).toContain('疲于奔命');
    const svg = chart?.svg ?? '';
    // Another term of as many characters: drawn differently with the font (glyphs), alike without it (boxes).
    const other = svg.replaceAll('疲于奔命', '行政主导');
    expect(pixels(svg, withFont).equals(pixels(other, withFont))).toBe(false);
    expect(pixels(svg, withoutFont).equals(pixels(other, withoutFont))).toBe(true);
  });
});

describe('writeReport without the optional PNG renderer', async () => {
  const folder = await loadCaseFolder('test/fixtures/tiny-case');
  const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 2 });
  const directory = await mkdtemp(join(tmpdir(), 'govsim-report-'));
  const notices: string[] = [];
  const written = await writeReport(
    directory,
    reproduction,
    { version: 'test', command: 'govsim reproduce test/fixtures/tiny-case --replicates 2' },
    { loadPngRenderer: missing, notice: (text) => notices.push(text) },
  );

  it('still writes the page, the Markdown and every chart as SVG and Vega-Lite spec, but no PNG', async () => {
    const charts = await readdir(join(directory, 'charts'));
    expect(charts.filter((name) => name.endsWith('.png'))).toEqual([]);
    expect(charts.filter((name) => name.endsWith('.svg'))).toHaveLength(reproduction.charts.length);
    expect(charts.filter((name) => name.endsWith('.vl.json'))).toHaveLength(reproduction.charts.length);
    expect(written).toEqual(expect.arrayContaining(['index.html', 'report.md', 'manifest.json']));
    expect(written.some((name) => name.endsWith('.png'))).toBe(false);
    expect(await readFile(join(directory, 'index.html'), 'utf8')).toContain('<svg');
  });

  it('shows the SVG charts in report.md, so that every image it links is in the folder', async () => {
    const markdown = await readFile(join(directory, 'report.md'), 'utf8');
    const images = [...markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1] as string);
    expect(images).toEqual(reproduction.charts.map((chart) => `charts/${chart.definition.name}.svg`));
    for (const image of images) expect(written).toContain(image);
  });

  it('links every file that holds its data, from the page and from report.md, each one written (the PNGs not)', async () => {
    const html = await readFile(join(directory, 'index.html'), 'utf8');
    const markdown = await readFile(join(directory, 'report.md'), 'utf8');
    const fromPage = [...html.matchAll(/href="([^"#:]+)"/g)].map((match) => match[1] as string);
    const fromMarkdown = [...markdown.matchAll(/[^!]\[`[^`]+`\]\(([^)]+)\)/g)].map((match) => match[1] as string);
    for (const links of [fromPage, fromMarkdown]) {
      expect([...new Set(links)].sort()).toEqual(written.filter((name) => !['index.html', 'report.md'].includes(name)).sort());
    }
    expect(html).toContain('the paired difference counterfactual − case (the other way from <code>findings.csv</code>)');
  });

  it('says so once on the notice channel and in the manifest', async () => {
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('PNG charts skipped');
    const manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8'));
    expect(manifest.pngSkipped).toContain(`${pngRendererPackage} is not installed`);
    expect(manifest.files).toEqual(written);
  });

  it('writes the PNGs, and no pngSkipped, with the renderer', async () => {
    const withPng = await mkdtemp(join(tmpdir(), 'govsim-report-'));
    const names = await writeReport(withPng, reproduction, { version: 'test', command: 'test' });
    expect(names.filter((name) => name.endsWith('.png'))).toHaveLength(reproduction.charts.length);
    const markdown = await readFile(join(withPng, 'report.md'), 'utf8');
    for (const chart of reproduction.charts) expect(markdown).toContain(`](charts/${chart.definition.name}.png)`);
    expect(JSON.parse(await readFile(join(withPng, 'manifest.json'), 'utf8')).pngSkipped).toBeUndefined();
  });
});

describe('writeReport into a folder holding an earlier report', async () => {
  const folder = await loadCaseFolder('test/fixtures/tiny-case');
  const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 2 });
  const pngCharts = reproduction.charts.map((chart) => `charts/${chart.definition.name}.png`);

  it('removes what the earlier one wrote and this one does not, and nothing else', async () => {
    // A sensitivity supplement's source: an analysed sweep with its contrast table.
    const sweep = await mkdtemp(join(tmpdir(), 'govsim-sweep-'));
    await mkdir(join(sweep, 'analysis'));
    await writeFile(join(sweep, 'analysis', 'contrast-sign.csv'), 'from,to,metric\n');
    // A Latin-hypercube sweep's: its drivers' table is copied beside the signs.
    await writeFile(join(sweep, 'analysis', 'contrast-prcc.csv'), 'from,to,metric,factor,prcc,pValue,points\n');
    const directory = await mkdtemp(join(tmpdir(), 'govsim-report-'));
    const context = { version: 'test', command: 'test' };
    const first = await writeReport(directory, reproduction, {
      ...context,
      supplements: { contrasts: { source: sweep, method: 'prcc', rows: [] } },
    });
    expect(first).toEqual(
      expect.arrayContaining(['data/sensitivity/contrast-sign.csv', 'data/sensitivity/contrast-prcc.csv', ...pngCharts]),
    );
    // Left by a report stopped while writing the supplement's table (its process gone), and a file of one's own.
    await writeFile(join(directory, 'data', 'sensitivity', 'contrast-sign.csv.govsim-tmp-999999999-1'), 'half');
    await writeFile(join(directory, 'notes.txt'), 'mine');
    const second = await writeReport(directory, reproduction, context, { loadPngRenderer: missing, notice: () => {} });
    expect(existsSync(join(directory, 'data', 'sensitivity'))).toBe(false);
    for (const png of pngCharts) expect(existsSync(join(directory, png))).toBe(false);
    expect(await readFile(join(directory, 'notes.txt'), 'utf8')).toBe('mine');
    for (const name of second) expect(existsSync(join(directory, name))).toBe(true);
  });

  it('refuses, as the command line does, a folder of another output or a case folder, writing nothing', async () => {
    const scenario = [...folder.scenarios.values()][0] as Scenario;
    const run = await mkdtemp(join(tmpdir(), 'govsim-run-'));
    await writeRunOutputs(run, scenario, runScenario(scenario, { weeks: 2 }), null);
    const before = (await readdir(run)).sort();
    await expect(writeReport(run, reproduction, { version: 'test', command: 'test' })).rejects.toThrow(
      `${run}: invalid output folder\n  - (top level): holds a run: writing a report there would mix the two; choose another directory`,
    );
    expect((await readdir(run)).sort()).toEqual(before);
    await expect(writeReport('test/fixtures/tiny-case', reproduction, { version: 'test', command: 'test' })).rejects.toThrow(
      "is a case folder (it holds facts.json): the report's files would be read with its scenarios",
    );
    // And a run written over a report.
    const report = await mkdtemp(join(tmpdir(), 'govsim-report-'));
    await writeReport(report, reproduction, { version: 'test', command: 'test' }, { loadPngRenderer: missing, notice: () => {} });
    await expect(writeRunOutputs(report, scenario, runScenario(scenario, { weeks: 2 }), null)).rejects.toThrow(
      'holds a report: writing a run there would mix the two; choose another directory',
    );
  });
});

describe('analyseSweep without the optional PNG renderer', () => {
  it('writes the SVG charts and says that the PNGs were skipped', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-analyze-')), 'sweep');
    await runSweep(await loadExperiment('test/fixtures/tiny-saltelli.json'), { out, workers: 1 });
    const notices: string[] = [];
    const analysis = await analyseSweep(out, join(out, 'analysis'), {
      loadPngRenderer: missing,
      notice: (text) => notices.push(text),
    });
    expect(analysis.files.some((path) => path.endsWith('.svg'))).toBe(true);
    expect(analysis.files.some((path) => path.endsWith('.png'))).toBe(false);
    expect(analysis.pngSkipped).toContain('is not installed');
    expect(notices).toHaveLength(1);
  });
});
