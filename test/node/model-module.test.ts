import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashHex } from '../../src/core/index.js';
import { loadModelModule, loadModelModuleWithHash } from '../../src/node/index.js';
import { isTypeScriptFile, loadFailureHint } from '../../src/node/model-module.js';
import { ScenarioError } from '../../src/scenario/index.js';

const definitionText = "{ name: 'plain', extensions: [{ name: 'quiet', description: 'does nothing' }] }";

describe('loading a model module', () => {
  it('takes the default export, or a module compiled as CommonJS whose exports hold it one level down', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-model-module-'));
    await writeFile(join(folder, 'esm.mjs'), `export default ${definitionText};\n`);
    // What a TypeScript module in a project without "type": "module" becomes: its exports object is the default.
    await writeFile(join(folder, 'compiled.cjs'), `exports.default = ${definitionText};\n`);
    await writeFile(join(folder, 'named.cjs'), `exports.model = ${definitionText};\n`);
    for (const name of ['esm.mjs', 'compiled.cjs', 'named.cjs'])
      expect(
        (await loadModelModule(join(folder, name))).extensions.map((extension) => extension.name),
        name,
      ).toEqual(['quiet']);
    // Given relative to the working folder, it is recorded by its absolute path.
    const withHash = await loadModelModuleWithHash(relative(process.cwd(), join(folder, 'esm.mjs')));
    expect(withHash.file).toBe(join(folder, 'esm.mjs'));
    expect(withHash.hash).toBe(hashHex(await readFile(join(folder, 'esm.mjs'), 'utf8')));
  });

  it('offers tsx only when the module failed for being TypeScript', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-model-module-'));
    const module = join(folder, 'model.ts');
    await writeFile(module, "import missing from 'no-such-package-anywhere';\nexport default missing;\n");
    const failure = loadModelModule(module);
    await expect(failure).rejects.toThrow(ScenarioError);
    await expect(loadModelModule(module)).rejects.toThrow(/cannot load it: .*no-such-package-anywhere/);
    await expect(loadModelModule(module)).rejects.not.toThrow(/needs govsim run under tsx/);
  });

  it('tells a TypeScript module by its extension', () => {
    expect(['m.ts', 'm.mts', 'm.cts', 'm.tsx', 'm.js', 'm.mjs', 'ts'].map(isTypeScriptFile)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('what to do about a model module that failed to load', () => {
  it('says tsx where Node does not know TypeScript, .mts or a module project where Node read a .ts file as CommonJS', () => {
    const unknown = Object.assign(new TypeError('Unknown file extension ".ts"'), { code: 'ERR_UNKNOWN_FILE_EXTENSION' });
    expect(loadFailureHint('/p/model.ts', unknown)).toContain('needs govsim run under tsx');
    // Node 22.18 and later strip types, and read model.ts as the project's package.json has it.
    const commonJs = new SyntaxError('Cannot use import statement outside a module');
    expect(loadFailureHint('/p/model.ts', commonJs)).toContain('name it .mts, or set "type": "module"');
    // Not for a .mts file (a module whatever the project), a JavaScript file, or another error.
    expect(loadFailureHint('/p/model.mts', commonJs)).toBe('');
    expect(loadFailureHint('/p/model.js', commonJs)).toBe('');
    expect(loadFailureHint('/p/model.ts', new Error('boom'))).toBe('');
  });
});
