import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashHex } from '../../src/core/index.js';
import { loadModelModule, loadModelModuleWithHash, maximumInputBytes } from '../../src/node/index.js';
import {
  codeLocation,
  isTypeScriptFile,
  loadFailureHint,
  syntaxErrorLocation,
  transformFailure,
} from '../../src/node/model-module.js';
import { packageRoot } from '../../src/node/version.js';
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

  it('says that an empty module exports no model definition, not that the name of one is missing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-model-module-empty-'));
    // An empty .js, .cjs or .ts file is read as CommonJS: its default export is an empty module.exports. An empty .mjs has none.
    for (const name of ['empty.js', 'empty.cjs', 'empty.ts', 'empty.mjs', 'default-empty.mjs']) {
      const file = join(folder, name);
      await writeFile(file, name === 'default-empty.mjs' ? 'export default {};\n' : '');
      const refusal = await loadModelModule(file).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal, name).toBeInstanceOf(ScenarioError);
      expect((refusal as ScenarioError).message, name).toMatch(
        /: invalid model module\n {2}- \(top level\): exports no model definition.*: export default defineModel\(\{ … \}\)$/,
      );
      expect((refusal as ScenarioError).message, name).not.toContain('expected a name');
    }
    // A definition with some fields is still told what each lacks.
    await writeFile(join(folder, 'partial.mjs'), "export default { name: 'partial' };\n");
    await expect(loadModelModule(join(folder, 'partial.mjs'))).rejects.toThrow('extensions: expected a list');
  });

  it('refuses at once, before importing it, a module file that is no regular file of at most 16 MiB', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-model-module-'));
    await mkdir(join(folder, 'folder.mjs'));
    await writeFile(join(folder, 'large.mjs'), '');
    await truncate(join(folder, 'large.mjs'), maximumInputBytes + 1);
    const cases: Array<[string, string]> = [
      [join(folder, 'missing.mjs'), 'file not found'],
      [join(folder, 'folder.mjs'), 'is a directory, expected a JavaScript file'],
      [join(folder, 'large.mjs'), 'larger than 16 MiB, the limit of an input file'],
    ];
    try {
      execFileSync('mkfifo', [join(folder, 'pipe.mjs')]);
      // Imported, a named pipe with no writer would wait forever (and a signal could not stop the wait).
      cases.push([join(folder, 'pipe.mjs'), 'is a named pipe (FIFO), expected a JavaScript file']);
    } catch {
      // No named pipes here.
    }
    // Imported, /dev/zero would be read without end, growing the process by gigabytes.
    if (existsSync('/dev/zero')) cases.push(['/dev/zero', 'is a character device, expected a JavaScript file']);
    for (const [path, reason] of cases) {
      for (const load of [loadModelModule, loadModelModuleWithHash]) {
        const error = await load(path).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error, path).toBeInstanceOf(ScenarioError);
        expect((error as ScenarioError).message, path).toMatch(
          new RegExp(`^${path}: invalid model module\\n  - \\(top level\\): `),
        );
        expect((error as ScenarioError).message, path).toContain(reason);
      }
    }
  });

  it('lists each problem of a definition that defineModel refused as the module ran, not only the first line', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-model-module-refused-'));
    // What defineModel throws, as another copy of govsim (the library the module imports) makes it: by its name.
    const problems = [
      { path: 'extensions[0].name', message: 'expected lower-case letters, digits and dashes, starting with a letter' },
      { path: 'extensions[0].phases[0].after', message: 'expected a built-in phase (…), got "work"' },
    ];
    await writeFile(
      join(folder, 'refused.mjs'),
      `const error = new Error('model m: invalid model definition');\nerror.name = 'ScenarioError';\nerror.problems = ${JSON.stringify(problems)};\nerror.expected = 'model definition';\nthrow error;\n`,
    );
    const module = join(folder, 'refused.mjs');
    const refusal = await loadModelModule(module).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ScenarioError);
    // The place in the module that made the error (line 1, column 15 here; from the stack, past govsim's own code and
    // installed packages, as for any error at load: the module's call of defineModel) is named with it.
    expect((refusal as ScenarioError).message).toBe(
      `${module}: invalid model definition (at ${module}:1:15)\n  - extensions[0].name: expected lower-case letters, digits and dashes, starting with a letter\n  - extensions[0].phases[0].after: expected a built-in phase (…), got "work"`,
    );
  });

  it('says where in the module an error thrown as it loads was thrown', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'govsim-model-module-throws-'));
    const module = join(folder, 'throws.mjs');
    await writeFile(module, "const ready = false;\nif (!ready) throw new Error('not ready');\nexport default {};\n");
    await expect(loadModelModule(module)).rejects.toThrow(`cannot load it: not ready (at ${module}:2:`);
  });

  it('finds the line and column of a syntax error by checking the text, and nothing in sound text', () => {
    // Tabs are kept under the line, so the column counts characters.
    expect(syntaxErrorLocation('/p/m.mjs', 'const a = 1;\n\tconst b = {\n\t\tc: 1 2 };\n')).toBe('/p/m.mjs:3:8');
    expect(syntaxErrorLocation('/p/m.mjs', "import x from 'y';\nexport default x;\n")).toBeUndefined();
    // At the end of the text Node marks no column: the line alone.
    expect(syntaxErrorLocation('/p/m.mjs', 'export default {\n')).toBe('/p/m.mjs:2');
    // A byte-order mark is no error of the text's.
    expect(syntaxErrorLocation('/p/m.mjs', '\uFEFFexport default {\n  a: 1 2\n};\n')).toBe('/p/m.mjs:2:8');
  });

  it("reads the place of a TypeScript module's failed transform from its message, the column counted from 1", () => {
    expect(
      transformFailure('Transform failed with 1 error:\n/home/me/model.ts:3:21: ERROR: Expected "]" but found "oops"'),
    ).toEqual({ reason: 'Expected "]" but found "oops"', location: '/home/me/model.ts:3:22' });
    expect(transformFailure('Unexpected token')).toBeUndefined();
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
  it('says tsx where Node does not know TypeScript, .mts, .mjs or a module project where Node read a .ts or .js file as CommonJS', () => {
    const unknown = Object.assign(new TypeError('Unknown file extension ".ts"'), { code: 'ERR_UNKNOWN_FILE_EXTENSION' });
    expect(loadFailureHint('/p/model.ts', unknown)).toContain('needs govsim run under tsx');
    // Node 22.18 and later strip types, and read model.ts as the project's package.json has it.
    const commonJs = new SyntaxError('Cannot use import statement outside a module');
    expect(loadFailureHint('/p/model.ts', commonJs)).toContain('name it .mts, or set "type": "module"');
    // A .js file of import statements in a CommonJS project: .mjs, or a module project.
    expect(loadFailureHint('/p/model.js', commonJs)).toContain('this .js file as CommonJS');
    expect(loadFailureHint('/p/model.js', commonJs)).toContain('name it .mjs, or set "type": "module"');
    // Not for a .mts or .mjs file (a module whatever the project), a .cjs file, or another error.
    expect(loadFailureHint('/p/model.mts', commonJs)).toBe('');
    expect(loadFailureHint('/p/model.mjs', commonJs)).toBe('');
    expect(loadFailureHint('/p/model.cjs', commonJs)).toBe('');
    expect(loadFailureHint('/p/model.ts', new Error('boom'))).toBe('');
  });

  it('says that a JSON file or a file of another kind is no model module', () => {
    const attribute = Object.assign(new TypeError('needs an import attribute of type "json"'), {
      code: 'ERR_IMPORT_ATTRIBUTE_MISSING',
    });
    expect(loadFailureHint('/p/scenario.json', attribute)).toBe(
      ' (a JSON file, such as a scenario: a model module is JavaScript or TypeScript, its default export a model definition)',
    );
    const unknown = Object.assign(new TypeError('Unknown file extension ".txt"'), { code: 'ERR_UNKNOWN_FILE_EXTENSION' });
    expect(loadFailureHint('/p/model.txt', unknown)).toBe(
      ' (a model module is JavaScript, .js, .mjs or .cjs, or TypeScript, .ts or .mts)',
    );
    expect(loadFailureHint('/p/model.js', new Error('boom'))).toBe('');
  });
});

