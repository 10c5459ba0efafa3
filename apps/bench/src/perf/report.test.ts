import { describe, expect, it } from "vitest";
import { overhead, spread } from "./report.ts";
import type { Measurement } from "./throughput.ts";

const run = (kind: Measurement["kind"], rps: number, error?: string): Measurement => ({
  runtime: "node",
  kind,
  concurrency: 1,
  requests: rps,
  rps,
  p50: 1,
  p99: 2,
  error,
});
const pct = (value: number) => `${Math.round(value * 100)}%`;

describe("spread", () => {
  it("gives the lowest and highest per-round ratio, skipping failed runs", () => {
    const rounds = [
      [run("asyncovh", 900), run("raw-fetch", 1000)],
      [run("asyncovh", 1000), run("raw-fetch", 1200)],
      [run("asyncovh", 1000), run("raw-fetch", 900, "crashed")],
      [run("asyncovh", 1100), run("raw-fetch", 990)],
    ];
    expect(spread(rounds, "node", "asyncovh", "raw-fetch", 1, overhead, pct)).toBe(
      " (rounds: -10% to 20%)",
    );
  });

  it("says nothing with fewer than two rounds", () => {
    const one = [[run("asyncovh", 900), run("raw-fetch", 1000)]];
    expect(spread(one, "node", "asyncovh", "raw-fetch", 1, overhead, pct)).toBe("");
    expect(spread(undefined, "node", "asyncovh", "raw-fetch", 1, overhead, pct)).toBe("");
  });
});
