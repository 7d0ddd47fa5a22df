/** The report generated end to end, small: every chart and the facts table are in the HTML, and each file is written. */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCaseFolder, writeReport } from '../../src/node/index.js';
import { chartDefinitions, reproduceCase } from '../../src/report/index.js';

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
      [...chartDefinitions.map((chart) => `${chart.name}.csv`), 'counterfactuals.csv', 'facts.csv'].sort(),
    );
    const manifest = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8'));
    expect(manifest.replicates).toBe(6);
    expect(manifest.seeds).toHaveLength(6);
    expect(manifest.scenarios.map((scenario: { key: string }) => scenario.key)).toContain('case');
    expect(written).toContain('report.md');
  });

  it('puts every chart inline, with axes, legend, phases and a paragraph', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link |src="http/);
    for (const chart of chartDefinitions) {
      const start = html.indexOf(`<section class="chart" id="${chart.name}">`);
      expect(start, chart.name).toBeGreaterThan(0);
      const section = html.slice(start, html.indexOf('</section>', start));
      expect(section).toContain('<svg');
      expect(section).toContain('Week (1 = first week of 2018)');
      expect(section).toContain(chart.axisTitle.replaceAll('&', '&amp;'));
      expect(section).toContain('Scenario');
      expect(section).toContain('implementation');
      expect(section).toContain(`<p>${chart.about.slice(0, 15)}`);
    }
  });

  it('holds the facts table with every fact and the counterfactual comparison', () => {
    const table = html.slice(
      html.indexOf('<table class="facts">'),
      html.indexOf('</table>', html.indexOf('<table class="facts">')),
    );
    for (const fact of folder.facts.facts) expect(table).toContain(`<td>${fact.id}</td>`);
    expect(table).toContain('<th>n/a</th><th>Status</th>');
    expect(table).toMatch(/<td>(holds|falls short|not applicable)<\/td><\/tr>/);
    expect(table).not.toMatch(/PASS|FAIL|reproduced/);
    expect(html).toContain('Counterfactuals against the case');
    expect(html).toContain('administrative-led-throughout');
  });
});
