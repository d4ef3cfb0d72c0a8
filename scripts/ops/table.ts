/** Widest a cell is printed before it is cut with `…` (the last column is never cut). */
const MAX_CELL = 60;

/** A plain-text table: a header row, a rule, the rows; columns padded to their widest cell. */
export function renderTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const cells = rows.map((row) =>
    headers.map((_, column) => {
      const text = (row[column] ?? '').replace(/\s+/g, ' ');
      return column < headers.length - 1 && text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
    }),
  );
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => (column < headers.length - 1 ? row[column].length : 0))),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column < row.length - 1 ? cell.padEnd(widths[column]) : cell))
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    line(widths.map((width, column) => '-'.repeat(Math.max(width, headers[column].length)))),
    ...cells.map(line),
  ].join('\n');
}

/** `key  value` lines with the keys padded, for one object's fields. */
export function renderFields(fields: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...fields.map(([key]) => key.length));
  return fields.map(([key, value]) => `${key.padEnd(width)}  ${value}`).join('\n');
}
