import { describe, expect, it } from "vitest";
import {
  clientBoundSection,
  overhead,
  paired,
  pairedText,
  quartilesText,
  serverLoad,
  turnsAtOneSection,
} from "./report.ts";
import type { Measurement } from "./throughput.ts";

const run = (
  kind: Measurement["kind"],
  rps: number,
  error?: string,
  serverCpu?: number,
): Measurement => ({
  runtime: "node",
  kind,
  concurrency: 1,
  requests: rps,
  rps,
  p50: 1,
  p99: 2,
  error,
  serverCpu,
});
const pct = (value: number) => `${Math.round(value * 100)}%`;

describe("paired", () => {
  it("takes each ratio within a round and gives their median, lowest and highest, skipping failed runs", () => {
    const rounds = [
      [run("asyncovh", 900), run("raw-fetch", 1000)],
      [run("asyncovh", 1000), run("raw-fetch", 1200)],
      [run("asyncovh", 1000), run("raw-fetch", 900, "crashed")],
      [run("asyncovh", 1100), run("raw-fetch", 990)],
    ];
    const result = paired(rounds, "node", "asyncovh", "raw-fetch", 1, overhead);
    expect(result?.rounds).toBe(3);
    expect(result?.median).toBeCloseTo(1000 / 900 - 1, 6);
    expect(result?.min).toBeCloseTo(-0.1, 6);
    expect(result?.max).toBeCloseTo(0.2, 6);
    expect(pairedText(result, pct)).toBe("11% (rounds: -10% to 20%)");
  });

  it("differs from a ratio of each client's median run when the load moves between rounds", () => {
    // asyncovh is 10% faster in every round, but the rounds run under very different loads.
    const rounds = [
      [run("asyncovh", 1100), run("node-ovh", 1000)],
      [run("asyncovh", 2200), run("node-ovh", 2000)],
      [run("asyncovh", 550), run("node-ovh", 500)],
    ];
    const result = paired(rounds, "node", "asyncovh", "node-ovh", 1, (a, b) => a.rps / b.rps);
    expect(result?.median).toBeCloseTo(1.1, 6);
    expect(result?.min).toBeCloseTo(1.1, 6);
  });

  it("is undefined without a round that measured both, and gives the median alone for one round", () => {
    expect(paired(undefined, "node", "asyncovh", "raw-fetch", 1, overhead)).toBeUndefined();
    const failed = [[run("asyncovh", 900), run("raw-fetch", 1000, "crashed")]];
    expect(paired(failed, "node", "asyncovh", "raw-fetch", 1, overhead)).toBeUndefined();
    const one = [[run("asyncovh", 900), run("raw-fetch", 1000)]];
    expect(pairedText(paired(one, "node", "asyncovh", "raw-fetch", 1, overhead), pct)).toBe("11%");
    expect(pairedText(undefined, pct)).toBe("NaN%");
  });
});

describe("serverLoad", () => {
  it("gives the lowest and highest share of a core the mock used, over every round, for the clients named", () => {
    const rounds = [
      [run("asyncovh", 900, undefined, 0.97), run("node-ovh", 1000, undefined, 0.91)],
      [run("asyncovh", 900, "crashed", 0.2), run("node-ovh", 1000, undefined, 0.99)],
    ];
    expect(serverLoad(rounds, "node", ["asyncovh", "node-ovh"], 1)).toEqual([0.91, 0.99]);
    expect(serverLoad(rounds, "node", ["asyncovh"], 1)).toEqual([0.97, 0.97]);
    expect(serverLoad(rounds, "node", ["asyncovh", "node-ovh"], 32)).toBeUndefined();
    expect(serverLoad(rounds, "deno", ["asyncovh", "node-ovh"], 1)).toBeUndefined();
  });
});

