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

/**
 * CPU time in words for a sweep's estimate: "under a CPU minute" below one, whole minutes (rounded up) under an
 * hour, hours to three figures above.
 * @example cpuTimeText(30) // 'under a CPU minute'
 * @example cpuTimeText(5400) // '1.50 CPU hours'
 */
export function cpuTimeText(seconds: number): string {
  if (seconds >= 3600) return `${(seconds / 3600).toPrecision(3)} CPU hours`;
  if (seconds < 60) return 'under a CPU minute';
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} CPU minute${minutes === 1 ? '' : 's'}`;
}

/**
 * A share as a whole percentage, "—" when it is not a number: the one way govsim writes a share of replicates, draws
 * or design points. A share short of 1 that would round to 100%, or above 0 that would round to 0%, gets one decimal
 * instead, rounded and kept off the edge (99.9% at most, 0.1% at least), so that it never reads as all or none when it
 * is not: 737 of 740 reads 99.6%, 3 of 740 0.4%, 199 of 200 99.5%. Within 1e-9 of the edge is rounding in the
 * arithmetic (a Wilson bound of n of n), and reads as the edge.
 * @example percent(0.53) // '53%'
 * @example percent(737 / 740) // '99.6%'
 * @example percent(3 / 740) // '0.4%'
 */
export function percent(share: number): string {
  if (!Number.isFinite(share)) return '—';
  const whole = Math.round(100 * share);
  if ((whole === 100 && share < 1 - 1e-9) || (whole === 0 && share > 1e-9))
    return `${(Math.min(999, Math.max(1, Math.round(1000 * share))) / 10).toFixed(1)}%`;
  return `${whole}%`;
}
