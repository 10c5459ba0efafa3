import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const read = async (name: string) =>
  JSON.parse(await readFile(new URL(`../${name}`, import.meta.url), "utf8"));

describe("the JSR manifests", () => {
  it("publish the same name and version as package.json, from the TypeScript sources", async () => {
    const pkg = await read("package.json");
    for (const manifest of [await read("deno.json"), await read("jsr.json")]) {
      expect(manifest.name).toBe(pkg.name);
      expect(manifest.version).toBe(pkg.version);
      expect(manifest.exports).toBe("./src/index.ts");
      expect(manifest.publish.exclude).toContain("src/**/*.test.ts");
    }
  });

  it("map the core imports to the npm package of the same version line", async () => {
    const [pkg, deno] = [await read("package.json"), await read("deno.json")];
    expect(Object.keys(deno.imports)).toEqual([
      ...Object.keys(pkg.dependencies),
      "@asyncovh/core/internal",
    ]);
    expect(deno.imports["@asyncovh/core"]).toBe(`npm:@asyncovh/core@^${pkg.version}`);
    expect(deno.imports["@asyncovh/core/internal"]).toBe(
      `npm:@asyncovh/core@^${pkg.version}/internal`,
    );
  });
});
