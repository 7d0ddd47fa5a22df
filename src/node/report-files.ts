/**
 * Writing a reproduction to a folder: index.html (self-contained), report.md,
 * charts as SVG and PNG with their Vega-Lite specs, the data as CSV (with the
 * captions' computed claims), and a manifest (version, scenario hashes,
 * seeds). PNGs are rasterised by resvg with the DejaVu Sans font when it is
 * installed (Debian: fonts-dejavu-core) and the bundled Noto Sans SC subset for
 * the paper's Chinese terms, so they come out the same on every such machine,
 * Chinese font or not. resvg is an optional dependency, loaded only when a PNG
 * is written: without it the report keeps its SVG charts and HTML, and says
 * that the PNGs were skipped.
 */
import { createHash } from 'node:crypto';
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReportArguments } from '../report/document.js';
import {
  bundledChineseFont,
  chartCsv,
  checksCsv,
  contrastIndicesFiles,
  counterfactualsCsv,
  factsCsv,
  findingsCsv,
  onsetsCsv,
  type ReportContext,
  type Reproduction,
  reportHtml,
  reportMarkdown,
  svgWithChineseFont,
} from '../report/index.js';
import { type ArgumentCheck, checkArgumentWith } from '../simulation/arguments.js';
import { toJson } from '../simulation/index.js';
import { removeStaleTemporaryFiles } from './atomic-files.js';
import { writeFilesAtomically } from './output.js';
import { checkOutputFolder, folderContents } from './output-folder.js';

/** The package that rasterises charts to PNG; an optional dependency. */
export const pngRendererPackage = '@resvg/resvg-js';

const fontFolders = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/local/share/fonts/dejavu',
  '/Library/Fonts',
];

/** Font options of the PNG renderer: which fonts it may use and which it prefers. */
export interface ChartFontOptions {
  loadSystemFonts: boolean;
  fontFiles?: string[];
  defaultFontFamily: string;
}

/**
 * The bundled Chinese font (a Noto Sans SC subset) as a file, for renderers
 * that read fonts from files: written once to the system's temporary folder,
 * under a name made from its content, and reused.
 */
export function bundledChineseFontFile(): string {
  const bytes = bundledChineseFont();
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const path = join(tmpdir(), `govsim-noto-sans-sc-subset-${digest}.ttf`);
  if (existsSync(path) && statSync(path).size === bytes.length) return path;
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
  return path;
}

/**
 * Font options for resvg: DejaVu Sans files when found, else the system's
 * fonts; and always the bundled Chinese font, so that the paper's terms are
 * drawn without a Chinese font on the system.
 */
export function chartFontOptions(): ChartFontOptions {
  const chinese = bundledChineseFontFile();
  for (const folder of fontFolders) {
    const files = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) => `${folder}/${name}`).filter((path) => existsSync(path));
    if (files.length > 0) return { loadSystemFonts: false, fontFiles: [...files, chinese], defaultFontFamily: 'DejaVu Sans' };
  }
  return { loadSystemFonts: true, fontFiles: [chinese], defaultFontFamily: 'DejaVu Sans' };
}

/** Turns an SVG into PNG bytes. */
export type PngRenderer = (svg: string) => Uint8Array;

/** The PNG renderer, or why there is none (the optional renderer is not installed or does not load). */
export type PngRendererLoad = { renderer: PngRenderer } | { renderer: undefined; reason: string };

/** Loads the PNG renderer; the report writers take another loader in tests. */
export type PngRendererLoader = () => Promise<PngRendererLoad>;

interface ResvgModule {
  Resvg: new (
    svg: string,
    options: { font: ChartFontOptions; fitTo: { mode: 'zoom'; value: number }; background: string },
  ) => { render(): { asPng(): Uint8Array } };
}

let loading: Promise<PngRendererLoad> | undefined;

/**
 * Loads resvg with a dynamic import, once: a renderer drawing at twice the
 * SVG's size on white, or the reason it is unavailable.
 */
export function loadPngRenderer(): Promise<PngRendererLoad> {
  loading ??= import(pngRendererPackage).then(
    (loaded: ResvgModule & { default?: ResvgModule }) => {
      const { Resvg } = loaded.Resvg === undefined && loaded.default !== undefined ? loaded.default : loaded;
      const font = chartFontOptions();
      const renderer: PngRenderer = (svg) =>
        new Resvg(svg, { font, fitTo: { mode: 'zoom', value: 2 }, background: 'white' }).render().asPng();
      return { renderer };
    },
    (error: unknown) => ({ renderer: undefined, reason: unavailableReason(error) }),
  );
  return loading;
}

