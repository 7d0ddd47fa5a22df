/**
 * Loading a model definition from a module a researcher wrote (`--model
 * ./my-model.js`, or an experiment file's `model` field): its default export,
 * or its export named `model`, checked with the same rules as `defineModel`.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hashHex } from '../core/index.js';
import { ScenarioError, type ScenarioProblem } from '../scenario/index.js';
import { modelParameterProblems } from '../simulation/definition.js';
import { type ModelDefinition, modelDefinitionProblems } from '../simulation/index.js';
import { InputFileError, maximumInputBytes, readInputText } from './input-file.js';
import { packageRoot } from './version.js';

/** Whether a module file is TypeScript, by its extension. */
export function isTypeScriptFile(file: string): boolean {
  return /\.(?:ts|mts|cts|tsx)$/.test(file);
}

/**
 * What to do about a model module that failed to load, when the failure says: a JSON file (a scenario given as the
 * model, say) or a file of another kind, which is no module; a TypeScript file Node does not know (no loader: run under
 * tsx, or compile it), or a `.ts` file Node stripped of its types and read as CommonJS, as a project without
 * `"type": "module"` has it (its `import` statements refused: name it `.mts`, or make the project a module). Empty
 * otherwise.
 * @example loadFailureHint('m.ts', new SyntaxError('Cannot use import statement outside a module')) // ' (Node read …)'
 */
export function loadFailureHint(file: string, error: unknown): string {
  if (/\.json$/i.test(file))
    return ' (a JSON file, such as a scenario: a model module is JavaScript or TypeScript, its default export a model definition)';
  const readAsCommonJs = error instanceof SyntaxError && error.message.includes('Cannot use import statement outside a module');
  if (!isTypeScriptFile(file)) {
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'ERR_UNKNOWN_FILE_EXTENSION')
      return ' (a model module is JavaScript, .js, .mjs or .cjs, or TypeScript, .ts or .mts)';
    return /\.js$/.test(file) && readAsCommonJs
      ? ' (Node read this .js file as CommonJS, as the project\'s package.json has it: name it .mjs, or set "type": "module" there)'
      : '';
  }
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ERR_UNKNOWN_FILE_EXTENSION')
    return ' (a TypeScript module needs govsim run under tsx; or compile it to .js)';
  if (/\.ts$/.test(file) && readAsCommonJs)
    return ' (Node read this .ts file as CommonJS, as the project\'s package.json has it: name it .mts, or set "type": "module" there)';
  return '';
}

/**
 * Where in a researcher's own code `error` was thrown: the first place its stack names that is not inside Node, an
 * installed package (`node_modules`) or govsim's own compiled or source files, as `file:line:column`; undefined when
 * the stack names no such place (or there is no stack).
 * @example codeLocation(extensionError.cause) // '/home/me/model.mjs:12:7'
 */
export function codeLocation(error: unknown): string | undefined {
  const stack = (error as { stack?: unknown } | null | undefined)?.stack;
  if (typeof stack !== 'string') return undefined;
  const own = [join(packageRoot(), 'dist') + sep, join(packageRoot(), 'src') + sep];
  for (const match of stack.matchAll(/(?<=^|[\s(])(file:\/\/[^\s()]+?|\/[^\s():]+):(\d+)(?::(\d+))?(?=[\s)]|$)/gm)) {
    const [, place, line, column] = match;
    let file: string;
    try {
      file = place?.startsWith('file:') ? fileURLToPath(place) : (place as string);
    } catch {
      continue;
    }
    if (own.some((folder) => file.startsWith(folder)) || file.split(sep).includes('node_modules')) continue;
    return `${file}:${line}${column === undefined ? '' : `:${column}`}`;
  }
  return undefined;
}

/**
 * The place in `file` that one of Node's arrow messages points at — a line `place:line`, the line of code as written,
 * then carets under the column (tabs kept, so the column counts characters) — as `file:line:column`; as `file:line`
 * where the message marks no column (an error at the end of the text, under which there is no code to mark). `place`
 * is the file's path, or `[stdin]` for text checked from standard input. Undefined when `text` holds no such message.
 */
