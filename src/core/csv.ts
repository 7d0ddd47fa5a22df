/**
 * CSV as govsim writes and reads it: comma-separated, `\n` line ends, a
 * header row; numbers in JavaScript's shortest round-trip form, undefined
 * numbers (NaN) as empty cells; text quoted only when it holds a comma, a
 * quote or a line break.
 */

/** One cell. */
export function csvCell(value: string | number | boolean): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, with its line end. */
export function csvLine(cells: ReadonlyArray<string | number | boolean>): string {
  return `${cells.map(csvCell).join(',')}\n`;
}

/** A table: the header, then one line per row. */
export function csvTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean>>): string {
  return [csvLine(header), ...rows.map(csvLine)].join('');
}

/** Splits one line into cells, undoing the quoting of {@link csvCell}. */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index] as string;
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        current += '"';
        index++;
      } else if (character === '"') quoted = false;
      else current += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      cells.push(current);
      current = '';
    } else current += character;
  }
  cells.push(current);
  return cells;
}
