/**
 * @module
 * A plain-text table like Python's `tabulate` draws by default: a header, a rule of dashes,
 * columns two spaces apart, numbers aligned to the right and text to the left.
 */

export type Cell = string | number | null | undefined;

const isEmpty = (cell: Cell): boolean => cell === null || cell === undefined || cell === "";

/** Returns the lines of the table; a missing or `null` cell is left blank. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): string[] {
  const columns = headers.map((header, index) => {
    const cells = rows.map((row) => row[index]);
    const numeric =
      cells.some((cell) => typeof cell === "number") &&
      cells.every((cell) => typeof cell === "number" || isEmpty(cell));
    const texts = cells.map((cell) => (isEmpty(cell) ? "" : String(cell)));
    const width = Math.max(header.length, ...texts.map((text) => text.length));
    const align = (text: string) => (numeric ? text.padStart(width) : text.padEnd(width));
    return { header: align(header), rule: "-".repeat(width), texts: texts.map(align) };
  });
  const line = (parts: string[]) => parts.join("  ").trimEnd();
  return [
    line(columns.map((column) => column.header)),
    line(columns.map((column) => column.rule)),
    ...rows.map((_, index) => line(columns.map((column) => column.texts[index] as string))),
  ];
}
