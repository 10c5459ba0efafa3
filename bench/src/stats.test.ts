import { describe, expect, it } from "vitest";
import { median, rotated, spread } from "./stats.ts";

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones, whatever the order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe("spread", () => {
  it("sums up the finite values only", () => {
    expect(spread([1.2, Number.NaN, 0.9, 1.1])).toEqual({
      median: 1.1,
      min: 0.9,
      max: 1.2,
      count: 3,
    });
    expect(spread([Number.NaN]).count).toBe(0);
  });
});

describe("rotated", () => {
  it("starts each round one place further along, and wraps", () => {
    expect(rotated(["a", "b", "c"], 0)).toEqual(["a", "b", "c"]);
    expect(rotated(["a", "b", "c"], 1)).toEqual(["b", "c", "a"]);
    expect(rotated(["a", "b", "c"], 4)).toEqual(["b", "c", "a"]);
    expect(rotated([], 3)).toEqual([]);
  });
});
