import { describe, expect, it } from "vitest";
import { median, medianRun, percentile, rotated, summarize } from "./stats.ts";

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe("summarize", () => {
  it("gives requests per second, p50 and p99 of the latencies, and CPU per request", () => {
    const latencies = [...Array.from({ length: 98 }, () => 1), 5, 10];
    const summary = summarize(latencies, 500, 20_000);
    expect(summary).toEqual({ requests: 100, rps: 200, p50: 1, p99: 5, cpuUs: 200 });
    expect(summarize([2], 1000).cpuUs).toBeUndefined();
  });
});

describe("medianRun", () => {
  it("picks the run of median throughput", () => {
    const runs = [
      { rps: 300, id: "a" },
      { rps: 100, id: "b" },
      { rps: 200, id: "c" },
    ];
    expect(medianRun(runs)?.id).toBe("c");
    expect(medianRun([{ rps: 1 }, { rps: 2 }])?.rps).toBe(1);
    expect(medianRun([])).toBeUndefined();
  });
});

describe("rotated", () => {
  it("starts each round one client further along, so that every client runs first in turn", () => {
    const kinds = ["asyncovh", "node-ovh", "raw-https"];
    expect(rotated(kinds, 0)).toEqual(["asyncovh", "node-ovh", "raw-https"]);
    expect(rotated(kinds, 1)).toEqual(["node-ovh", "raw-https", "asyncovh"]);
    expect(rotated(kinds, 2)).toEqual(["raw-https", "asyncovh", "node-ovh"]);
    expect(rotated(kinds, 3)).toEqual(kinds);
    expect(kinds).toEqual(["asyncovh", "node-ovh", "raw-https"]);
    expect(rotated([], 4)).toEqual([]);
  });
});