/** Why the renderer did not load: not installed, or installed without a binary for this platform. */
function unavailableReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const missing = code === 'ERR_MODULE_NOT_FOUND' && message.includes(pngRendererPackage);
  const cause = missing ? 'is not installed' : `does not load here (${message.split('\n')[0]})`;
  return `the optional PNG renderer ${pngRendererPackage} ${cause}; install it with \`npm install ${pngRendererPackage}\``;
}

/** Rasterises an SVG to PNG at twice its size; rejects when the optional renderer is not installed. */
export async function svgToPng(svg: string): Promise<Uint8Array> {
  const load = await loadPngRenderer();
  if (load.renderer === undefined) throw new Error(`cannot write a PNG: ${load.reason}`);
  return load.renderer(svg);
}

/** How the report writers draw PNGs and where they say that PNGs were skipped. */
export interface ChartFileOptions {
  /** Loads the PNG renderer (default: {@link loadPngRenderer}). */
  loadPngRenderer?: PngRendererLoader;
  /** Where the notice that PNGs were skipped goes (default: stderr). */
  notice?: (text: string) => void;
}

/**
 * Checks a report writer's {@link ChartFileOptions}: none but `loadPngRenderer` and `notice`, each a function.
 * @throws ScenarioError with source "chart file options" naming the option
 */
export function checkChartFileOptions(options: unknown): void {
  checkArgumentWith('chart file options', (check: ArgumentCheck) => {
    const given = check.options(options, ['loadPngRenderer', 'notice']);
    check.callback(given.loadPngRenderer, 'loadPngRenderer');
    check.callback(given.notice, 'notice');
  });
}

/**
 * The PNG renderer of a report writer: loaded with `options`; when it is
 * unavailable, the notice that PNG charts are skipped is written first.
 * @throws ScenarioError with source "chart file options" naming an option unknown or not a function
 */
export async function chartPngRenderer(options: ChartFileOptions = {}): Promise<PngRendererLoad> {
  checkChartFileOptions(options);
  const load = await (options.loadPngRenderer ?? loadPngRenderer)();
  if (load.renderer === undefined) {
    (options.notice ?? ((text) => process.stderr.write(text)))(`govsim: PNG charts skipped: ${load.reason}\n`);
  }
  return load;
}

/** What a report folder's manifest.json records: how to make the report again and what it holds. */
export interface ReportManifest {
  /** The govsim version that made the report. */
  govsim: string;
  /** The Node.js version it ran on. */
  node: string;
  /** The command line that made it. */
  command: string;
  /** Scenario key of the case. */
  case: string;
  /** Paired replicates of every scenario. */
  replicates: number;
  /** The run seed of each replicate, shared by every scenario. */
  seeds: number[];
  /** Every scenario run: key, name and content hash. */
  scenarios: Array<{ key: string; name: string; hash: string }>;
  /** The files of the report folder, manifest.json included. */
  files: string[];
  /** Why the PNG charts were not written; absent when they were. */
  pngSkipped?: string;
  /** The model module the report's runs extended the model with (absolute path, hash of its text), when they did. */
  model?: { file: string; hash: string };
}

/** The supplements' CSV files to copy into the report, by their name there (`data/robustness/…`, `data/sensitivity/…`). */
function supplementFiles(context: ReportContext): Array<[string, string]> {
  const robustness = context.supplements?.robustness;
  const contrasts = context.supplements?.contrasts;
  const found: Array<[string, string]> = [];
  const add = (folder: string, names: readonly string[], under: string) => {
    for (const name of names) if (existsSync(join(folder, name))) found.push([`data/${under}/${name}`, join(folder, name)]);
  };
  if (robustness !== undefined) add(robustness.source, ['facts.csv', 'pairs.csv', 'contrasts.csv', 'draws.csv'], 'robustness');
  if (contrasts !== undefined)
    add(join(contrasts.source, 'analysis'), ['contrast-sign.csv', ...Object.values(contrastIndicesFiles)], 'sensitivity');
  return found;
}

/** The names a report writes: its pages, charts and tables (supplements' included), and its manifest. */
const reportFileName =
  /^(?:index\.html|report\.md|manifest\.json|charts\/[^/]+\.(?:svg|png|vl\.json)|data\/(?:(?:robustness|sensitivity)\/)?[^/]+\.csv)$/;

