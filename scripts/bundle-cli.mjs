/**
 * Bundles the command-line tool into dist/cli/ after `tsc` has compiled
 * dist/src/: `govsim` starts from one file and a few shared chunks instead of
 * some hundred and fifty modules of its own and of zod, commander and the CSV
 * packages, which takes a quarter of the CPU time of a whole `govsim run`
 * (`npx tsx bench/cli-process.ts`). The worker modules (sweeps, cities,
 * robustness draws, facts, comparisons) are entries of the same bundle, named as in dist/src/node,
 * so the worker pool finds them beside the chunk it runs from. Lazily loaded
 * commands become chunks of their own (code splitting), so `run` never parses
 * the report stack; the packages that draw, rasterise or serve (vega,
 * vega-lite, resvg, vite) and the browser driver stay outside the bundle and
 * load from node_modules when a command asks for them. The library
 * (`import 'govsim'`) is dist/src/ as compiled, not this bundle.
 *
 * esbuild places a file by which entries can reach it through imports, re-exports included: a module that only a lazy
 * command uses, but that an index file the start-up reaches re-exports, lands in a chunk loaded at start. So the
 * modules `run` reaches import what they need from its own module where an index would bring more (the command line's
 * limits from experiments/limits.ts and validation/limits.ts, isCityInput from generators/city-input.ts), and a test
 * (test/cli/bin.test.ts) lists what `govsim run` loads.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'src');
const outdir = join(root, 'dist', 'cli');

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [
    join(compiled, 'cli', 'bin.js'),
    join(compiled, 'node', 'sweep-worker.js'),
    join(compiled, 'node', 'city-worker.js'),
    join(compiled, 'node', 'robustness-worker.js'),
    join(compiled, 'node', 'facts-worker.js'),
    join(compiled, 'node', 'compare-worker.js'),
  ],
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['vega', 'vega-lite', '@resvg/resvg-js', 'vite', 'playwright-core', 'tsx'],
  // commander is CommonJS: its require() of Node's modules needs a require in each ES module of the bundle.
  banner: {
    js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);",
  },
  // Whitespace and syntax minified, names kept: less text for V8 to decode and scan at every start, and a stack trace
  // still names its functions.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
