/**
 * @module
 * What every published tarball must hold, checked on the tarball itself: a README and the
 * LICENSE, a manifest ready for the registry (no `workspace:` range left, provenance and public
 * access, `sideEffects: false`), no test file, and source maps whose sources stay within the
 * package with their text embedded.
 */
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { root } from "../../scripts/packages.mjs";

const license = readFileSync(join(root, "LICENSE"), "utf8");
const DEPENDENCY_FIELDS = [
  "dependencies",
  "peerDependencies",
  "optionalDependencies",
  "devDependencies",
];

/** The problems of one tarball (`files`: path -> Buffer), as sentences; none when it is ready. */
export function checkContents({ name, version }, files) {
  const problems = [];
  const text = (path) => files.get(path)?.toString("utf8");

  const readme = text("README.md") ?? "";
  if (!readme.includes(name)) problems.push("README.md is missing or does not name the package");
  if (text("LICENSE") !== license) problems.push("LICENSE is missing or differs from the root's");

  const manifest = JSON.parse(text("package.json"));
  if (manifest.version !== version) problems.push(`version ${manifest.version}, not ${version}`);
  if (manifest.sideEffects !== false) problems.push("sideEffects is not false");
  if (manifest.publishConfig?.access !== "public")
    problems.push("publishConfig.access is not public");
  if (manifest.publishConfig?.provenance !== true)
    problems.push("publishConfig.provenance is not true");
  for (const field of ["description", "license", "repository"]) {
    if (!manifest[field]) problems.push(`no ${field}`);
  }
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith("workspace:")) problems.push(`${field}.${dep} is ${range}`);
    }
  }

  for (const path of files.keys()) {
    if (/(^|\/)(test-utils|__tests__|test)\/|\.test\.[cm]?[jt]s$/.test(path)) {
      problems.push(`ships a test file: ${path}`);
    }
    if (path.endsWith(".map")) problems.push(...checkMap(path, JSON.parse(text(path))));
  }
  for (const [path, content] of files) {
    const ref = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(
      path.endsWith(".js") ? content.toString("utf8") : "",
    );
    if (ref && !files.has(posix.join(posix.dirname(path), ref[1]))) {
      problems.push(`${path} points at ${ref[1]}, which is not shipped`);
    }
  }
  return problems;
}

/** A map's sources must resolve inside the package and each carry its text. */
function checkMap(path, map) {
  const problems = [];
  map.sources.forEach((source, i) => {
    const resolved = posix.normalize(posix.join(posix.dirname(path), map.sourceRoot ?? "", source));
    if (resolved.startsWith("../") || posix.isAbsolute(resolved) || /^[a-z]+:/i.test(source)) {
      problems.push(`${path}: source ${source} lies outside the package`);
    }
    if (typeof map.sourcesContent?.[i] !== "string") {
      problems.push(`${path}: the text of ${source} is not embedded`);
    }
  });
  return problems;
}
