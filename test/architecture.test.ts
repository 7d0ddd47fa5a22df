/**
 * Rules of the codebase that a reader relies on: one seeded source of
 * randomness, a core that runs in a browser, a package root that carries no
 * chart code, a model that never branches on a mode's name, imports that
 * point one way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetNames } from '../src/scenario/index.js';

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const sources = filesUnder('src').map((path) => ({ path: relative('src', path), text: readFileSync(path, 'utf8') }));
/** Relative modules a source file imports or re-exports at load time (type-only imports left out), as paths under src/. */
function loadTimeImports(file: { path: string; text: string }): string[] {
  return [...file.text.matchAll(/^(?:import|export) (?!type )[^;]*? from '(\.\.?\/[^']+)\.js';/gms)].map((match) =>
    join(file.path, '..', `${match[1]}.ts`),
  );
}

/** Packages a source file imports at load time (type-only imports left out). */
function loadTimePackages(file: { text: string }): string[] {
  return [...file.text.matchAll(/^(?:import|export) (?!type )[^;]*? from '([^.'][^']*)';/gms)].map((match) => match[1] as string);
}

const layers = [
  'core',
  'scenario',
  'generators',
  'model',
  'metrics',
  'simulation',
  'experiments',
  'validation',
  'report',
  'node',
  'cli',
];

describe('architecture', () => {
  it('never uses Math.random in src/', () => {
    expect(sources.filter((file) => file.text.includes('Math.random')).map((file) => file.path)).toEqual([]);
  });

  it('keeps the core (everything but node/ and cli/) free of Node imports', () => {
    const portable = sources.filter((file) => !file.path.startsWith('node/') && !file.path.startsWith('cli/'));
    expect(portable.length).toBeGreaterThan(20);
    const offenders = portable.filter((file) =>
      /from ['"]node:|from ['"](fs|path|os|crypto|worker_threads)['"]|process\./.test(file.text),
    );
    expect(offenders.map((file) => file.path)).toEqual([]);
  });

  it('keeps the package root (govsim) free of the report, file and command-line layers and of chart code', () => {
    const byPath = new Map(sources.map((file) => [file.path, file]));
    const reached = new Set<string>(['index.ts']);
    for (const path of reached) {
      const file = byPath.get(path);
      expect(file, `${path} exists`).toBeDefined();
      for (const target of loadTimeImports(file as { path: string; text: string })) reached.add(target);
    }
    expect(reached.size).toBeGreaterThan(20);
    expect([...reached].filter((path) => /^(report|node|cli)\//.test(path))).toEqual([]);
    const packages = [...reached].flatMap((path) => loadTimePackages(byPath.get(path) as { text: string }));
    expect(packages.filter((name) => /^(vega|@resvg|commander|node:)/.test(name))).toEqual([]);
  });

  it('loads Vega, Vega-Lite and the PNG renderer only when a chart is drawn', () => {
    const offenders = sources.filter((file) =>
      loadTimePackages(file).some((name) => ['vega', 'vega-lite', '@resvg/resvg-js'].includes(name)),
    );
    expect(offenders.map((file) => file.path)).toEqual([]);
  });

  it('never names a mode preset inside the model', () => {
    const model = sources.filter((file) => file.path.startsWith('model/'));
    for (const file of model) {
      for (const name of presetNames) expect(file.text.includes(`'${name}'`), `${file.path} names '${name}'`).toBe(false);
    }
  });

  it('changes project status only through setProjectStatus, which logs and checks each change', () => {
    const assignments = sources.filter((file) => /\.status = /.test(file.text)).map((file) => file.path);
    expect(assignments).toEqual(['model/mechanisms/projects.ts']);
  });

  it('imports only from its own layer or the layers above it', () => {
    for (const file of sources) {
      const layer = layers.indexOf(file.path.split('/')[0] as string);
      if (layer < 0) continue;
      for (const match of file.text.matchAll(/from '(\.\.?\/[^']+)'/g)) {
        const target = join(file.path, '..', match[1] as string);
        const targetLayer = layers.indexOf(target.split('/')[0] as string);
        if (targetLayer < 0) continue;
        expect(targetLayer <= layer, `${file.path} imports ${target}`).toBe(true);
      }
    }
  });
});
