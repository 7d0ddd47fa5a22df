/**
 * Reading scenario files from disk. Every failure — missing file, not JSON,
 * invalid content — becomes a {@link ScenarioError} naming the file, the
 * field and what was expected.
 */
import { readFile } from 'node:fs/promises';
import { parseScenario, type Scenario, ScenarioError } from '../scenario/index.js';
import { jsonErrorOffset } from './json-error-position.js';

/** Line and column (1-based) of a character offset in text. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses JSON text, turning a syntax error into a ScenarioError with its line and column. */
export function parseScenarioJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(text);
    const where = offset >= 0 ? lineAndColumn(text, offset) : null;
    const found = offset >= 0 && offset < text.length ? `unexpected ${JSON.stringify(text[offset])}` : 'unexpected end of file';
    throw new ScenarioError(source, [
      {
        path: '',
        message: where ? `not valid JSON at line ${where.line}, column ${where.column}: ${found}` : `not valid JSON: ${message}`,
      },
    ]);
  }
}

/** Reads a scenario file as written (parsed JSON, not yet validated): what parameter overrides apply to. */
export async function readScenarioInput(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, expected a JSON file'
          : `cannot read (${code ?? String(error)})`;
    throw new ScenarioError(path, [{ path: '', message: reason }]);
  }
  return parseScenarioJson(text, path);
}

/** Reads and validates a scenario file. */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  return parseScenario(await readScenarioInput(path), path);
}
