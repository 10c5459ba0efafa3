import { describe, expect, it } from "vitest";
import { benchmarkBills, STRATEGIES } from "./bills.ts";
import { markdownReport } from "./report.ts";

describe("benchmarkBills", () => {
  it("reads the same bills every way and counts each way's requests", async () => {
    const report = await benchmarkBills({ bills: 30, latencyMs: 0, pageSize: 12, chunkSize: 20 });
    expect(report.results.map((r) => r.name)).toEqual(STRATEGIES.map((s) => s.name));
    expect(report.results.map((r) => r.requests)).toEqual([
      1 + 30, // the ids, then each bill
      1 + 30,
      3, // ceil(30 / 12) pages
      1 + 2, // the ids, then ceil(30 / 20) batches
    ]);
    expect(report.results.every((r) => r.bills === 30 && r.ms > 0)).toBe(true);
  }, 30_000);

  it("adds the latency to every request", async () => {
    const { results } = await benchmarkBills({ bills: 12, latencyMs: 30 });
    const pages = results[2] as { requests: number; ms: number };
    expect(pages.requests).toBe(1);
    expect(pages.ms).toBeGreaterThanOrEqual(30);
    const oneByOne = results[0] as { ms: number };
    expect(oneByOne.ms).toBeGreaterThanOrEqual(13 * 30);
  }, 30_000);

  it("refuses settings it cannot honour", async () => {
    await expect(benchmarkBills({ bills: 3 })).rejects.toThrow(/starts with 12 bills/);
    await expect(benchmarkBills({ latencyMs: -1 })).rejects.toThrow(/latencyMs/);
  });
});

describe("markdownReport", () => {
  it("writes one table row per way", () => {
    const text = markdownReport({
      bills: 500,
      latencyMs: 20,
      results: [{ name: "a way", requests: 5, ms: 123.4, bills: 500 }],
    });
    expect(text).toContain("500 bills with their details, 20 ms of latency per request:");
    expect(text).toContain("| a way | 5 | 123 ms |");
  });
});
