import { describe, expect, it } from "vitest";
import { replaceSection } from "./report.ts";
import { renderTypedRoutes, type TypedRoutesData } from "./typed-routes.ts";

const data = (tsc: TypedRoutesData["tsc"], gzip = 280): TypedRoutesData => ({
  node: "v20.20.2",
  typescript: "5.9.3",
  runs: 3,
  loads: [1.5, 2],
  generation: { apis: 92, files: 184, bytes: 5_100_000, seconds: 0.8 },
  tsc,
  completions: {
    typed: { entries: 828, hasBillRoute: true, coldMs: [1400, 1500, 1300], warmMs: [100, 120] },
  },
  bundle: { minified: 45_000, sameWithoutTypes: true },
  filling: { min: 600, gzip },
});
const tsc = {
  untyped: [2000, 1800, 2200],
  typed: [2500, 2500, 2600],
  "typed, every API": [6500, 3500, 4000],
};

describe("renderTypedRoutes", () => {
  it("takes each compile-time difference within a run, and judges it against its target", () => {
    const text = renderTypedRoutes("2026-12-02 16:00 UTC", "AMD EPYC, 2 cores", data(tsc));
    expect(text).toContain("| +0.50 s (runs: +0.40 s to +0.70 s) | met |");
    // 4.5, 1.7, 1.8: the median meets 4 s though one run did not.
    expect(text).toContain("| +1.80 s (runs: +1.70 s to +4.50 s) | met |");
    expect(text).toContain(
      "828 entries, `/me/bill/{billId}` among them; the first list after 1.40 s in a fresh session",
    );
    expect(text).toContain("| 280 B (600 B minified) | met |");
    expect(text).toContain(
      "Node 20.20.2, TypeScript 5.9.3. Load average (1 min): 1.5 at the start",
    );
  });

  it("says what a quick run did not measure, and what missed its target", () => {
    const quick = { untyped: [2000], typed: [4000] };
    const text = renderTypedRoutes("d", "m", { ...data(quick, 301), runs: 1 });
    expect(text).toContain("| +2.00 s | **not met** |");
    expect(text).toContain(
      "| the same with every API loaded: at most 4 s more | – | not measured |",
    );
    expect(text).toContain("| 301 B (600 B minified) | **not met** |");
    expect(text).toContain("1 run of each measure");
  });
});

describe("replaceSection with a name", () => {
  it("replaces that section alone", () => {
    const before = "<!-- performance:start -->\np\n<!-- performance:end -->\n";
    const after = replaceSection(before, "t", "typed-routes");
    expect(after).toBe(`${before}\n<!-- typed-routes:start -->\nt\n<!-- typed-routes:end -->\n`);
    expect(replaceSection(after, "u", "typed-routes")).toContain(
      "<!-- typed-routes:start -->\nu\n<!-- typed-routes:end -->",
    );
    expect(replaceSection(after, "q")).toContain("<!-- performance:start -->\nq\n");
  });
});
