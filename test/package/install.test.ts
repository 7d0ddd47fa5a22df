/**
 * The package as an analyst gets it: `npm pack`, then installed from the
 * tarball into fresh projects — ES module, CommonJS (`npm init -y`),
 * TypeScript under nodenext, node16 and bundler resolution — each of which
 * parses a shipped scenario, runs it for a few weeks and prints the result.
 * One install serves every project (each is a folder with its own
 * package.json below it); a second, without optional dependencies, checks
 * that reports go on without the PNG renderer.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { runScenario } from '../../src/simulation/index.js';

const exec = promisify(execFile);
const repository = resolve('.');
const typescript = join(repository, 'node_modules', 'typescript', 'bin', 'tsc');
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const weeks = 4;

/** What every project must print: the shipped co-production scenario run for a few weeks, as JSON. */
const expected = JSON.parse(
  JSON.stringify({
    weeks,
    summary: runScenario(parseScenario(JSON.parse(readFileSync('scenarios/y-community-co-production.json', 'utf8'))), {
      replicate: 0,
      weeks,
    }).summary,
  }),
);

async function npm(folder: string, ...args: string[]): Promise<string> {
  return (await exec('npm', args, { cwd: folder, maxBuffer: 64 * 1024 * 1024 })).stdout;
}

async function node(folder: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return exec(process.execPath, args, { cwd: folder, maxBuffer: 64 * 1024 * 1024 });
}