function arrowLocation(text: string, file: string, place: string): string | undefined {
  for (const match of text.matchAll(/^(.+):(\d+)\n[^\n]*\n([^\S\n]*)\^/gm))
    if (match[1] === place) return `${file}:${match[2]}:${(match[3] as string).length + 1}`;
  for (const match of text.matchAll(/^(.+):(\d+)$/gm)) if (match[1] === place) return `${file}:${match[2]}`;
  return undefined;
}

/**
 * Where the syntax error that stopped the JavaScript module `file` loading is, as `file:line:column`: Node 20 throws
 * an ES module's syntax error with no place in it. Node checks the text's syntax as an ES module in a child process
 * (`node --check`, nothing run), whose report names the line and marks the column under it. Undefined when the text
 * checks clean (the error was another module's, or not one of syntax) or the report names no place.
 * @example syntaxErrorLocation('/home/me/model.mjs', 'export default {\n  a: 1 2\n};\n') // '/home/me/model.mjs:2:8'
 */
export function syntaxErrorLocation(file: string, text: string): string | undefined {
  const check = spawnSync(process.execPath, ['--input-type=module', '--check'], {
    // A byte-order mark, which Node drops from a file it imports, is dropped here too.
    input: text.replace(/^\uFEFF/, ''),
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (check.status === 0 || typeof check.stderr !== 'string') return undefined;
  return arrowLocation(check.stderr, file, '[stdin]');
}

/**
 * What failed and where, from a TypeScript module's failed transform under tsx (esbuild's "Transform failed with 1
 * error:" and, on the next line, `file:line:column: ERROR: what`, the column counted from 0): the reason without the
 * preamble, and its place with the column counted from 1. Undefined for any other message.
 * @example transformFailure('Transform failed with 1 error:\n/m.ts:3:4: ERROR: Unexpected "}"') // { reason: 'Unexpected "}"', location: '/m.ts:3:5' }
 */
export function transformFailure(message: string): { reason: string; location: string } | undefined {
  const match = /^Transform failed with \d+ errors?:\n(.+):(\d+):(\d+): ERROR: (.+)$/m.exec(message);
  if (match === null) return undefined;
  const [, file, line, column, reason] = match;
  // esbuild counts columns from 0; Node's stacks, and the places given elsewhere, from 1.
  return { reason: reason as string, location: `${file}:${line}:${Number(column) + 1}` };
}

/** Why a module failed to load, and where in its code when that can be told; `text` is the module's, as read before the import. */
function loadFailure(file: string, text: string, error: unknown): { reason: string; location: string | undefined } {
  const message = error instanceof Error ? error.message : String(error);
  const transform = transformFailure(message);
  if (transform !== undefined) return transform;
  const reason = message.split('\n')[0] as string;
  if (!(error instanceof SyntaxError) || isTypeScriptFile(file)) return { reason, location: codeLocation(error) };
  // A CommonJS module's syntax error opens its stack with an arrow message at the file; an ES module's has none.
  const location = arrowLocation(error.stack ?? '', file, file) ?? codeLocation(error);
  if (location !== undefined || /\.cjs$/i.test(file)) return { reason, location };
  return { reason, location: syntaxErrorLocation(file, text) };
}

/** A ScenarioError, also one made by another copy of govsim (the library a model module imports, beside the bundled command line). */
function isScenarioError(error: unknown): error is Error & { problems: readonly ScenarioProblem[]; expected?: unknown } {
  return error instanceof Error && error.name === 'ScenarioError' && Array.isArray((error as { problems?: unknown }).problems);
}

/**
 * Refuses, before it is imported, a module file that every other input file would be refused as: missing, a folder,
 * a named pipe (whose import would wait for a writer forever), a device (/dev/zero, read without end), larger than
 * {@link maximumInputBytes} or not UTF-8 text. The error names `path` as given; `file` is its absolute path.
 */
async function checkModuleFile(path: string, file: string): Promise<string> {
  try {
    return await readInputText(file, 'model module', isTypeScriptFile(file) ? 'TypeScript' : 'JavaScript');
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new InputFileError(path, error.problems[0]?.message ?? 'cannot be read', 'model module', error.missing);
  }
}

/**
 * Imports the model definition in the module at `path` (relative to `base`,
 * default the working folder).
 * @throws ScenarioError when the file is missing or not one to read (a folder, a named pipe, a device, a file larger
 *   than {@link maximumInputBytes}: see `readInputText`), fails to load, exports no definition (an empty file, whose
 *   default export is an empty object, included) or no sound one
 * @example
 * const model = await loadModelModule('./my-model.js');
 * runScenario(parseExtendedScenario(input, model.extensions), { replicate: 0, model });
 */
export async function loadModelModule(path: string, base = process.cwd()): Promise<ModelDefinition> {
  const file = resolve(base, path);
  const fail = (message: string): never => {
    throw new ScenarioError(path, [{ path: '', message }], 'model module');
  };
  const text = await checkModuleFile(path, file);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    // What defineModel or a parameter declaration refused as the module ran: each problem at its field, not only the
    // message's first line, and the place in the module's code that made the call.
    if (isScenarioError(error)) {
      const location = codeLocation(error);
      const expected = typeof error.expected === 'string' ? error.expected : 'model definition';
      throw new ScenarioError(path, error.problems, location === undefined ? expected : `${expected} (at ${location})`);
    }
    const { reason, location } = loadFailure(file, text, error);
    return fail(`cannot load it: ${reason}${location === undefined ? '' : ` (at ${location})`}${loadFailureHint(file, error)}`);
  }
  // A TypeScript module compiled as CommonJS (a project without "type": "module") is imported as its whole
  // `module.exports`, its exports one level down.
  const exported = (module.default ?? module.model) as Record<string, unknown> | undefined;
  const compiled = exported !== null && typeof exported === 'object' && !('extensions' in exported);
  const definition = (compiled ? (exported.default ?? exported.model ?? exported) : exported) as ModelDefinition | undefined;
  if (definition === undefined) return fail('exports no model definition: export default defineModel({ … })');
  // An empty file is read as CommonJS (a .js or .ts one outside a module project): its default export is the empty
  // module.exports, which holds no definition, rather than a definition whose every field is missing.
  if (definition !== null && typeof definition === 'object' && !Array.isArray(definition) && Object.keys(definition).length === 0)
    return fail(
      'exports no model definition (its default export is an empty object, as an empty file’s is): export default defineModel({ … })',
    );
  const found = modelDefinitionProblems(definition);
  const problems = found.length > 0 ? found : modelParameterProblems(definition);
  if (problems.length > 0) throw new ScenarioError(path, problems, 'model definition');
  return definition;
}

/**
 * In a worker thread, the model module the main thread loaded (`file`, its absolute path, and `hash`, of its text),
 * loaded again here; undefined when there is none.
 * @throws Error when the module's text changed since the main thread read it: the worker would run another model, and
 *   what it gave would belong to `what` no longer ("the robustness analysis ran")
 */
export async function loadWorkerModelModule(
  file: string | undefined,
  hash: string | undefined,
  what: string,
): Promise<{ definition: ModelDefinition; file: string; hash: string } | undefined> {
  if (file === undefined) return undefined;
  const model = await loadModelModuleWithHash(file);
  if (model.hash !== hash) throw new Error(`the model module ${file} changed while ${what}; run it again`);
  return model;
}

/**
 * A model module's definition with the file's absolute path and a hash of its
 * text: what a sweep and a run's manifest record, so that a changed module is
 * another sweep and a run says what it ran.
 */
export async function loadModelModuleWithHash(
  file: string,
): Promise<{ definition: ModelDefinition; file: string; hash: string }> {
  const definition = await loadModelModule(file);
  const absolute = resolve(file);
  return { definition, file: absolute, hash: hashHex(await readFile(absolute, 'utf8')) };
}
