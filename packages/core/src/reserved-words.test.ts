import { describe, expect, it } from "vitest";
import { aliasReservedKeys, RESERVED_WORDS } from "./reserved-words.ts";

// python3 -c 'import keyword; print(keyword.kwlist)'
const PYTHON_KEYWORDS = [
  "False",
  "None",
  "True",
  "and",
  "as",
  "assert",
  "async",
  "await",
  "break",
  "class",
  "continue",
  "def",
  "del",
  "elif",
  "else",
  "except",
  "finally",
  "for",
  "from",
  "global",
  "if",
  "import",
  "in",
  "is",
  "lambda",
  "nonlocal",
  "not",
  "or",
  "pass",
  "raise",
  "return",
  "try",
  "while",
  "with",
  "yield",
];

// ECMAScript reserved words, strict mode included.
const JAVASCRIPT_RESERVED = [
  "await",
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "implements",
  "import",
  "in",
  "instanceof",
  "interface",
  "let",
  "new",
  "null",
  "package",
  "private",
  "protected",
  "public",
  "return",
  "static",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "yield",
];

describe("RESERVED_WORDS", () => {
  it("holds Python's keywords and JavaScript's reserved words, and nothing else", () => {
    expect(new Set(RESERVED_WORDS)).toEqual(new Set([...PYTHON_KEYWORDS, ...JAVASCRIPT_RESERVED]));
  });
});

describe("aliasReservedKeys", () => {
  it("renames _from to from and _class to class", () => {
    expect(aliasReservedKeys({ _from: "a", _class: "b" })).toEqual({ from: "a", class: "b" });
  });

  it.each([...PYTHON_KEYWORDS, ...JAVASCRIPT_RESERVED])("renames _%s", (word) => {
    expect(Object.keys(aliasReservedKeys({ [`_${word}`]: 1 }))).toEqual([word]);
  });

  it("leaves other underscored keys, and bare reserved words, as they are", () => {
    expect(aliasReservedKeys({ _foo: 1, __from: 2, from_: 3, from: 4, _From: 5, _: 6 })).toEqual({
      _foo: 1,
      __from: 2,
      from_: 3,
      from: 4,
      _From: 5,
      _: 6,
    });
  });

  it("keeps the order of the keys", () => {
    expect(Object.keys(aliasReservedKeys({ a: 1, _from: 2, b: 3 }))).toEqual(["a", "from", "b"]);
  });

  it("renames top-level keys only", () => {
    const nested = { _from: 1 };
    const out = aliasReservedKeys({ outer: nested });
    expect(out).toEqual({ outer: { _from: 1 } });
    expect(out.outer).toBe(nested);
  });

  it("returns a copy and leaves its input alone", () => {
    const input = { _from: 1 };
    const out = aliasReservedKeys(input);
    expect(out).not.toBe(input);
    expect(input).toEqual({ _from: 1 });
  });
});
