/**
 * @module
 * The JSR side of the workspace (the members of the root deno.json).
 *
 *   node scripts/jsr.mjs check   the manifests agree with package.json (name, version, exports,
 *                                `jsr:` ranges of our own packages), then `deno doc --lint` (a
 *                                doc on every export, module docs, explicit types) and
 *                                `deno publish --dry-run` (type check, no slow types) of the
 *                                whole workspace
 *   node scripts/jsr.mjs sync    writes package.json's version into each deno.json, and the
 *                                `jsr:` ranges of our packages to match (run after
 *                                `changeset version`)
 */
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { run } from "../runtime-tests/lib/process.mjs";
import { jsrPackages, npmPackages, root } from "./packages.mjs";

/**
 * The npm packages that are not on JSR, and why. Any other published package must be a member
 * of the Deno workspace: a new package is a decision to make here.
 */
export const NOT_ON_JSR = {
  asyncovh:
    "JSR has neither unscoped names nor export conditions to pick a runtime's adapter; Deno users add jsr:@asyncovh/deno",
  "@asyncovh/node": "Node.js and Bun install from npm; on Deno, @asyncovh/deno is the adapter",
};

/** The import-map value of one of our packages at `version`. */
const jsrRange = (name, version) => `jsr:${name}@^${version}`;

/** The subpaths of an npm package's exports that load code (not ./package.json). */
function npmSubpaths(manifest) {
  const exports =
    typeof manifest.exports === "string" ? { ".": manifest.exports } : manifest.exports;
  return Object.keys(exports ?? {})
    .filter((key) => key !== "./package.json")
    .sort();
}

const jsrSubpaths = (config) =>
  (typeof config.exports === "string" ? ["."] : Object.keys(config.exports)).sort();

/** What disagrees between the manifests, as sentences. */
export function manifestProblems() {
  const problems = [];
  const npm = new Map(npmPackages().map((p) => [p.name, p]));
  const jsr = jsrPackages();
  const members = new Set(jsr.map((p) => p.config.name));
  for (const name of npm.keys()) {
    if (!members.has(name) && !(name in NOT_ON_JSR)) {
      problems.push(`${name} is published to npm but is neither a JSR member nor in NOT_ON_JSR`);
    }
  }
  for (const { file, config, npm: manifest } of jsr) {
    const where = relative(root, file);
    if (config.name !== manifest.name)
      problems.push(`${where}: name ${config.name}, npm ${manifest.name}`);
    if (config.version !== manifest.version) {
      problems.push(
        `${where}: version ${config.version}, npm ${manifest.version} (node scripts/jsr.mjs sync)`,
      );
    }
    if (config.license !== manifest.license) problems.push(`${where}: license differs from npm's`);
    // The same subpaths; a wildcard of npm's (`./*`) stands for any JSR subpath it matches
    // (JSR has no wildcards, and a types package may publish only some of them there).
    const [ours, theirs] = [jsrSubpaths(config), npmSubpaths(manifest)];
    const matches = (pattern, subpath) => {
      const [before, after = ""] = pattern.split("*");
      return pattern.includes("*")
        ? subpath.startsWith(before) && subpath.endsWith(after)
        : pattern === subpath;
    };
    const extra = ours.filter((subpath) => !theirs.some((pattern) => matches(pattern, subpath)));
    const missing = theirs.filter((subpath) => !subpath.includes("*") && !ours.includes(subpath));
    if (extra.length || missing.length) {
      problems.push(
        `${where}: exports ${ours.join(", ")}; npm exports ${theirs.join(", ")}${missing.length ? ` (missing ${missing.join(", ")})` : ""}`,
      );
    }
    for (const [specifier, target] of Object.entries(config.imports ?? {})) {
      const dependency = npm.get(specifier);
      if (dependency === undefined) continue;
      const declared = { ...manifest.dependencies, ...manifest.peerDependencies };
      if (!(specifier in declared)) {
        problems.push(`${where}: imports ${specifier}, which its package.json does not depend on`);
      }
      if (!members.has(specifier))
        problems.push(`${where}: imports ${specifier}, which is not on JSR`);
      else if (target !== jsrRange(specifier, dependency.version)) {
        problems.push(
          `${where}: ${specifier} is ${target}, not ${jsrRange(specifier, dependency.version)}`,
        );
      }
    }
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      if (npm.has(dependency) && !(dependency in (config.imports ?? {}))) {
        problems.push(`${where}: no import of ${dependency}, a dependency on npm`);
      }
    }
  }
  return problems;
}

