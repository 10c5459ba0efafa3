/**
 * @module
 * Words that cannot be argument names in Python or JavaScript. A top-level key `_word` of a call's
 * params or body is sent as `word` (`_from` -> `from`), like python-ovh's keyword aliasing.
 */

/**
 * Python's `keyword.kwlist` (`False` to `yield`), then the JavaScript reserved words it lacks
 * (ECMAScript 2024, strict mode; `case` to `void`).
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    "False None True and as assert async await break class continue def del elif else except " +
    "finally for from global if import in is lambda nonlocal not or pass raise return try while " +
    "with yield " +
    "case catch const debugger default delete do enum export extends false function implements " +
    "instanceof interface let new null package private protected public static super switch this " +
    "throw true typeof var void"
  ).split(" "),
);

/** Returns a copy of `record` with `_word` keys renamed to `word`, key order kept. */
export function aliasReservedKeys<T>(record: Record<string, T>): Record<string, T> {
  // fromEntries defines own properties: a key "__proto__" stays a key, as in JSON, instead of
  // setting the prototype (which assignment does). A later key wins over an earlier alias.
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => {
      const bare = key.slice(1);
      return [key.startsWith("_") && RESERVED_WORDS.has(bare) ? bare : key, value];
    }),
  );
}
