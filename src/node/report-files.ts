/**
 * Writing a reproduction to a folder: index.html (self-contained), report.md,
 * charts as SVG and PNG with their Vega-Lite specs, the data as CSV, and a
 * manifest (version, scenario hashes, seeds). PNGs are rasterised by resvg
 * with the DejaVu Sans font when it is installed (Debian: fonts-dejavu-core),
 * so they come out the same on every such machine.
 */
import { existsSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import {
  chartCsv,
  counterfactualsCsv,
  factsCsv,
  type ReportContext,
  type Reproduction,
  reportHtml,
  reportMarkdown,
} from '../report/index.js';
import { toJson } from '../simulation/index.js';
import { writeFilesAtomically } from './output.js';

const fontFolders = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/local/share/fonts/dejavu',
  '/Library/Fonts',
];

/** Font options for resvg: DejaVu Sans files when found, else the system's fonts. */
export function chartFontOptions(): ResvgRenderOptions['font'] {
  for (const folder of fontFolders) {
    const files = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) => `${folder}/${name}`).filter((path) => existsSync(path));
    if (files.length > 0) return { loadSystemFonts: false, fontFiles: files, defaultFontFamily: 'DejaVu Sans' };
  }
  return { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' };
}

/** Rasterises an SVG to PNG at twice its size. */
export function svgToPng(svg: string): Uint8Array {
  return new Resvg(svg, { font: chartFontOptions(), fitTo: { mode: 'zoom', value: 2 }, background: 'white' }).render().asPng();
}

export interface ReportManifest {
  govsim: string;
  node: string;
  command: string;
  case: string;
  replicates: number;
  seeds: number[];
  scenarios: Array<{ key: string; name: string; hash: string }>;
  files: string[];
}

/** Writes every file of the report; returns their paths relative to `directory`. */
export async function writeReport(directory: string, reproduction: Reproduction, context: ReportContext): Promise<string[]> {
  const files = new Map<string, string | Uint8Array>();
  files.set('index.html', reportHtml(reproduction, context));
  files.set('report.md', reportMarkdown(reproduction, context));
  for (const chart of reproduction.charts) {
    files.set(`charts/${chart.definition.name}.svg`, chart.svg);
    files.set(`charts/${chart.definition.name}.png`, svgToPng(chart.svg));
    files.set(`charts/${chart.definition.name}.vl.json`, toJson(chart.spec));
    files.set(`data/${chart.definition.name}.csv`, chartCsv(chart));
  }
  files.set('data/facts.csv', factsCsv(reproduction));
  files.set('data/counterfactuals.csv', counterfactualsCsv(reproduction));
  const names = [...files.keys(), 'manifest.json'];
  const manifest: ReportManifest = {
    govsim: context.version,
    node: process.version,
    command: context.command,
    case: reproduction.caseKey,
    replicates: reproduction.replicates,
    seeds: reproduction.seeds,
    scenarios: reproduction.scenarios.map(({ key, name, hash }) => ({ key, name, hash })),
    files: names,
  };
  files.set('manifest.json', toJson(manifest));
  await writeFilesAtomically(directory, files);
  return names;
}