/** Writes each member's version, and our packages' ranges, from the package.json files. */
export function sync() {
  const versions = new Map(npmPackages().map((p) => [p.name, p.version]));
  for (const { file, config, npm: manifest } of jsrPackages()) {
    const imports = Object.fromEntries(
      Object.entries(config.imports ?? {}).map(([specifier, target]) =>
        versions.has(specifier)
          ? [specifier, jsrRange(specifier, versions.get(specifier))]
          : [specifier, target],
      ),
    );
    const next = { ...config, version: manifest.version, ...(config.imports ? { imports } : {}) };
    writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
  }
}

/** The module files each member exports, for `deno doc --lint`. */
const entrypoints = () =>
  jsrPackages().flatMap(({ dir, config }) =>
    (typeof config.exports === "string" ? [config.exports] : Object.values(config.exports)).map(
      (path) => relative(root, `${dir}/${path}`),
    ),
  );

/**
 * Deno ignores the workspace's package.json here: the members' npm: imports come from Deno's own
 * cache, as they will for a user of the JSR packages, and never from pnpm's node_modules (whose
 * layout Deno does not read: on a failed resolution it would rewrite package.json from
 * pnpm-workspace.yaml).
 */
export const denoEnv = {
  DENO_NO_PACKAGE_JSON: "1",
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: process.env.HOME ?? root,
  NO_COLOR: "1",
  DENO_NO_UPDATE_CHECK: "1",
  DENO_NO_PROMPT: "1",
  // What reaches the npm registry for the members' npm: imports: a mirror, a proxy, a cache.
  ...Object.fromEntries(
    Object.entries(process.env).filter(([name]) =>
      /^(npm_config_registry|https?_proxy|no_proxy|deno_dir)$/i.test(name),
    ),
  ),
};
const tail = (result) =>
  `${result.stderr}\n${result.stdout}`
    .trim()
    .split("\n")
    .filter((l) => !l.startsWith("   file://"))
    .slice(-40)
    .join("\n");

/** The whole check; resolves with its problems (none when JSR would take the workspace). */
export async function check() {
  // Loaded here: `sync` must run without the runtimes installed.
  const { binaries } = await import("../runtime-tests/lib/binaries.mjs");
  const problems = manifestProblems();
  const options = (timeoutMs) => ({ cwd: root, env: denoEnv, timeoutMs });
  const [lint, publish] = await Promise.all([
    run(binaries.deno, ["doc", "--lint", ...entrypoints()], options(120_000)),
    run(binaries.deno, ["publish", "--dry-run", "--allow-dirty"], options(300_000)),
  ]);
  if (lint.code !== 0) problems.push(`deno doc --lint:\n${tail(lint)}`);
  if (publish.code !== 0) problems.push(`deno publish --dry-run:\n${tail(publish)}`);
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const command = process.argv[2] ?? "check";
  if (command === "sync") {
    sync();
  } else if (command === "check") {
    const problems = await check();
    for (const problem of problems) console.error(problem);
    console.log(`JSR: ${jsrPackages().length} packages, ${problems.length ? "FAILED" : "ready"}`);
    process.exitCode = problems.length ? 1 : 0;
  } else {
    console.error("Usage: node scripts/jsr.mjs [check|sync]");
    process.exitCode = 2;
  }
}
