/**
 * Numbers as text for messages and tables, written without the ICU number formatting that
 * `Number.prototype.toLocaleString` loads the first time a process calls it (about 25 ms of CPU on the machines
 * govsim is measured on: a tenth of a whole `govsim --help`).
 */

/**
 * A whole number with a comma between groups of three digits, as `toLocaleString('en')` writes it:
 * `wholeNumberText(2253000)` is `2,253,000`, `wholeNumberText(-1500)` is `-1,500`. A number that is not a whole
 * number, or past 2^53 − 1, is left to `toLocaleString('en')`.
 */
export function wholeNumberText(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en');
  const digits = String(Math.abs(value));
  let text = digits.slice(0, digits.length % 3 || 3);
  for (let end = text.length + 3; end <= digits.length; end += 3) text += `,${digits.slice(end - 3, end)}`;
  return value < 0 || Object.is(value, -0) ? `-${text}` : text;
}

/**
 * `count` things: one `thing`, or `count` of `things` (the thing and an s, unless given).
 * @example plural(1, 'paired replicate') // '1 paired replicate'
 * @example plural(3, 'batch', 'batches') // '3 batches'
 */
export function plural(count: number, thing: string, things = `${thing}s`): string {
  return `${count} ${count === 1 ? thing : things}`;
}