describe('where in a researcher’s own code an error was thrown', () => {
  it('is the first place its stack names outside Node, installed packages and govsim', () => {
    const own = join(packageRoot(), 'dist', 'src', 'simulation', 'definition.js');
    const stack = (...frames: string[]) => ({
      stack: ['TypeError: oops', ...frames.map((frame) => `    at ${frame}`)].join('\n'),
    });
    expect(
      codeLocation(
        stack(
          'Object.parse (/home/me/project/node_modules/zod/index.js:3:9)',
          'run (file:///home/me/project/my%20model.mjs:12:7)',
          `file://${own}:220:97`,
          'stepWeek (node:internal/modules/esm/utils:346:16)',
        ),
      ),
    ).toBe('/home/me/project/my model.mjs:12:7');
    // A TypeScript module under tsx: its own path, mapped to the .ts source.
    expect(codeLocation(stack('Object.run (/home/me/model.ts:5:33)', `extensionCode (${own}:162:16)`))).toBe(
      '/home/me/model.ts:5:33',
    );
    // govsim's own examples are a researcher's code like any other.
    const example = join(packageRoot(), 'examples', 'wechat-rumour', 'model.ts');
    expect(codeLocation(stack(`Object.run (${example}:70:9)`))).toBe(`${example}:70:9`);
    expect(codeLocation(stack(`extensionCode (${own}:162:16)`, 'node:internal/main/run_main_module:28:49'))).toBeUndefined();
    for (const nothing of [undefined, null, 'text', {}, { stack: 5 }]) expect(codeLocation(nothing)).toBeUndefined();
  });
});
