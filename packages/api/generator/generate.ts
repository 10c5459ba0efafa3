/**
 * @module
 * From a folder of OVH's API descriptions to the declarations of `@asyncovh/api`:
 * `schemas/openapi3/<name>.json` (OpenAPI 3, `v2/<name>.json` for the v2 API) and
 * `schemas/v1/<name>.json` (the older "1.0" format). Where an API is in both, the OpenAPI 3
 * description is the newer one and the only one read.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { emitApi } from "./emit.ts";
import type { Api } from "./model.ts";
import { type OpenApiDocument, readOpenApi } from "./openapi3.ts";
import { readV1, type V1Schema } from "./v1.ts";

export interface SchemaFile {
  /** The subpath of `@asyncovh/api`: `me`, `v2/iam`. */
  name: string;
  format: "v1" | "openapi3";
  /** Relative to the schemas folder. */
  file: string;
}

async function jsonFiles(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await jsonFiles(root, path)));
    else if (entry.name.endsWith(".json")) found.push(path);
  }
  return found;
}

/** The descriptions to read, one per API, sorted by name. */
export async function listSchemas(schemas: string): Promise<SchemaFile[]> {
  const byName = new Map<string, SchemaFile>();
  for (const file of await jsonFiles(join(schemas, "v1"), "")) {
    byName.set(file.slice(0, -5), { name: file.slice(0, -5), format: "v1", file: `v1/${file}` });
  }
  for (const file of await jsonFiles(join(schemas, "openapi3"), "")) {
    byName.set(file.slice(0, -5), {
      name: file.slice(0, -5),
      format: "openapi3",
      file: `openapi3/${file}`,
    });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Reads one description. */
export function readApi(schema: SchemaFile, text: string): Api {
  const json: unknown = JSON.parse(text);
  const source = `OVH's description \`schemas/${schema.file}\``;
  return schema.format === "v1"
    ? readV1(schema.name, json as V1Schema, source)
    : readOpenApi(schema.name, json as OpenApiDocument, source);
}

export interface Generated {
  /** Path relative to the output folder -> content. */
  files: Map<string, string>;
  apis: string[];
  /** Routes left out, per API (a body that is not an object). */
  skipped: Map<string, string[]>;
}

/** Generates the declarations of every API in `schemas`, in memory. */
export async function generate(schemas: string): Promise<Generated> {
  const files = new Map<string, string>();
  const skipped = new Map<string, string[]>();
  const apis: string[] = [];
  /** `GET /me` -> the API that has it: no two APIs may add the same route. */
  const owners = new Map<string, string>();
  for (const schema of await listSchemas(schemas)) {
    const api = readApi(schema, await readFile(join(schemas, schema.file), "utf8"));
    for (const operation of api.operations) {
      const route = `${operation.method} ${api.prefix}${operation.path}`;
      const owner = owners.get(route);
      if (owner !== undefined && owner !== api.name) {
        throw new Error(`${route} is in both ${owner} and ${api.name}.`);
      }
      owners.set(route, api.name);
    }
    const emitted = emitApi(api);
    files.set(`${api.name}.d.ts`, emitted.augmentation);
    files.set(`${api.name}/routes.d.ts`, emitted.routes);
    if (emitted.skipped.length > 0) skipped.set(api.name, emitted.skipped);
    apis.push(api.name);
  }
  return { files, apis, skipped };
}

/** The `.d.ts` files under `dir`, relative to it. */
export async function listDeclarations(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith(".d.ts")) found.push(relative(dir, path).split("\\").join("/"));
    }
  };
  await walk(dir);
  return found.sort();
}

/** Writes `generated` to `out`, replacing the declarations that were there. */
export async function writeGenerated(generated: Generated, out: string): Promise<void> {
  await rm(out, { recursive: true, force: true });
  for (const [file, content] of generated.files) {
    const path = join(out, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}

/**
 * The JSR manifest (`deno.json`): the `/routes` subpath of each API. JSR refuses a module that
 * augments another (`declare module`), so the project-wide entries are npm's only; on JSR a
 * client takes its routes as a type argument (`new Client<MeRoutes>(…)`).
 */
export function jsrManifest(apis: readonly string[], version: string): Record<string, unknown> {
  return {
    name: "@asyncovh/api",
    version,
    license: "BSD-3-Clause",
    exports: Object.fromEntries(
      apis.map((api) => [`./${api}/routes`, `./types/${api}/routes.d.ts`]),
    ),
    publish: { include: ["types/**/routes.d.ts", "README.md", "LICENSE"] },
  };
}

/** `deno.json` as the generator writes it: two-space JSON, a final newline. */
export const manifestText = (manifest: Record<string, unknown>): string =>
  `${JSON.stringify(manifest, null, 2)}\n`;
