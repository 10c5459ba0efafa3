import { createMockOvh } from "@asyncovh/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSlices } from "./load-client.ts";
import { serveMinimal } from "./minimal-server.ts";

describe("runSlices", () => {
  let server: Awaited<ReturnType<typeof serveMinimal>>;
  beforeAll(async () => {
    server = await serveMinimal(createMockOvh(), undefined);
  });
  afterAll(() => server.close());

  it("runs the clients in turns, one slice after another, each slice starting one client further along", async () => {
    const { runtime, concurrency, slices } = await runSlices({
      kinds: ["asyncovh", "raw-fetch"],
      baseUrl: server.baseUrl,
      concurrency: 4,
      warmupMs: 50,
      sliceMs: 100,
      slices: 3,
    });
    expect(runtime).toMatch(/^Node /);
    expect(concurrency).toBe(4);
    expect(slices.map((turns) => turns.map((turn) => turn.kind))).toEqual([
      ["asyncovh", "raw-fetch"],
      ["raw-fetch", "asyncovh"],
      ["asyncovh", "raw-fetch"],
    ]);
    for (const turn of slices.flat()) {
      expect(turn.requests).toBeGreaterThan(0);
      expect(turn.rps).toBeGreaterThan(0);
      expect(turn.cpuUs).toBeGreaterThan(0);
      expect(turn.p99).toBeGreaterThanOrEqual(turn.p50);
    }
  });
});
