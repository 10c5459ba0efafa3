/**
 * @module
 * Downloads OVH's current API descriptions, all in OpenAPI 3: the v1 APIs listed at
 * `https://eu.api.ovh.com/v1/` (each `https://eu.api.ovh.com/v1/<api>.json?format=openapi3`) and
 * the v2 ones at `https://eu.api.ovh.com/v2/`. A maintainer runs it with network; tests give it a
 * fetch of their own, and CI never runs it.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export const OVH_API = "https://eu.api.ovh.com";

type Fetch = (url: string) => Promise<Response>;

interface Index {
  apis?: { path?: unknown }[];
}

/** `/dedicated/server` -> `dedicated-server`: the name of OVH's file and of the subpath. */
export const nameOfPath = (path: string): string => path.replace(/^\//, "").replace(/\//g, "-");

async function getText(fetch: Fetch, url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}.`);
  return response.text();
}

/**
 * Replaces `schemas` with the descriptions the API serves now: `openapi3/<name>.json` for v1,
 * `openapi3/v2/<name>.json` for v2. Returns the names written.
 */
export async function downloadSchemas(
  schemas: string,
  { fetch = globalThis.fetch, base = OVH_API }: { fetch?: Fetch; base?: string } = {},
): Promise<string[]> {
  const files = new Map<string, string>();
  for (const version of ["v1", "v2"] as const) {
    const index = JSON.parse(await getText(fetch, `${base}/${version}/`)) as Index;
    const paths = (index.apis ?? [])
      .map((api) => api.path)
      .filter((p): p is string => typeof p === "string");
    if (paths.length === 0) throw new Error(`${base}/${version}/ lists no API.`);
    for (const path of paths) {
      const name = `${version === "v2" ? "v2/" : ""}${nameOfPath(path)}`;
      files.set(name, await getText(fetch, `${base}/${version}${path}.json?format=openapi3`));
    }
  }
  // Every API comes in OpenAPI 3 now: the older "1.0" descriptions are no longer read.
  await rm(join(schemas, "v1"), { recursive: true, force: true });
  await rm(join(schemas, "openapi3"), { recursive: true, force: true });
  for (const [name, text] of files) {
    const file = join(schemas, "openapi3", `${name}.json`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return [...files.keys()];
}
