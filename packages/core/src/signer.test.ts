import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha1Hex, sign } from "./signer.ts";

// Published vectors of the official OVH clients (python-ovh and go-ovh test suites).
const AS = "9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk";
const CK = "5mBuy6SUQcRw2ZUxg0cG68BoDKpED4KY";
const TS = 1457018875;

const vectors = [
  ["GET", "https://eu.api.ovh.com/1.0/auth", "", "$1$e9556054b6309771395efa467c22e627407461ad"],
  ["GET", "https://eu.api.ovh.com/1.0/call", "", "$1$7f2db49253edfc41891023fcd1a54cf61db05fbb"],
  ["GET", "https://eu.api.ovh.com/v1/call", "", "$1$e6e7906d385eb28adcbfbe6b66c1528a42d741ad"],
  ["GET", "https://eu.api.ovh.com/v2/call", "", "$1$bb63b132a6f84ad5433d0c534d48d3f7c3804285"],
] as const;

describe("sign", () => {
  it.each(vectors)("%s %s -> published signature", (method, url, body, expected) => {
    expect(sign({ applicationSecret: AS, consumerKey: CK, method, url, body, timestamp: TS })).toBe(
      expected,
    );
  });

  it("depends on every input", () => {
    const base = {
      applicationSecret: AS,
      consumerKey: CK,
      method: "GET",
      url: vectors[0][1],
      body: "",
      timestamp: TS,
    };
    const reference = sign(base);
    for (const change of [
      { applicationSecret: `${AS}x` },
      { consumerKey: `${CK}x` },
      { method: "POST" },
      { url: `${base.url}?a=1` },
      { body: "{}" },
      { timestamp: TS + 1 },
    ]) {
      expect(sign({ ...base, ...change })).not.toBe(reference);
    }
  });

  it("upper-cases the method and hashes UTF-8 bytes", () => {
    const input = { applicationSecret: AS, consumerKey: CK, url: "https://x/1.0/a", timestamp: 1 };
    expect(sign({ ...input, method: "get", body: "" })).toBe(
      sign({ ...input, method: "GET", body: "" }),
    );
    expect(sign({ ...input, method: "POST", body: "é" })).toMatch(/^\$1\$[0-9a-f]{40}$/);
    expect(sign({ ...input, method: "POST", body: "é" })).not.toBe(
      sign({ ...input, method: "POST", body: "e" }),
    );
  });

  it("hashes the UTF-8 bytes of a payload longer than one SHA-1 block", () => {
    // 198 bytes (four SHA-1 blocks), "é" as two bytes; reference: OpenSSL's SHA-1.
    const body = '{"from":"ventes@exemple.fr","to":"café@exemple.fr"}';
    const url = "https://eu.api.ovh.com/1.0/email/domain/example.com/redirection";
    expect(
      sign({ applicationSecret: AS, consumerKey: CK, method: "POST", url, body, timestamp: TS }),
    ).toBe("$1$27faa0691f5190caf99deba3f343a97569bcc3ab");
  });
});

describe("sha1Hex", () => {
  it("is the SHA-1 of the string's UTF-8 bytes, for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha1Hex(text)).toBe(createHash("sha1").update(text, "utf8").digest("hex"));
      }),
      { numRuns: 500 },
    );
  });
});
