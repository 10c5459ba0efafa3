import { describe, expect, it } from "vitest";
import { replaceSection } from "./section.ts";

describe("replaceSection", () => {
  it("appends the section, between its markers, to a document without it", () => {
    expect(replaceSection("# Benchmarks\n\n## Load\n\ntext\n", "perf", "## Perf\n\nnew")).toBe(
      "# Benchmarks\n\n## Load\n\ntext\n\n<!-- perf:start -->\n## Perf\n\nnew\n<!-- perf:end -->\n",
    );
    expect(replaceSection("", "perf", "x")).toBe("<!-- perf:start -->\nx\n<!-- perf:end -->\n");
  });

  it("replaces only its own section, keeping the text around it", () => {
    const before =
      "a\n<!-- perf:start -->\nold\n<!-- perf:end -->\nb\n<!-- load:start -->\nL\n<!-- load:end -->\n";
    expect(replaceSection(before, "perf", "new")).toBe(
      "a\n<!-- perf:start -->\nnew\n<!-- perf:end -->\nb\n<!-- load:start -->\nL\n<!-- load:end -->\n",
    );
  });

  it("refuses to guess when a marker is missing or out of order", () => {
    expect(() => replaceSection("<!-- perf:start -->\nold\n", "perf", "new")).toThrow(/broken/);
    expect(() => replaceSection("<!-- perf:end -->\n<!-- perf:start -->", "perf", "x")).toThrow(
      /in this order/,
    );
  });
});