/** A project folder below an install: its own package.json (so its own module type) and files. */
async function project(folder: string, files: Record<string, string>): Promise<string> {
  await mkdir(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}

const esmScript = `
import { parseScenario, runScenario } from 'govsim';
import { loadScenarioFile, resolveShippedScenario } from 'govsim/node';
import { renderSvg } from 'govsim/report';
const scenario = await loadScenarioFile(resolveShippedScenario('y-community-co-production'));
const run = runScenario(scenario, { replicate: 0, weeks: ${weeks} });
const svg = await renderSvg({ data: { values: [{ x: 1 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } });
if (!svg.startsWith('<svg')) throw new Error('no SVG');
if (typeof parseScenario !== 'function') throw new Error('no parseScenario');
console.log(JSON.stringify({ weeks: run.weeks.length, summary: run.summary }));
`;

const commonJsScript = `
const { readFileSync } = require('node:fs');
const { parseScenario, runScenario } = require('govsim');
const { resolveShippedScenario } = require('govsim/node');
const { renderSvg } = require('govsim/report');
const scenario = parseScenario(JSON.parse(readFileSync(resolveShippedScenario('y-community-co-production'), 'utf8')));
const run = runScenario(scenario, { replicate: 0, weeks: ${weeks} });
renderSvg({ data: { values: [{ x: 1 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } }).then((svg) => {
  if (!svg.startsWith('<svg')) throw new Error('no SVG');
  console.log(JSON.stringify({ weeks: run.weeks.length, summary: run.summary }));
});
`;

const typeScriptSource = `
import { readFileSync } from 'node:fs';
import { parseScenario, runScenario, type Scenario, type RunSummary } from 'govsim';
import { resolveShippedScenario } from 'govsim/node';
import type { ChartDefinition } from 'govsim/report';

const scenario: Scenario = parseScenario(JSON.parse(readFileSync(resolveShippedScenario('y-community-co-production'), 'utf8')));
const run = runScenario(scenario, { replicate: 0, weeks: ${weeks} });
const summary: RunSummary = run.summary;
const chart: ChartDefinition | undefined = undefined;
console.log(JSON.stringify({ weeks: run.weeks.length, summary, ...(chart ?? {}) }));
`;

/** A tsconfig for a Node project: strict, Node's types from this repository; `checkLibraries` checks govsim's declarations too. */
function nodeTsconfig(module: string, moduleResolution: string, checkLibraries: boolean): string {
  return JSON.stringify({
    compilerOptions: {
      module,
      moduleResolution,
      target: 'es2022',
      strict: true,
      skipLibCheck: !checkLibraries,
      outDir: 'out',
      types: ['node'],
      typeRoots: [join(repository, 'node_modules', '@types')],
    },
    files: ['main.ts'],
  });
}

describe('the packed package, installed into fresh projects', () => {
  let root = '';
  let tarball = '';
  let analyst = '';
  let minimal = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'govsim-install-'));
    await npm(repository, 'pack', '--pack-destination', root);
    const [name] = (await readdir(root)).filter((file) => file.endsWith('.tgz'));
    tarball = join(root, name as string);
    analyst = join(root, 'analyst');
    minimal = join(root, 'minimal');
    await Promise.all(
      [analyst, minimal].map(async (folder) => {
        await mkdir(folder);
        await npm(folder, 'init', '-y');
        const omit = folder === minimal ? ['--omit=optional'] : [];
        await npm(folder, 'install', tarball, '--no-audit', '--no-fund', '--prefer-offline', ...omit);
      }),
    );
  }, 400_000);

  // Two installs take about 80 MB.
  afterAll(async () => {
    if (root !== '') await rm(root, { recursive: true, force: true });
  });

  it('ships the built code, scenarios, examples and citation files, and no source maps or TypeScript sources but the examples', async () => {
    const { stdout } = await exec('tar', ['-tzf', tarball]);
    const files = stdout.split('\n').filter((line) => line.length > 0);
    for (const file of [
      'dist/src/index.js',
      'dist/src/report/index.js',
      'dist/src/node/index.d.ts',
      'dist/cli/bin.js',
      'dist/cli/sweep-worker.js',
    ])
      expect(files).toContain(`package/${file}`);
    for (const file of [
      'CITATION.cff',
      'codemeta.json',
      'scenarios/y-community-co-production.json',
      'experiments/two-halves.json',
      'examples/wechat-rumour/model.ts',
      'examples/budget-reallocation/run.ts',
      'LICENSE',
    ])
      expect(files).toContain(`package/${file}`);
    // The worked examples are TypeScript to read and run with tsx; nothing else is.
    const sources = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
    expect(sources.filter((file) => !file.startsWith('package/examples/'))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    // The command is the bundle in dist/cli: the compiled modules it was bundled from are not shipped again.
    expect(files.filter((file) => file.startsWith('package/dist/src/cli/'))).toEqual([]);
  });

  it('works from an ES module: every entry', async () => {
    const folder = await project(join(analyst, 'esm'), {
      'package.json': JSON.stringify({ name: 'esm', private: true, type: 'module' }),
      'main.js': esmScript,
    });
    expect(JSON.parse((await node(folder, 'main.js')).stdout)).toEqual(expected);
  }, 120_000);

  it('works from CommonJS with require (npm init -y)', async () => {
    expect(JSON.parse(readFileSync(join(analyst, 'package.json'), 'utf8')).type ?? 'commonjs').toBe('commonjs');
    await writeFile(join(analyst, 'main.js'), commonJsScript);
    const { stdout, stderr } = await node(analyst, 'main.js');
    expect(JSON.parse(stdout)).toEqual(expected);
    expect(stderr).toBe('');
  }, 120_000);

  it('type-checks and runs from TypeScript under nodenext and node16 resolution, CommonJS and ES module', async () => {
    const variants = [
      // Library checking is slow: once is enough to show that the declarations hold together.
      { name: 'ts-nodenext-commonjs', type: 'commonjs', module: 'nodenext', resolution: 'nodenext', checkLibraries: true },
      { name: 'ts-nodenext-module', type: 'module', module: 'nodenext', resolution: 'nodenext', checkLibraries: false },
      { name: 'ts-node16-module', type: 'module', module: 'node16', resolution: 'node16', checkLibraries: false },
      // TypeScript's module node16 stands for Node 16, which cannot require an ES module; node20 can.
      { name: 'ts-node16-commonjs', type: 'commonjs', module: 'node20', resolution: 'node16', checkLibraries: false },
    ];
    await Promise.all(
      variants.map(async (variant) => {
        const folder = await project(join(analyst, variant.name), {
          'package.json': JSON.stringify({ name: variant.name, private: true, type: variant.type }),
          'tsconfig.json': nodeTsconfig(variant.module, variant.resolution, variant.checkLibraries),
          'main.ts': typeScriptSource,
        });
        await node(folder, typescript, '-p', '.');
        expect(JSON.parse((await node(folder, join('out', 'main.js'))).stdout), variant.name).toEqual(expected);
      }),
    );
  }, 240_000);

  it('type-checks under bundler resolution with no Node types, and bundles for a browser', async () => {
    const folder = await project(join(analyst, 'ts-bundler'), {
      'package.json': JSON.stringify({ name: 'ts-bundler', private: true, type: 'module' }),
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          module: 'esnext',
          moduleResolution: 'bundler',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          strict: true,
          // The strictest options an analyst may set: govsim's declarations (not vega-lite's) are all it checks here.
          exactOptionalPropertyTypes: true,
          skipLibCheck: false,
          noEmit: true,
          types: [],
        },
        files: ['main.ts'],
      }),
      'main.ts': `
import { parseScenario, runScenario, type Scenario } from 'govsim';
import type { ChartDefinition } from 'govsim/report';
const scenario: Scenario = parseScenario({ name: 'browser', mode: 'co-production' });
const run = runScenario(scenario, { replicate: 0, weeks: ${weeks} });
const chart: ChartDefinition | undefined = undefined;
console.log(JSON.stringify({ weeks: run.weeks.length, households: run.summary.households, ...(chart ?? {}) }));
`,
    });
    await node(folder, typescript, '-p', '.');
    const bundled = await build({
      entryPoints: [join(folder, 'main.ts')],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      outfile: join(folder, 'out', 'main.js'),
      metafile: true,
      logLevel: 'silent',
    });
    expect(Object.keys(bundled.metafile.inputs).filter((file) => /vega|@resvg|dist\/src\/(node|report)\//.test(file))).toEqual(
      [],
    );
    expect(JSON.parse((await node(folder, join('out', 'main.js'))).stdout)).toEqual({ weeks, households: 2253 });
  }, 120_000);

  it('starts the command without the machinery of sweeps, robustness analyses and reports', async () => {
    // The files bin.js imports as it loads, and those they import in turn (not the chunks of dynamic imports).
    const folder = join(analyst, 'node_modules', 'govsim', 'dist', 'cli');
    const loaded = new Set<string>();
    const waiting = ['bin.js'];
    while (waiting.length > 0) {
      const file = waiting.pop() as string;
      if (loaded.has(file)) continue;
      loaded.add(file);
      const text = await readFile(join(folder, file), 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*"\.\/(chunk-[A-Z0-9]+\.js)"/g)) waiting.push(match[1] as string);
    }
    const text = (await Promise.all([...loaded].map((file) => readFile(join(folder, file), 'utf8')))).join('\n');
    expect(text).toContain('function*runScenarioSteps(');
    for (const definition of ['function writeReport(', 'var ParquetWriter=', 'function runRobustness(', 'function runSweep('])
      expect(text, definition).not.toContain(definition);
    // They are in the package, loaded by the commands that ask for them.
    const all = (await readdir(folder)).filter((file) => file.endsWith('.js'));
    const everything = (await Promise.all(all.map((file) => readFile(join(folder, file), 'utf8')))).join('\n');
    for (const definition of ['function writeReport(', 'var ParquetWriter=', 'function runRobustness(', 'function runSweep('])
      expect(everything, definition).toContain(definition);
  });

  it('installs the govsim command, which lists its scenarios from any folder', async () => {
    const bin = join(analyst, 'node_modules', '.bin', 'govsim');
    expect((await exec(bin, ['--version'], { cwd: analyst })).stdout.trim()).toBe(version);
    const listed = JSON.parse((await exec(bin, ['list', '--json'], { cwd: root })).stdout);
    expect(listed.scenarios.map((scenario: { name: string }) => scenario.name)).toContain('y-community-co-production');
    for (const scenario of listed.scenarios) {
      expect(scenario.file.startsWith(join(analyst, 'node_modules', 'govsim', 'scenarios'))).toBe(true);
      expect(existsSync(scenario.file)).toBe(true);
    }
  }, 120_000);

  it('installs the bundled command, whose sweep workers give the rows of the source on two threads', async () => {
    const bin = join(analyst, 'node_modules', '.bin', 'govsim');
    expect(realpathSync(bin)).toBe(join(analyst, 'node_modules', 'govsim', 'dist', 'cli', 'bin.js'));
    const experiment = join(analyst, 'node_modules', 'govsim', 'experiments', 'two-halves.json');
    // The installed command finds a shipped experiment by name.
    await exec(bin, ['sweep', 'two-halves', '-j', '2', '--out', 'sweep-bundled'], { cwd: root });
    await exec(
      join(repository, 'node_modules', '.bin', 'tsx'),
      [join(repository, 'src', 'cli', 'bin.ts'), 'sweep', experiment, '-j', '1', '--out', 'sweep-source'],
      {
        cwd: root,
      },
    );
    const rows = readFileSync(join(root, 'sweep-bundled', 'runs.csv'), 'utf8');
    expect(rows.split('\n').length).toBeGreaterThan(100);
    expect(rows).toBe(readFileSync(join(root, 'sweep-source', 'runs.csv'), 'utf8'));
  }, 120_000);

  it('writes a report without the optional PNG renderer, saying that PNGs were skipped', async () => {
    expect(existsSync(join(minimal, 'node_modules', '@resvg'))).toBe(false);
    const bin = join(minimal, 'node_modules', '.bin', 'govsim');
    const { stdout, stderr } = await exec(bin, ['reproduce', 'z-street', '--replicates', '2', '--out', 'report'], {
      cwd: minimal,
    });
    expect(stdout).toContain('Report: report/index.html');
    expect(stderr).toContain('govsim: PNG charts skipped: the optional PNG renderer @resvg/resvg-js is not installed');
    const charts = await readdir(join(minimal, 'report', 'charts'));
    expect(charts.some((name) => name.endsWith('.svg'))).toBe(true);
    expect(charts.some((name) => name.endsWith('.png'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(minimal, 'report', 'manifest.json'), 'utf8'));
    expect(manifest.pngSkipped).toContain('is not installed');
  }, 120_000);
});
