import { SHA1, sha1Hex } from "@asyncovh/core";
import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
import { describe, expect, it } from "vitest";
import { Client } from "./index.ts";
import { nodeSha1, runtimeSha1 } from "./sha1.ts";

const TEXTS = [
  "",
  "abc",
  "secret+consumer+GET+https://eu.api.ovh.com/1.0/me++1457018875",
  '{"from":"ventes@exemple.fr","to":"café@exemple.fr"}',
  "日本語 😀 \u0000 \u007f \u0080 \uffff",
  "\ud800 a lone surrogate",
  "x".repeat(55),
  "x".repeat(56),
  "y".repeat(64),
  "z".repeat(10_000),
];

describe("nodeSha1", () => {
  it.each(
    TEXTS.map((text) => [text.slice(0, 24), text]),
  )("equals core's SHA-1 of the UTF-8 bytes (%j)", (_label, text) => {
    expect(nodeSha1(text)).toBe(sha1Hex(text));
  });
});

describe("runtimeSha1", () => {
  it("is node:crypto's outside Bun", () => {
    const sha1 = runtimeSha1({});
    for (const text of TEXTS) expect(sha1(text)).toBe(sha1Hex(text));
  });

  it("is Bun.SHA1 under Bun, in hex", () => {
    const asked: unknown[][] = [];
    const bun = {
      SHA1: {
        hash: (...args: unknown[]) => {
          asked.push(args);
          return "b".repeat(40);
        },
      },
    };
    expect(runtimeSha1({ Bun: bun })("payload")).toBe("b".repeat(40));
    expect(asked).toEqual([["payload", "hex"]]);
  });

  it("does not take a Bun global without SHA1 for Bun", () => {
    expect(runtimeSha1({ Bun: {} })("abc")).toBe(sha1Hex("abc"));
  });
});

describe("the Node client's SHA-1", () => {
  const client = (options: object) =>
    new Client({
      endpoint: "http://127.0.0.1:9/1.0",
      ...DEMO_CREDENTIALS,
      timeDelta: 0,
      retry: 0,
      fetch: createMockOvh().fetch,
      ...options,
    });

  it("signs calls that the mock accepts", async () => {
    await expect(client({}).get("/me")).resolves.toMatchObject({ nichandle: expect.any(String) });
  });

  it("gives way to one passed as an option", async () => {
    await expect(client({ [SHA1]: () => "0".repeat(40) }).get("/me")).rejects.toMatchObject({
      errorCode: "INVALID_SIGNATURE",
    });
  });
});
