/**
 * @module
 * BENCHMARKS.md is written by several benchmarks: each owns the text between its two marker
 * comments and leaves the rest of the file as it is.
 */

const markers = (name: string) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`] as const;

/** The document with the section `name` replaced by `body` (appended when it is not there yet). */
export function replaceSection(document: string, name: string, body: string): string {
  const [start, end] = markers(name);
  const block = `${start}\n${body.trim()}\n${end}`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 && to === -1) {
    const text = document.trimEnd();
    return `${text === "" ? "" : `${text}\n\n`}${block}\n`;
  }
  if (from === -1 || to < from) {
    throw new Error(
      `BENCHMARKS.md has a broken "${name}" section: put back both ${start} and ${end}, in this order.`,
    );
  }
  return document.slice(0, from) + block + document.slice(to + end.length);
}
