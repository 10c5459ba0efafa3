import { describe, expect, it } from "vitest";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { encodeBody, encodeQuery, type QueryParams, withQuery } from "./serialize.ts";

// Expected strings are what python-ovh sends, i.e. Python's urllib.parse.urlencode (quote_plus)
// and json.dumps(data, separators=(",", ":")), e.g.
//   python3 -c 'from urllib.parse import urlencode; print(urlencode({"q": "a b/c!*()\x27~_.-"}))'
//   python3 -c 'import json; print(json.dumps({"b": "é"}, separators=(",", ":")))'

describe("encodeQuery", () => {
  it("encodes a simple pair", () => {
    expect(encodeQuery({ status: "validated" })).toBe("status=validated");
  });

  it("quotes like quote_plus: space -> +, only letters, digits and _.-~ left as they are", () => {
    expect(encodeQuery({ q: "a b/c!*()'~_.-" })).toBe("q=a+b%2Fc%21%2A%28%29%27~_.-");
    expect(encodeQuery({ sym: "&=+?#%;,:@$" })).toBe("sym=%26%3D%2B%3F%23%25%3B%2C%3A%40%24");
  });

  it("encodes non-ASCII text as percent-encoded UTF-8, astral characters included", () => {
    expect(encodeQuery({ name: "é€😀" })).toBe("name=%C3%A9%E2%82%AC%F0%9F%98%80");
  });

  it("quotes keys too", () => {
    expect(encodeQuery({ "a b": "1" })).toBe("a+b=1");
  });

  it("keeps the order of the keys", () => {
    expect(encodeQuery({ z: 1, a: 2, m: 3 })).toBe("z=1&a=2&m=3");
  });

  it("writes booleans as true/false, like python-ovh", () => {
    expect(encodeQuery({ a: true, b: false })).toBe("a=true&b=false");
  });

  it("writes numbers and bigints as their decimal text", () => {
    expect(encodeQuery({ n: 42, f: 1.5, neg: -3, big: 12345678901234567890n })).toBe(
      "n=42&f=1.5&neg=-3&big=12345678901234567890",
    );
  });

  it("writes a Date as its ISO 8601 UTC text", () => {
    expect(encodeQuery({ "date.from": new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) })).toBe(
      "date.from=2024-01-02T03%3A04%3A05.000Z",
    );
  });

  it("leaves out undefined and null", () => {
    expect(encodeQuery({ a: undefined, b: 1, c: null })).toBe("b=1");
  });

  it("repeats the key of an array, leaving out its undefined and null items", () => {
    expect(encodeQuery({ ip: ["1.2.3.4", "5.6.7.8"] })).toBe("ip=1.2.3.4&ip=5.6.7.8");
    expect(encodeQuery({ x: [1, null, undefined, true] })).toBe("x=1&x=true");
    expect(encodeQuery({ x: [] })).toBe("");
  });

  it("aliases reserved words (_from -> from) and leaves other keys alone", () => {
    expect(encodeQuery({ _from: "a@example.com", _to: "b" })).toBe("from=a%40example.com&_to=b");
  });

  it("returns an empty string when there is nothing to send", () => {
    expect(encodeQuery(undefined)).toBe("");
    expect(encodeQuery(null as unknown as QueryParams)).toBe("");
    expect(encodeQuery({})).toBe("");
    expect(encodeQuery({ a: undefined })).toBe("");
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
  ])("refuses the non-finite number %s", (_, value) => {
    expect(() => encodeQuery({ n: value })).toThrow(InvalidConfiguration);
    expect(() => encodeQuery({ n: value })).toThrow(/"n" is not a finite number/);
  });

  it("refuses an invalid Date", () => {
    expect(() => encodeQuery({ d: new Date(Number.NaN) })).toThrow(/"d" is an invalid Date/);
  });

  it.each([
    ["an object", { a: 1 }],
    ["a nested array", [[1]]],
    ["a function", () => 1],
    ["a symbol", Symbol("s")],
    ["a URL", new URL("https://example.com")],
  ])("refuses %s as a value", (_, value) => {
    const params = { v: value } as unknown as QueryParams;
    expect(() => encodeQuery(params)).toThrow(InvalidConfiguration);
    expect(() => encodeQuery(params)).toThrow(/"v" must be a string, number, boolean, Date/);
  });

  it("refuses params that are not a plain object", () => {
    for (const params of ["a=1", 1, [["a", "1"]]]) {
      expect(() => encodeQuery(params as unknown as QueryParams)).toThrow(/must be a plain object/);
    }
  });

  it("refuses text that is not well-formed Unicode instead of throwing a URIError", () => {
    expect(() => encodeQuery({ q: "a\ud800" })).toThrow(InvalidConfiguration);
    expect(() => encodeQuery({ "\udc00": "a" })).toThrow(/lone surrogate/);
  });
});

