import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { resolve } from "resolve.exports";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(await readFile(`${root}package.json`, "utf8"));
const tsup = await readFile(`${root}tsup.config.ts`, "utf8");

/** The conditions each runtime (or its bundler) matches, from the most to the least specific. */
const RUNTIMES = {
  workerd: ["workerd", "worker", "browser", "import", "default"], // wrangler's esbuild
  deno: ["deno", "node", "import", "default"],
  bun: ["bun", "node", "import", "default"],
  node: ["node", "import", "default"],
  browser: ["browser", "module", "import", "default"], // esbuild and Vite for the browser
  other: ["import", "default"],
} as const;

const INTENDED: Record<keyof typeof RUNTIMES, string> = {
  workerd: "workers",
  deno: "deno",
  bun: "bun",
  node: "node",
  browser: "browser",
  other: "index",
};

describe("the exports of asyncovh", () => {
  it.each(Object.entries(RUNTIMES))("select the %s entry", (runtime, conditions) => {
    const entry = INTENDED[runtime as keyof typeof RUNTIMES];
    const [js] = resolve(pkg, ".", { conditions: [...conditions], unsafe: true }) ?? [];
    const [types] = resolve(pkg, ".", { conditions: ["types", ...conditions], unsafe: true }) ?? [];
    expect(js).toBe(`./dist/${entry}.js`);
    expect(types).toBe(`./dist/${entry}.d.ts`);
  });

  it("build every file they name, from a source of the same name", () => {
    const entries = Object.values(INTENDED);
    for (const entry of entries) expect(tsup).toContain(`"src/${entry}.ts"`);
    expect(new Set(entries).size).toBe(entries.length);
  });

  // TypeScript with `moduleResolution: "Bundler"` matches only `types`, `import` and the
  // project's customConditions: a Node, Bun or Workers project without them imports these.
  it.each([
    ["./node", "node"],
    ["./workers", "workers"],
  ])("offer asyncovh%s, the %s entry whatever the conditions", (subpath, entry) => {
    for (const conditions of [[], ["browser"], ["types"]]) {
      const [target] = resolve(pkg, subpath, { conditions, unsafe: true }) ?? [];
      expect(target).toBe(`./dist/${entry}.${conditions.includes("types") ? "d.ts" : "js"}`);
    }
  });

  it("offer the self-contained browser module as asyncovh/bundle", () => {
    expect(resolve(pkg, "./bundle", { conditions: ["browser"], unsafe: true })).toEqual([
      "./dist/asyncovh.browser.js",
    ]);
    expect(tsup).toContain('{ "asyncovh.browser": "src/browser.ts" }');
  });

  it("put types first in each condition", () => {
    for (const target of Object.values(pkg.exports["."]) as Record<string, string>[]) {
      expect(Object.keys(target)[0]).toBe("types");
    }
  });
});

const run = promisify(execFile);

describe("Node's own resolver, with --conditions", () => {
  it.each([
    [[], "node"],
    [["--conditions=deno"], "deno"],
    [["--conditions=bun"], "bun"],
    [["--conditions=workerd"], "workers"],
  ])("with %j resolves asyncovh to dist/%s.js", async (flags, entry) => {
    // The package refers to itself by name, so the resolution runs from its own folder.
    const { stdout } = await run(
      process.execPath,
      [...flags, "--input-type=module", "-e", 'console.log(import.meta.resolve("asyncovh"))'],
      { cwd: root },
    );
    expect(fileURLToPath(stdout.trim())).toBe(`${root}dist/${entry}.js`);
  });
});
