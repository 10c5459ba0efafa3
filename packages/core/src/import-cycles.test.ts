import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = dirname(fileURLToPath(import.meta.url));

/** The relative imports and re-exports of each module of `root`, tests left out. */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        const text = readFileSync(path, "utf8");
        const specifiers = [
          ...text.matchAll(/(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}\/[^"]+)"/g),
        ];
        graph.set(
          relative(root, path),
          specifiers.map(([, spec]) => relative(root, resolve(dirname(path), spec as string))),
        );
      }
    }
  };
  walk(root);
  return graph;
}

/** The first import cycle found, as the list of modules around it, or `undefined`. */
export function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (module: string): string[] | undefined => {
    if (state.get(module) === "open") return [...stack.slice(stack.indexOf(module)), module];
    if (state.get(module) === "done" || !graph.has(module)) return undefined;
    state.set(module, "open");
    stack.push(module);
    for (const next of graph.get(module) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(module, "done");
    return undefined;
  };
  for (const module of graph.keys()) {
    const cycle = visit(module);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("the modules of packages/core/src", () => {
  it("import one another without a circle (type imports included)", () => {
    const graph = importGraph(SRC);
    expect(graph.size).toBeGreaterThan(20);
    const cycle = findCycle(graph);
    expect(cycle, cycle && `import circle: ${cycle.join(" -> ")}`).toBeUndefined();
  });
});

describe("findCycle", () => {
  it("finds a circle through several modules, and none in a tree", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts", "d.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", []],
    ]);
    expect(findCycle(graph)).toEqual(["a.ts", "b.ts", "c.ts", "a.ts"]);
    graph.set("c.ts", ["d.ts"]);
    expect(findCycle(graph)).toBeUndefined();
  });
});