describe("withQuery", () => {
  it("appends with ? to a path without a query", () => {
    expect(withQuery("/me/api/credential", "status=validated")).toBe(
      "/me/api/credential?status=validated",
    );
  });

  it("appends with & to a path that already has a query", () => {
    expect(withQuery("/me/bill?date.from=2024", "status=ok")).toBe(
      "/me/bill?date.from=2024&status=ok",
    );
  });

  it("leaves the path alone for an empty query", () => {
    expect(withQuery("/me", "")).toBe("/me");
    expect(withQuery("/me?a=1", "")).toBe("/me?a=1");
  });
});

describe("encodeBody", () => {
  it("writes compact JSON in key order", () => {
    expect(encodeBody({ z: 1, a: 2, m: { y: 1, b: 2 } })).toBe('{"z":1,"a":2,"m":{"y":1,"b":2}}');
  });

  it('keeps a key named "__proto__" as a key, as JSON does, in bodies and query strings', () => {
    const body = JSON.parse('{"__proto__":{"a":1},"_from":"x"}');
    expect(encodeBody(body)).toBe('{"__proto__":{"a":1},"from":"x"}');
    expect(encodeQuery(JSON.parse('{"__proto__":"p"}'))).toBe("__proto__=p");
  });

  it("escapes every character from U+007F up as lowercase \\uXXXX, like json.dumps", () => {
    expect(
      encodeBody({
        a: 1,
        b: "é",
        c: "😀",
        d: "\u007f",
        e: [1, 2],
        f: null,
        g: true,
        h: '\u001f\n"\\/',
      }),
    ).toBe(
      '{"a":1,"b":"\\u00e9","c":"\\ud83d\\ude00","d":"\\u007f","e":[1,2],"f":null,"g":true,"h":"\\u001f\\n\\"\\\\/"}',
    );
    expect(encodeBody("\u2028\u00a0\u0080\ufeff\uffff")).toBe(
      '"\\u2028\\u00a0\\u0080\\ufeff\\uffff"',
    );
  });

  it("leaves printable ASCII as it is", () => {
    expect(encodeBody({ s: " ~!<>&'" })).toBe(`{"s":" ~!<>&'"}`);
  });

  it("sends no body for {}, null and undefined", () => {
    expect(encodeBody({})).toBeUndefined();
    expect(encodeBody(Object.create(null))).toBeUndefined();
    expect(encodeBody(null)).toBeUndefined();
    expect(encodeBody(undefined)).toBeUndefined();
  });

  it("sends no body when every key is undefined, and drops undefined keys otherwise", () => {
    expect(encodeBody({ a: undefined, _from: undefined })).toBeUndefined();
    expect(encodeBody({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it("keeps arrays, scalars and empty arrays as JSON", () => {
    expect(encodeBody(["é", 1])).toBe('["\\u00e9",1]');
    expect(encodeBody([])).toBe("[]");
    expect(encodeBody("text")).toBe('"text"');
    expect(encodeBody(0)).toBe("0");
    expect(encodeBody(false)).toBe("false");
  });

  it("aliases top-level reserved words only", () => {
    expect(
      encodeBody({ _from: "sales@example.com", to: "contact@example.com", localCopy: false }),
    ).toBe('{"from":"sales@example.com","to":"contact@example.com","localCopy":false}');
    expect(encodeBody({ _class: "x", inner: { _from: 1 } })).toBe(
      '{"class":"x","inner":{"_from":1}}',
    );
  });

  it("does not alias the keys of a top-level array's objects", () => {
    expect(encodeBody([{ _from: 1 }])).toBe('[{"_from":1}]');
  });

  it("uses toJSON like JSON.stringify (a Date becomes its ISO text)", () => {
    expect(encodeBody({ at: new Date(Date.UTC(2024, 0, 2)) })).toBe(
      '{"at":"2024-01-02T00:00:00.000Z"}',
    );
  });

  it("refuses a BigInt with an InvalidConfiguration carrying the cause", () => {
    let error: unknown;
    try {
      encodeBody({ n: 1n });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfiguration);
    expect((error as Error).message).toMatch(/cannot be encoded as JSON/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("refuses a cycle", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => encodeBody(cyclic)).toThrow(InvalidConfiguration);
  });

  it("refuses values that JSON has no text for", () => {
    expect(() => encodeBody(() => 1)).toThrow(/A body of type function cannot be encoded/);
    expect(() => encodeBody(Symbol("s"))).toThrow(/A body of type symbol cannot be encoded/);
  });
});
