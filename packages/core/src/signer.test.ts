import { createHash } from "node:crypto";
import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Client } from "./client.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { SHA1, sha1Hex, sign } from "./signer.ts";

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

describe("a SHA-1 given to sign() or to the client", () => {
  const input = {
    applicationSecret: AS,
    consumerKey: CK,
    method: "get",
    url: "https://eu.api.ovh.com/1.0/me",
    body: "",
    timestamp: TS,
  };

  it("hashes the payload sign() would hash, method upper-cased", () => {
    const seen: string[] = [];
    const signature = sign(input, (text) => {
      seen.push(text);
      return "f".repeat(40);
    });
    expect(seen).toEqual([`${AS}+${CK}+GET+https://eu.api.ovh.com/1.0/me++${TS}`]);
    expect(signature).toBe(`$1$${"f".repeat(40)}`);
    expect(sign(input, (text) => createHash("sha1").update(text).digest("hex"))).toBe(sign(input));
  });

  function clientWith(sha1: unknown) {
    const mock = createMockOvh();
    return new Client({
      endpoint: "http://127.0.0.1:9/1.0",
      ...DEMO_CREDENTIALS,
      timeDelta: 0,
      retry: 0,
      fetch: mock.fetch,
      [SHA1]: sha1 as never,
    });
  }

  it("signs every call of the client, which the mock (noble's SHA-1) accepts", async () => {
    const texts: string[] = [];
    const client = clientWith((text: string) => {
      texts.push(text);
      return createHash("sha1").update(text).digest("hex");
    });
    await expect(client.get("/me")).resolves.toMatchObject({ nichandle: expect.any(String) });
    await expect(client.get("/me/bill")).resolves.toEqual(expect.any(Array));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/\+GET\+http:\/\/127\.0\.0\.1:9\/1\.0\/me\+\+\d+$/);
  });

  it("is what the signature rests on: a wrong SHA-1 is refused by the API", async () => {
    await expect(clientWith(() => "0".repeat(40)).get("/me")).rejects.toMatchObject({
      errorCode: "INVALID_SIGNATURE",
    });
  });

  it("must be a function", () => {
    expect(() => clientWith("sha1")).toThrow(InvalidConfiguration);
    expect(() => clientWith("sha1")).toThrow(/options\[SHA1\] must be a function/);
  });
});
