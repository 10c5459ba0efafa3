import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./retry-after.ts";

const NOW = Date.parse("2025-03-01T12:00:00Z");

describe("parseRetryAfter", () => {
  it("reads a number of seconds as milliseconds", () => {
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter("3", NOW)).toBe(3000);
    expect(parseRetryAfter(" 120 ", NOW)).toBe(120_000);
    expect(parseRetryAfter("1.5", NOW)).toBe(1500);
  });

  it("reads an HTTP date as the time left until it", () => {
    expect(parseRetryAfter("Sat, 01 Mar 2025 12:00:07 GMT", NOW)).toBe(7000);
  });

  it("waits nothing for a date already past", () => {
    expect(parseRetryAfter("Sat, 01 Mar 2025 11:59:00 GMT", NOW)).toBe(0);
  });

  it("ignores an absent, negative or unreadable header", () => {
    for (const value of [null, undefined, "", "-1", "soon", "1e3", "12 34", "Xyz, 99 Foo"]) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });

  it("uses the current time by default", () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const ms = parseRetryAfter(inTenSeconds) as number;
    expect(ms).toBeGreaterThan(8000);
    expect(ms).toBeLessThanOrEqual(10_000);
  });
});