/**
 * The files an earlier report in `directory` wrote, as its manifest lists them (only names a report writes, so no
 * other file is ever taken for one); none unless the folder holds a report.
 */
async function earlierReportFiles(directory: string): Promise<string[]> {
  if ((await folderContents(directory)) !== 'report') return [];
  try {
    const { files } = JSON.parse(await readFile(join(directory, 'manifest.json'), 'utf8')) as { files?: unknown };
    return Array.isArray(files)
      ? files.filter((name): name is string => typeof name === 'string' && reportFileName.test(name))
      : [];
  } catch {
    return [];
  }
}

/**
 * Writes every file of the report, with the CSV files of its supplements (`data/robustness/`, `data/sensitivity/`);
 * returns their paths relative to `directory`.
 * @example
 * const folder = await loadCaseFolder('z-street');
 * const reproduction = await reproduceCase(folder.facts, folder.scenarios, { replicates: 200 });
 * // caseName: the case's name, for the link that opens the explorer with it (default: from `command`, else the case key).
 * await writeReport('out/report-z-street', reproduction, { version: govsimVersion(), command: 'my script', caseName: 'z-street' });
 * @throws ScenarioError naming the argument (`directory`, `reproduction`, `report context`, `chart file options`) and
 *   the field, when one is not what it should be, before anything is written; or naming `directory` (an output folder)
 *   when `govsim reproduce --out` would refuse it (see {@link checkOutputFolder})
 */
export async function writeReport(
  directory: string,
  reproduction: Reproduction,
  context: ReportContext,
  options: ChartFileOptions = {},
): Promise<string[]> {
  checkArgumentWith('directory', (check) => check.text(directory, '(top level)'), 'output folder');
  checkReportArguments(reproduction, context);
  checkChartFileOptions(options);
  // The command line's checks of its --out: not a file, a case folder, a shipped folder or one of another output.
  await checkOutputFolder(directory, 'report', 'directory');
  const files = new Map<string, string | Uint8Array>();
  files.set('index.html', reportHtml(reproduction, context));
  const png = reproduction.charts.length > 0 ? await chartPngRenderer(options) : undefined;
  // The Markdown shows the charts as PNG where they are drawn, else as the SVGs written beside them.
  files.set('report.md', reportMarkdown(reproduction, context, png?.renderer === undefined ? 'svg' : 'png'));
  for (const chart of reproduction.charts) {
    // The SVG file carries the glyphs of its Chinese text, to render alone; the PNG is drawn from the SVG as Vega drew it.
    files.set(`charts/${chart.definition.name}.svg`, svgWithChineseFont(chart.svg));
    if (png?.renderer !== undefined) files.set(`charts/${chart.definition.name}.png`, png.renderer(chart.svg));
    files.set(`charts/${chart.definition.name}.vl.json`, toJson(chart.spec));
    files.set(`data/${chart.definition.name}.csv`, chartCsv(chart));
  }
  files.set('data/facts.csv', factsCsv(reproduction));
  files.set('data/checks.csv', checksCsv(reproduction));
  files.set('data/counterfactuals.csv', counterfactualsCsv(reproduction));
  files.set('data/findings.csv', findingsCsv(reproduction));
  files.set('data/onsets.csv', onsetsCsv(reproduction));
  // The supplements' own tables travel with the report, as they were read.
  for (const [name, path] of supplementFiles(context)) files.set(name, await readFile(path));
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
    ...(png === undefined || png.renderer !== undefined ? {} : { pngSkipped: png.reason }),
    ...(context.model === undefined ? {} : { model: { file: context.model.file, hash: context.model.hash } }),
  };
  files.set('manifest.json', toJson(manifest));
  // An earlier report in the folder is replaced, not mixed with this one: what it wrote and this one does not (the
  // tables of a supplement given then and not now) is removed as the new files go into place, and afterwards a
  // temporary file a report stopped while writing a supplement's tables left behind.
  const earlier = await earlierReportFiles(directory);
  await writeFilesAtomically(directory, files, { replacing: earlier });
  for (const supplement of ['robustness', 'sensitivity']) {
    const folder = join(directory, 'data', supplement);
    await removeStaleTemporaryFiles([folder], { lockHeld: false });
    await rmdir(folder).catch(() => undefined);
  }
  return names;
}
