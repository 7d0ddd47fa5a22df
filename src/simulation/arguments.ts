/**
 * Checks of the arguments the library's functions are given, for callers in
 * plain JavaScript that pass a wrong value (null, text for a number, a
 * misspelt option): each check adds a problem naming the field, what was
 * expected and what was given ({@link givenValue}); {@link ArgumentCheck.refuse}
 * throws them as one ScenarioError naming the argument. Functions check once,
 * on entry, before any work or any file is written.
 */
import { isRecord } from '../core/index.js';
import { ScenarioError, type ScenarioProblem } from '../scenario/index.js';
import { givenValue, optionProblems, wholeNumberExpected } from './model.js';

/** The problems found in one argument, thrown together by {@link ArgumentCheck.refuse}. */
export class ArgumentCheck {
  readonly problems: ScenarioProblem[] = [];

  /** Adds a problem at `path` (`(top level)` for the argument itself). */
  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Whether `value` is an object; else a problem "expected `expected`, got …". */
  object(value: unknown, path: string, expected: string): value is Record<string, unknown> {
    if (isRecord(value)) return true;
    this.add(path, `expected ${expected}, got ${givenValue(value)}`);
    return false;
  }

  /** Text (or, when `optional`, nothing). */
  text(value: unknown, path: string, optional = false): void {
    if (typeof value === 'string' || (optional && value === undefined)) return;
    this.add(path, `expected text, got ${givenValue(value)}`);
  }

  /** A whole number from `minimum` (or, when `optional`, nothing). */
  wholeNumber(value: unknown, path: string, minimum: number, optional = false): void {
    this.wholeNumberUpTo(value, path, minimum, Number.MAX_SAFE_INTEGER, optional);
  }

  /** A whole number from `minimum` to `maximum` (or, when `optional`, nothing). */
  wholeNumberUpTo(value: unknown, path: string, minimum: number, maximum: number, optional = false): void {
    if (optional && value === undefined) return;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= minimum && value <= maximum) return;
    this.add(path, `expected ${wholeNumberExpected(minimum, maximum, value)}, got ${givenValue(value)}`);
  }

  /** A function, or nothing. */
  callback(value: unknown, path: string): void {
    if (value === undefined || typeof value === 'function') return;
    this.add(path, `expected a function, got ${givenValue(value)}`);
  }

  /** True or false, or nothing. */
  flag(value: unknown, path: string): void {
    if (value === undefined || typeof value === 'boolean') return;
    this.add(path, `expected true or false, got ${givenValue(value)}`);
  }

  /** A list of text; else a problem "expected `expected`, got …". */
  textList(value: unknown, path: string, expected: string): void {
    if (!Array.isArray(value)) {
      this.add(path, `expected ${expected}, got ${givenValue(value)}`);
      return;
    }
    value.forEach((item, index) => {
      if (typeof item !== 'string') this.add(`${path}[${index}]`, `expected text, got ${givenValue(item)}`);
    });
  }

  /** A Map (anything with `get` and an iterator), e.g. scenarios by key. */
  map(value: unknown, path: string, expected: string): void {
    if (
      value !== null &&
      typeof value === 'object' &&
      typeof (value as { get?: unknown }).get === 'function' &&
      typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
    )
      return;
    this.add(path, `expected ${expected}, got ${givenValue(value)}`);
  }

  /** A shard `{index, count}`: whole numbers, count from 1 and index below it; or nothing when `optional`. */
  shard(value: unknown, path: string, optional = true): void {
    if (optional && value === undefined) return;
    if (!this.object(value, path, 'a shard {index, count}')) return;
    const { index, count } = value;
    this.wholeNumber(count, `${path}.count`, 1);
    this.wholeNumber(index, `${path}.index`, 0);
    if (typeof index === 'number' && typeof count === 'number' && index >= count)
      this.add(`${path}.index`, `expected below the count (${count}), got ${givenValue(index)}`);
  }

  /** A model module `{file, hash}` as `loadModelModuleWithHash` (govsim/node) gives it, or nothing. */
  modelModule(value: unknown, path: string): void {
    if (value === undefined || !this.object(value, path, 'the model module {file, hash}')) return;
    this.text(value.file, `${path}.file`);
    this.text(value.hash, `${path}.hash`);
  }

  /**
   * An object of options, none but `known` (see {@link optionProblems}, which also checks those it knows: weeks,
   * replicate, seed, replicates, observe, onProgress, observer, keepWorld, model); returns the options when they are
   * an object, for their other checks.
   */
  options(value: unknown, known: readonly string[]): Record<string, unknown> {
    this.problems.push(...optionProblems(value, known));
    return isRecord(value) ? value : {};
  }

  /** Throws the problems found, if any, as a ScenarioError naming `argument`, `expected` what it should have been. */
  refuse(argument: string, expected = argument): void {
    if (this.problems.length > 0) throw new ScenarioError(argument, this.problems, expected);
  }
}

/**
 * Checks one argument: `check` adds its problems to a fresh {@link ArgumentCheck}, thrown as a ScenarioError naming
 * `argument`.
 * @throws ScenarioError naming `argument` and each field that is not what it should be
 */
export function checkArgumentWith(argument: string, check: (problems: ArgumentCheck) => void, expected = argument): void {
  const problems = new ArgumentCheck();
  check(problems);
  problems.refuse(argument, expected);
}
