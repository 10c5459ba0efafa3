/**
 * @module
 * The Markdown files of the repository whose samples are checked: README.md, CONTRIBUTING.md,
 * the packages' READMEs and the docs' own pages (not the generated API reference).
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

export const root = new URL("../../", import.meta.url).pathname;

function walk(dir, skip) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skip.has(entry.name) ? [] : walk(path, skip);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

/** Paths relative to the repository's root, sorted. */
export function markdownFiles() {
  const top = ["README.md", "CONTRIBUTING.md"].map((name) => join(root, name));
  const packages = readdirSync(join(root, "packages")).map((name) =>
    join(root, "packages", name, "README.md"),
  );
  const docs = walk(join(root, "docs"), new Set(["node_modules", "api", ".vitepress", ".samples"]));
  return [...top, ...packages, ...docs]
    .filter((path) => existsSync(path))
    .map((path) => relative(root, path))
    .sort();
}