describe("clientBoundSection", () => {
  const at32 = (kind: Measurement["kind"], rps: number, cpuUs: number, serverCpu: number) => ({
    ...run(kind, rps, undefined, serverCpu),
    concurrency: 32,
    cpuUs,
  });

  it("gives a row per client and the ratios to node-ovh and raw node:https, taken slice by slice, with the middle half of the slices", () => {
    // One slice: [req/s, CPU µs, server share] of asyncovh, node-ovh and raw node:https.
    type Run = [number, number, number];
    const slice = (a: Run, n: Run, h: Run) => [
      at32("asyncovh", ...a),
      at32("node-ovh", ...n),
      at32("raw-https", ...h),
    ];
    const rounds = [
      slice([4000, 200, 0.5], [5000, 160, 0.5], [3000, 250, 0.5]),
      slice([6000, 180, 0.5], [5000, 200, 0.5], [4000, 240, 0.5]),
      slice([4500, 190, 0.52], [5000, 190, 0.51], [3500, 230, 0.48]),
      slice([5000, 200, 0.5], [5000, 200, 0.5], [3600, 250, 0.5]),
    ];
    const results = rounds[2] as Measurement[];
    const text = clientBoundSection(
      { baseUrl: "https://127.0.0.1/1.0", results, rounds },
      { rounds: 1, warmupMs: 3000 },
    ).join("\n");
    expect(text).toContain(
      "(1 process): each warms up for 3000 ms, then in each of 10 slices each runs for 1000 ms",
    );
    expect(text).toContain("| asyncovh | 4,500 | 1.00 | 2.00 | 190 | 52% |");
    expect(text).toContain("| @ovhcloud/node-ovh 3.0.0 | 5,000 | 1.00 | 2.00 | 190 | 51% |");
    // Slice by slice: 0.80, 1.20, 0.90, 1.00; CPU +25%, -10%, 0%, 0%; against raw -20%, -25%, -17.4%, -20%.
    expect(text).toContain(
      "throughput 0.95× (middle half of 4 slices: 0.80× to 1.00×); CPU per call +0.0% (middle half of 4 slices: −10.0% to +0.0%)",
    );
    expect(text).toContain(
      "Against raw node:https: CPU per call −20.0% (middle half of 4 slices: −25.0% to −20.0%)",
    );
  });

  it("falls back to the lowest and highest with fewer than four slices", () => {
    const one = paired(
      [[at32("asyncovh", 900, 1, 1), at32("node-ovh", 1000, 1, 1)]],
      "node",
      "asyncovh",
      "node-ovh",
      32,
      (a, b) => a.rps / b.rps,
    );
    expect(quartilesText(one, pct)).toBe("90%");
    expect(quartilesText(undefined, pct)).toBe("NaN%");
  });
});

describe("turnsAtOneSection", () => {
  const one = (
    runtime: Measurement["runtime"],
    kind: Measurement["kind"],
    rps: number,
    cpuUs: number,
  ) => ({
    ...run(kind, rps),
    runtime,
    cpuUs,
  });

  it("gives each runtime's time and CPU per call over raw fetch, slice by slice", () => {
    const rounds = [
      [one("bun", "asyncovh", 900, 220), one("bun", "raw-fetch", 1000, 200)],
      [one("deno", "asyncovh", 1000, 300), one("deno", "raw-fetch", 1000, 300)],
      [one("bun", "asyncovh", 1000, 200), one("bun", "raw-fetch", 1000, 200)],
      [one("bun", "raw-fetch", 1100, 180), one("bun", "asyncovh", 1000, 198)],
      [one("bun", "asyncovh", 1000, 210), one("bun", "raw-fetch", 1050, 200)],
    ];
    const results = [
      rounds[2]?.[0],
      rounds[2]?.[1],
      rounds[1]?.[0],
      rounds[1]?.[1],
    ] as Measurement[];
    const text = turnsAtOneSection(
      { baseUrl: "https://127.0.0.1/1.0", results, rounds },
      { rounds: 2, warmupMs: 3000 },
    ).join("\n");
    expect(text).toContain(
      "in one process per round (2 rounds), against the mock: each warms up for 3000 ms (Deno clients get 10000 ms of warm-up, as its fetch takes that long to settle)",
    );
    // Bun, time over raw fetch: 11.1%, 0%, 10%, 5% -> median 7.5%, middle half 0% to 10%; CPU +10%, 0, +10%, +5%.
    expect(text).toContain(
      "- Bun: time per call over raw fetch +7.5% (middle half of 4 slices: +0.0% to +10.0%); CPU per call +7.5% (middle half of 4 slices: +0.0% to +10.0%).",
    );
    expect(text).toContain("- Deno: time per call over raw fetch +0.0%; CPU per call +0.0%.");
  });
});
