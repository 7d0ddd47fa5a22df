/** Plain-text tables for a terminal. */

/**
 * The lines of a text table: the header, a rule of dashes, then the rows,
 * each column as wide as its widest cell, two spaces apart; the columns in
 * `leftAligned` padded on the right, the others (numbers) on the left.
 * @example textTableLines(['name', 'n'], [['a', '10']], [0]) // ['name   n', '----  --', 'a     10']
 */
export function textTableLines(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  leftAligned: readonly number[],
): string[] {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? '';
        return leftAligned.includes(column) ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}
