/**
 * The declarations in `types/` are what the generator writes from `schemas/` today: a change of
 * either without the other fails here. Also checks the names given to OVH's files when they
 * were vendored (`schemas/README.md`).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { pathOf } from "./emit.ts";
import {
  type Generated,
  generate,
  jsrManifest,
  listDeclarations,
  listSchemas,
  manifestText,
} from "./generate.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const schemas = join(root, "schemas");
const types = join(root, "types");

let generated: Generated;
let seconds: number;

beforeAll(async () => {
  const started = performance.now();
  generated = await generate(schemas);
  seconds = (performance.now() - started) / 1000;
}, 120_000);

const REGENERATE = "regenerate them: npx --yes pnpm@10.34.8 --filter @asyncovh/api generate";

describe("the committed declarations", () => {
  it("are the generator's output, file for file", async () => {
    expect(
      await listDeclarations(types),
      `types/ holds other files than the generator writes: ${REGENERATE}`,
    ).toEqual([...generated.files.keys()].sort());
    const stale: string[] = [];
    for (const [file, content] of generated.files) {
      if ((await readFile(join(types, file), "utf8")) !== content) stale.push(file);
    }
    expect(stale, `stale declarations: ${REGENERATE}`).toEqual([]);
  });

  it("are listed in the JSR manifest, which publishes package.json's version", async () => {
    const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
    expect(await readFile(join(root, "deno.json"), "utf8"), `deno.json: ${REGENERATE}`).toBe(
      manifestText(jsrManifest(generated.apis, version)),
    );
  });

  it("cover every vendored API: 26 in OpenAPI 3 (4 of them v2), 66 more in the 1.0 format", async () => {
    const files = await listSchemas(schemas);
    expect(files.filter((f) => f.format === "openapi3")).toHaveLength(26);
    expect(files.filter((f) => f.name.startsWith("v2/"))).toHaveLength(4);
    expect(files.filter((f) => f.format === "v1")).toHaveLength(66);
    expect(generated.apis).toHaveLength(92);
    // A budget of 30 s on the machine that runs the tests; it takes a few here.
    expect(seconds).toBeLessThan(30);
  });
});

describe("the vendored descriptions", () => {
  it("are named after the path of their API, as OVH names its files", async () => {
    for (const schema of await listSchemas(schemas)) {
      const json = JSON.parse(await readFile(join(schemas, schema.file), "utf8"));
      const paths: string[] =
        schema.format === "v1"
          ? json.apis.map((api: { path: string }) => api.path)
          : Object.keys(json.paths);
      const prefix = pathOf(schema.name);
      const outside = paths.filter((path) => path !== prefix && !path.startsWith(`${prefix}/`));
      expect(outside, schema.file).toEqual([]);
    }
  });
});
