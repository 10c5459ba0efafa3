import { describe, expect, it } from "vitest";
import { BUNDLE_CEILING } from "./footprint.ts";
import { type BenchData, type Run, render, replaceSection } from "./report.ts";

const run = (perSecond: number, p50Ms = 4, cpuUs = 100): Run => {
  return { version: "Node 20.20.2", perSecond, p50Ms, cpuUs, serverShare: 0.5 };
};
const data = (runs: BenchData["runs"], gzip = 11 * 1024): BenchData => ({
  date: "2026-12-01 10:00 UTC",
  machine: "AMD EPYC, 2 cores, 24 GiB",
  settings: { rounds: 3, warmupMs: 2000, slices: 6, sliceMs: 500, importSamples: 11 },
  loads: [1.5, 2.5, 2],
  runs,
  bundle: { minified: 40_000, gzip },
  importMs: 20,
});
const runs = {
  "node c=32 asyncovh": [run(1000, 4, 80), run(1200, 4, 90), run(5000, 4, 50)],
  "node c=32 node-ovh": [run(1000), run(1000)], // its third round is missing
  "node c=1 asyncovh": [run(2000, 0.5)],
  "node c=1 raw-fetch": [run(1000, 0.6)],
};

describe("render", () => {
  it("takes each comparison within a round, and judges it against its target", () => {
    const text = render(data(runs));
    expect(text).toContain("| 1.10× (rounds: 1.00× to 1.20×) | met |");
    expect(text).toContain(
      "CPU per call over node-ovh's, round by round: 0.85× (rounds: 0.80× to 0.90×).",
    );
    expect(text).toContain("| asyncovh (its default client) | 1,200 | 80 | 4.00 |");
    expect(text).toContain("| Node 20.20.2 | 500 | 600 | −100 µs | −16.7% |");
    expect(text).toContain("1.5 at the start, 2 at the end, at most 2.5 in between");
    expect(text).toContain("which used 50% (rounds: 50% to 50%) of a core");
    expect(text).not.toContain("Deno");
  });

  it("judges the bundle against 12 KiB, and shows the CI ceiling", () => {
    expect(render(data(runs, 12 * 1024 + 1))).toMatch(/12,289 bytes.*\| \*\*not met\*\* \(CI/);
    const ceiling = (BUNDLE_CEILING / 1024).toFixed(2);
    expect(render(data(runs, 12 * 1024))).toMatch(
      new RegExp(`12,288 bytes.*\\| met \\(CI ceiling ${ceiling} KiB`),
    );
  });
});

describe("replaceSection", () => {
  const [start, end] = ["<!-- performance:start -->", "<!-- performance:end -->"];

  it("replaces the text between the markers and keeps the rest, or appends it", () => {
    const before = `# B\n${start}\nold\n${end}\n## Other\n`;
    expect(replaceSection(before, "new\n")).toBe(`# B\n${start}\nnew\n${end}\n## Other\n`);
    expect(replaceSection("# B\n", "new")).toBe(`# B\n\n${start}\nnew\n${end}\n`);
    expect(() => replaceSection(`${end} ${start}`, "new")).toThrow(/put back/);
  });
});
