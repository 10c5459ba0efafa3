import { describe, expect, it } from "vitest";
import { median, rotated, spread } from "./stats.ts";

describe("stats", () => {
  it("median: the middle value, or the mean of the two middle ones, whatever the order", () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, Number.NaN]);
  });

  it("spread: the median, lowest and highest of the finite values, and their count", () => {
    expect(Object.values(spread([1.2, Number.NaN, 0.9, 1.1]))).toEqual([1.1, 0.9, 1.2, 3]);
    expect(spread([Number.NaN]).count).toBe(0);
  });

  it("rotated: each round starts one place further along, and wraps", () => {
    const orders = [0, 1, 4].map((round) => rotated([1, 2, 3], round).join(""));
    expect(orders).toEqual(["123", "231", "231"]);
    expect(rotated([], 3)).toEqual([]);
  });
});
