/**
 * @module
 * The workspace's published packages, found rather than listed: every `packages/<dir>` whose
 * package.json is not `private`, and, for JSR, every member of the root deno.json's workspace.
 * The pack test, the JSR check and the release command all start from here, so a new package
 * is picked up by each of them without an edit.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

/**
 * The npm packages: `{ dir, name, version, manifest }` for each non-private package.json under
 * packages/, sorted by name.
 */
export function npmPackages() {
  return readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, "packages", entry.name))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, manifest: readJson(join(dir, "package.json")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name, version: manifest.version, manifest }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The root deno.json, whose `workspace` lists the packages published to JSR. */
export const denoWorkspace = () => readJson(join(root, "deno.json"));

/**
 * The JSR packages: `{ dir, file, config, npm }` for each member of the Deno workspace, with its
 * deno.json (`config`, at `file`) and its package.json (`npm`), sorted by name.
 */
export function jsrPackages() {
  return denoWorkspace()
    .workspace.map((member) => join(root, member))
    .map((dir) => ({
      dir,
      file: join(dir, "deno.json"),
      config: readJson(join(dir, "deno.json")),
      npm: readJson(join(dir, "package.json")),
    }))
    .sort((a, b) => a.config.name.localeCompare(b.config.name));
}
