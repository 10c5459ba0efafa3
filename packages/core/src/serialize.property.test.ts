/**
 * Properties of serialization and reserved-word aliasing, checked by the mock's own signature
 * verification: for any params, body or path segment, a call is either sent signed so that the
 * mock accepts it, or refused before anything is sent with a typed error.
 */
import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { Client } from "./client.ts";
import { type APIError, isAPIError } from "./errors/api-error.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { RESERVED_WORDS } from "./reserved-words.ts";
import type { QueryParams } from "./serialize.ts";

// Hundreds of runs each: CPU-bound, so give a shared machine time.
vi.setConfig({ testTimeout: 60_000 });

/** What OVH answers when the request itself is not trusted. */
const AUTH_ERRORS = [
  "INVALID_SIGNATURE",
  "QUERY_TIME_OUT",
  "NOT_AUTHENTICATED",
  "INVALID_KEY",
  "NOT_CREDENTIAL",
  "INVALID_CREDENTIAL",
];

function setup() {
  const mock = createMockOvh();
  const sent: { url: string; body: string | undefined }[] = [];
  const client = new Client({
    // Loopback on a closed port: the mock answers in memory, nothing leaves the process.
    endpoint: "http://127.0.0.1:9/1.0",
    ...DEMO_CREDENTIALS,
    timeDelta: 0,
    retry: 0,
    fetch: (input, init) => {
      sent.push({ url: String(input), body: init?.body as string | undefined });
      return mock.fetch(input, init);
    },
  });
  return { client, sent };
}

/** Runs a call; returns what happened, and checks it is one of the two allowed outcomes. */
async function outcome(sent: unknown[], call: () => Promise<unknown>): Promise<"sent" | "refused"> {
  const before = sent.length;
  try {
    await call();
    expect(sent.length).toBe(before + 1);
    return "sent";
  } catch (error) {
    expect(isAPIError(error)).toBe(true);
    if (error instanceof InvalidConfiguration) {
      // Refused locally, with a typed error, before any request.
      expect(sent.length).toBe(before);
      return "refused";
    }
    // Sent, and the mock trusted it: any error is about the resource, not the signature.
    expect(sent.length).toBe(before + 1);
    expect(AUTH_ERRORS).not.toContain((error as APIError).errorCode);
    return "sent";
  }
}

const alias = (key: string) =>
  key.startsWith("_") && RESERVED_WORDS.has(key.slice(1)) ? key.slice(1) : key;

const keyArb = fc.oneof(
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.constantFrom(...[...RESERVED_WORDS]).map((word) => `_${word}`),
  fc.constantFrom("from", "_from", "__from", "_", "status", "_status"),
);
const scalarArb = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  // Lone surrogates: strings JavaScript allows and UTF-8 cannot carry.
  fc.constantFrom("\ud800", "a\udfffb", "\udc00\ud800"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
  fc.bigInt(),
);
const valueArb = fc.oneof(
  { weight: 6, arbitrary: scalarArb },
  { weight: 1, arbitrary: fc.array(scalarArb, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.object({ maxDepth: 1, maxKeys: 2 }) },
);

describe("for any query params", () => {
  it("GET is signed so that the mock accepts it, with reserved keys aliased, or refused typed", async () => {
    const { client, sent } = setup();
    await fc.assert(
      fc.asyncProperty(fc.dictionary(keyArb, valueArb, { maxKeys: 5 }), async (params) => {
        const result = await outcome(sent, () => client.get("/me", params as QueryParams));
        if (result === "refused") return;
        const url = new URL((sent.at(-1) as { url: string }).url);
        const present = (value: unknown) =>
          Array.isArray(value)
            ? value.some((item) => item !== null && item !== undefined)
            : value !== null && value !== undefined;
        // Aliased keys may collide (`from` and `_from`): the later one wins, as in python-ovh.
        const aliased = new Map(Object.entries(params).map(([key, value]) => [alias(key), value]));
        const expected = new Set(
          [...aliased].filter(([, value]) => present(value)).map(([key]) => key),
        );
        expect(new Set(url.searchParams.keys())).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("for any body", () => {
  it("PUT is signed so that the mock accepts it, with top-level reserved keys aliased, or refused typed", async () => {
    const { client, sent } = setup();
    const bodyArb = fc.oneof(
      fc.dictionary(keyArb, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
      fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withMap: true }),
    );
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const result = await outcome(sent, () => client.put("/me", body));
        if (result === "refused") return;
        const wire = (sent.at(-1) as { body: string | undefined }).body;
        // What goes on the wire is ASCII JSON (python-ovh's `json.dumps`), or nothing.
        if (wire !== undefined) expect(wire).toMatch(/^[\x20-\x7e]*$/);
        const isPlain =
          body !== null &&
          typeof body === "object" &&
          Object.getPrototypeOf(body) === Object.prototype;
        if (!isPlain || wire === undefined) return;
        const expected = Object.keys(JSON.parse(JSON.stringify(body))).map(alias);
        expect(new Set(Object.keys(JSON.parse(wire)))).toEqual(new Set(expected));
      }),
      { numRuns: 300 },
    );
  });
});

describe("for any path segment", () => {
  it("an encoded segment is signed so that the mock accepts it, or refused typed", async () => {
    const { client, sent } = setup();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 10 }), async (segment) => {
        let path: string;
        try {
          path = `/me/bill/${encodeURIComponent(segment)}`;
        } catch {
          // A lone surrogate cannot be encoded: not something a caller can send.
          return;
        }
        await outcome(sent, () => client.get(path));
      }),
      { numRuns: 200 },
    );
  });
});
