import { readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Options } from "tsup";

/** The build every library package shares: ESM with declarations, for ES2022 runtimes. */
export const library = (entry: string[]): Options => ({
  entry,
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  onSuccess: () => portableSourceMaps(),
});

/**
 * Keeps the source maps of `dist` within the published package. esbuild embeds each source's
 * text (`sourcesContent`), but names it by its path from `dist`: a bundled dependency becomes
 * `../../../node_modules/.pnpm/<store entry>/…`, another workspace package `../../core/src/…`,
 * paths that lead out of the package once it is installed. Those become
 * `../node_modules/<package name>/<path in it>`, where a reader would look for them; a source of
 * the package itself (`../src/…`) keeps its path. A map without the text of every source fails
 * the build: nothing but the map would carry it.
 */
export async function portableSourceMaps(
  maps?: string[],
  packageDir: string = process.cwd(),
): Promise<void> {
  const dist = join(packageDir, "dist");
  const files =
    maps ??
    (await readdir(dist)).filter((name) => name.endsWith(".map")).map((name) => join(dist, name));
  for (const file of files) {
    const map = JSON.parse(await readFile(file, "utf8")) as {
      sources: string[];
      sourcesContent?: (string | null)[];
    };
    const missing = map.sources.filter((_, i) => typeof map.sourcesContent?.[i] !== "string");
    if (missing.length > 0) throw new Error(`${file}: no embedded text for ${missing.join(", ")}`);
    const sources = await Promise.all(
      map.sources.map((source) => portablePath(resolve(dirname(file), source), packageDir)),
    );
    const portable = sources.map((path) => relative(dirname(file), path).split(sep).join("/"));
    if (portable.some((path, i) => path !== map.sources[i])) {
      await writeFile(file, JSON.stringify({ ...map, sources: portable }));
    }
  }
}

/** Where `path` would be in the installed package: itself, or under its `node_modules`. */
async function portablePath(path: string, packageDir: string): Promise<string> {
  const inside = relative(packageDir, path);
  if (!inside.startsWith("..") && !inside.split(sep).includes("node_modules")) return path;
  const [name, rest] = await ownerOf(path);
  return join(packageDir, "node_modules", name, rest);
}

/** The name of the package `path` belongs to, and `path` from that package's folder. */
async function ownerOf(path: string): Promise<[string, string]> {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const { name } = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
      if (typeof name === "string") return [name, relative(dir, path)];
    } catch {
      // No package.json here (or one without a name, as some dist folders have): look higher.
    }
  }
  throw new Error(`no package.json above ${path}`);
}
