/**
 * What an input's validation reports: the problems found, each with its path
 * and what was expected, thrown together as one {@link ScenarioError} whose
 * message lists them. Every layer refuses a wrong input with it — a scenario,
 * a facts file, a library function's argument, a seed — so it lives here, in
 * the core, and the scenario layer hands it on.
 */

/** One problem found in a scenario: where, and what was expected. */
export interface ScenarioProblem {
  /** Path to the field, e.g. `parameters.docking.confirmationChance` or `world.communities[0].sites`. */
  path: string;
  message: string;
}

/** The most problems an error's message lists; the rest are counted ("… and 12 more problems"). */
export const maximumListedProblems = 20;

/** The most characters of input (a key, a path segment, a quoted value) echoed in a message; the rest is cut with "…". */
export const maximumEchoedLength = 80;

/** The most characters of one problem's path, and of its message, in an error's message (whatever echoes they hold). */
export const maximumProblemLength = 500;

/**
 * `text` cut to at most `maximum` characters, ending in "…" when cut (never
 * splitting a surrogate pair).
 * @example cutText('abcdef', 4) // 'abc…'
 */
export function cutText(text: string, maximum = maximumEchoedLength): string {
  if (text.length <= maximum) return text;
  let end = Math.max(0, maximum - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A message with every double-quoted run longer than {@link maximumEchoedLength} cut, then the whole cut to {@link maximumProblemLength}. */
function cutEchoes(message: string): string {
  return cutText(
    message.replace(/"([^"]*)"/g, (_match, echoed: string) => `"${cutText(echoed)}"`),
    maximumProblemLength,
  );
}

/**
 * The message of an input that failed validation: the source and what it
 * should have been, then at most {@link maximumListedProblems} problems, each
 * with its path and what was expected, echoes of the input cut to
 * {@link maximumEchoedLength} characters.
 */
export function problemsMessage(source: string, expected: string, problems: readonly ScenarioProblem[]): string {
  const lines = problems
    .slice(0, maximumListedProblems)
    .map((problem) => `  - ${cutText(problem.path || '(top level)', maximumProblemLength)}: ${cutEchoes(problem.message)}`);
  const more = problems.length - maximumListedProblems;
  if (more > 0) lines.push(`  … and ${more} more ${more === 1 ? 'problem' : 'problems'}`);
  return `${cutText(source, maximumProblemLength)}: invalid ${expected}\n${lines.join('\n')}`;
}

/** An input (a scenario, or another data file such as a facts file) that failed validation, with every problem found. */
export class ScenarioError extends Error {
  /**
   * Every problem found; the message lists the first {@link maximumListedProblems}. A problem of the input as a whole
   * has the path '' (the message shows it as "(top level)"), whichever way it was found.
   */
  readonly problems: readonly ScenarioProblem[];

  constructor(
    /** Where the input came from (a file path, or "scenario" for objects). */
    readonly source: string,
    problems: readonly ScenarioProblem[],
    /** What the input should have been, for the message. */
    readonly expected = 'scenario',
  ) {
    super(problemsMessage(source, expected, problems));
    this.name = 'ScenarioError';
    // Argument checks name the whole input "(top level)", as the message does; schema problems give it as ''.
    this.problems = problems.map((problem) => (problem.path === '(top level)' ? { ...problem, path: '' } : problem));
  }
}

/** What a value given for an option is, in an error message: a number, true or false as written, text quoted, anything else by its kind. */
export function givenValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'boolean') return String(value);
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;
}
