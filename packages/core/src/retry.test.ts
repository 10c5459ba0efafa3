import { describe, expect, it } from "vitest";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { backoff, DEFAULT_RETRY, retryDelay, retryPolicy } from "./retry.ts";

const NOW = Date.parse("2025-03-01T12:00:00Z");
const half = () => 0.5;

describe("DEFAULT_RETRY", () => {
  it("retries twice, idempotent methods only, on 408/429/502/503/504", () => {
    expect(DEFAULT_RETRY).toEqual({
      limit: 2,
      methods: ["GET", "PUT", "DELETE", "HEAD"],
      statusCodes: [408, 429, 502, 503, 504],
      delay: 500,
      backoffLimit: 8000,
      maxRetryAfter: 60_000,
    });
    expect(Object.isFrozen(DEFAULT_RETRY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RETRY.methods)).toBe(true);
  });
});

describe("retryPolicy", () => {
  it("keeps the base when nothing is set", () => {
    expect(retryPolicy(undefined)).toBe(DEFAULT_RETRY);
  });

  it("turns retries off with 0 or false", () => {
    expect(retryPolicy(0).limit).toBe(0);
    expect(retryPolicy(false).limit).toBe(0);
    expect(retryPolicy(false).methods).toEqual(DEFAULT_RETRY.methods);
  });

  it("takes a number as the limit", () => {
    expect(retryPolicy(5)).toEqual({ ...DEFAULT_RETRY, limit: 5 });
  });

  it("completes options from the base, so a call refines its client's policy", () => {
    const client = retryPolicy({ limit: 4, delay: 10 });
    const call = retryPolicy({ methods: ["post", "GET"] }, client);
    expect(call).toEqual({ ...DEFAULT_RETRY, limit: 4, delay: 10, methods: ["POST", "GET"] });
    expect(Object.isFrozen(call)).toBe(true);
    expect(retryPolicy({ statusCodes: [500], backoffLimit: 0, maxRetryAfter: 1 })).toMatchObject({
      statusCodes: [500],
      backoffLimit: 0,
      maxRetryAfter: 1,
    });
  });

  it.each([
    [-1, /retry must be a whole number of retries from 0 to 100 \(got -1\)/],
    [1.5, /whole number/],
    [101, /from 0 to 100/],
    [Number.NaN, /whole number/],
    ["2", /retry must be a number of retries, false, or \{ limit/],
    [null, /retry must be a number of retries/],
    [true, /retry must be a number of retries/],
    [[1], /retry must be a number of retries/],
    [{ limit: -2 }, /retry\.limit must be a whole number/],
    [{ methods: "GET" }, /retry\.methods must be an array of HTTP methods/],
    [{ methods: ["GET /x"] }, /retry\.methods/],
    [{ statusCodes: [42] }, /retry\.statusCodes must be an array of HTTP statuses/],
    [{ statusCodes: "429" }, /retry\.statusCodes/],
    [{ delay: -1 }, /retry\.delay must be a number of milliseconds, 0 or more \(got -1\)/],
    [{ backoffLimit: Number.POSITIVE_INFINITY }, /retry\.backoffLimit must be/],
    [{ maxRetryAfter: "1" }, /retry\.maxRetryAfter must be/],
  ])("refuses %j with a message that says what is expected", (setting, message) => {
    expect(() => retryPolicy(setting as never)).toThrow(InvalidConfiguration);
    expect(() => retryPolicy(setting as never)).toThrow(message);
  });

  it("names the option it checks", () => {
    expect(() => retryPolicy(-1, DEFAULT_RETRY, "options.retry")).toThrow(/^options\.retry must/);
  });
});

describe("backoff", () => {
  it("doubles from the first delay and stops at the limit", () => {
    const policy = { ...DEFAULT_RETRY, delay: 100, backoffLimit: 1000 };
    const top = () => 1;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoff(policy, n, top))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it("jitters between half and all of the capped delay", () => {
    const policy = { ...DEFAULT_RETRY, delay: 1000 };
    expect(backoff(policy, 1, () => 0)).toBe(500);
    expect(backoff(policy, 1, half)).toBe(750);
    expect(backoff(policy, 1, () => 0.999)).toBe(1000);
    for (let i = 0; i < 100; i++) {
      const wait = backoff(policy, 2);
      expect(wait).toBeGreaterThanOrEqual(1000);
      expect(wait).toBeLessThanOrEqual(2000);
    }
  });
});

describe("retryDelay", () => {
  const status = (code: number, retryAfter?: string) =>
    ({ kind: "status", status: code, retryAfter }) as const;

  it("retries idempotent methods on network errors and retried statuses", () => {
    for (const method of ["GET", "put", "DELETE", "HEAD"]) {
      expect(retryDelay(DEFAULT_RETRY, method, 1, { kind: "network" }, half)).toBe(375);
    }
    for (const code of [408, 429, 502, 503, 504]) {
      expect(retryDelay(DEFAULT_RETRY, "GET", 1, status(code), half)).toBe(375);
    }
  });

  it("never retries POST (or PATCH) unless the policy lists it", () => {
    expect(retryDelay(DEFAULT_RETRY, "POST", 1, { kind: "network" })).toBeUndefined();
    expect(retryDelay(DEFAULT_RETRY, "POST", 1, status(503))).toBeUndefined();
    expect(retryDelay(DEFAULT_RETRY, "PATCH", 1, status(429))).toBeUndefined();
    const optIn = retryPolicy({ methods: ["POST"] });
    expect(retryDelay(optIn, "POST", 1, status(503), half)).toBe(375);
  });

  it("does not retry other statuses", () => {
    for (const code of [200, 400, 401, 403, 404, 409, 500, 501]) {
      expect(retryDelay(DEFAULT_RETRY, "GET", 1, status(code))).toBeUndefined();
    }
  });

  it("stops after `limit` retries", () => {
    expect(retryDelay(DEFAULT_RETRY, "GET", 2, status(503), half)).toBe(750);
    expect(retryDelay(DEFAULT_RETRY, "GET", 3, status(503))).toBeUndefined();
    expect(retryDelay(retryPolicy(0), "GET", 1, status(503))).toBeUndefined();
  });

  it("waits exactly what Retry-After asks, in seconds or as a date", () => {
    expect(retryDelay(DEFAULT_RETRY, "GET", 1, status(429, "3"), half, NOW)).toBe(3000);
    expect(
      retryDelay(DEFAULT_RETRY, "GET", 1, status(503, "Sat, 01 Mar 2025 12:00:05 GMT"), half, NOW),
    ).toBe(5000);
    expect(retryDelay(DEFAULT_RETRY, "GET", 1, status(429, "later"), half, NOW)).toBe(375);
  });

  it("gives up rather than wait longer than maxRetryAfter", () => {
    expect(retryDelay(DEFAULT_RETRY, "GET", 1, status(429, "60"), half, NOW)).toBe(60_000);
    expect(retryDelay(DEFAULT_RETRY, "GET", 1, status(429, "61"), half, NOW)).toBeUndefined();
  });
});
