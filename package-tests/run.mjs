/**
 * @module
 * The pack-and-install test: the workspace's published packages as a user gets them.
 *
 * 1. pack: every non-private package under packages/ packed by pnpm (workspace: ranges
 *    rewritten), into a temporary folder outside the workspace;
 * 2. contents: each tarball's README, LICENSE, manifest and source maps (lib/contents.mjs);
 * 3. publish: `npm publish --dry-run` of each tarball, as `pnpm publish` runs it;
 * 4. install: a fresh project (project/) gets the tarballs with `npm install`, and nothing of
 *    the workspace (third-party packages come from the npm registry);
 * 5. types: its `tsconfig.<name>.json` matrix compiled with `skipLibCheck: false` (lib/types.mjs),
 *    typed calls through @asyncovh/api included (typed.ts), and `deno check` of deno.ts;
 * 6. runtimes: smoke.mjs in Node.js 20, 22 and 24, Bun and Deno against the installed mock,
 *    served on 127.0.0.1;
 * and, meanwhile, the JSR workspace (scripts/jsr.mjs check): manifests, `deno doc --lint`,
 * `deno publish --dry-run`.
 *
 * Usage: node package-tests/run.mjs [--keep]   (--keep leaves the temporary folder to explore:
 * `node <clone>/node_modules/typescript/bin/tsc -p tsconfig.browser.json` there compiles one
 * configuration of the matrix)
 * The packages must be built first (npm run build).
 */
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { binaries } from "../runtime-tests/lib/binaries.mjs";
import { pool, run } from "../runtime-tests/lib/process.mjs";
import { check as checkJsr } from "../scripts/jsr.mjs";
import { npmPackages, root } from "../scripts/packages.mjs";
import { releaseProblems } from "../scripts/release.mjs";
import { checkContents } from "./lib/contents.mjs";
import {
  dynamicImports,
  exportSpecifiers,
  NODE_ONLY,
  sampled,
  staticImports,
} from "./lib/exports.mjs";
import { readTarball } from "./lib/tarball.mjs";
import { compileMatrix } from "./lib/types.mjs";

const keep = process.argv.includes("--keep");
const work = mkdtempSync(join(tmpdir(), "asyncovh-package-tests-"));
const tarballs = join(work, "tarballs");
const project = join(work, "project");
const pnpm = join(root, "node_modules", ".bin", "pnpm");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
/** No OVH_* variable of the machine leaks in; nothing phones home. */
// Of the caller's environment, only what reaches the registry (a mirror, a proxy, a cache):
// `npm test` also sets npm_config_local_prefix and the like, which would aim npm at the workspace.
const PASSED = /^(npm_config_(registry|cache|cafile|strict_ssl)|https?_proxy|no_proxy|deno_dir)$/i;
const env = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  HOME: process.env.HOME ?? work,
  NO_COLOR: "1",
  DENO_NO_UPDATE_CHECK: "1",
  DENO_NO_PROMPT: "1",
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => PASSED.test(name))),
};

const started = performance.now();
const timings = [];
let failed = false;

/** Runs one step, prints its problems, and records how long it took. */
async function step(name, work) {
  const started = performance.now();
  let problems;
  try {
    problems = (await work()) ?? [];
  } catch (error) {
    problems = [String(error?.stack ?? error)];
  }
  const seconds = (performance.now() - started) / 1000;
  timings.push([name, seconds]);
  console.log(`${problems.length ? "FAIL" : "ok  "} ${name} (${seconds.toFixed(1)} s)`);
  for (const problem of problems) console.log(`       ${problem.replaceAll("\n", "\n       ")}`);
  if (problems.length) failed = true;
  return problems.length === 0;
}

const output = (result) =>
  `${result.stderr}\n${result.stdout}`.trim().split("\n").slice(-20).join("\n");

const packages = npmPackages();
for (const pkg of packages) {
  for (const file of Object.values(pkg.manifest.exports ?? {}).flatMap(
    (v) => JSON.stringify(v).match(/\.\/dist\/[^"*]+/g) ?? [],
  )) {
    if (!existsSync(join(pkg.dir, file))) {
      console.error(`${pkg.name}: ${file} is missing: build first (npm run build).`);
      process.exit(1);
    }
  }
}
console.log(`Packages: ${packages.map((p) => `${p.name}@${p.version}`).join(", ")}`);
console.log(`In ${work}`);

// 1. pack
const packed = new Map(); // name -> { file, files }
await step("pack (pnpm pack)", async () => {
  const filters = packages.flatMap((p) => ["--filter", p.name]);
  const result = await run(
    pnpm,
    ["-r", ...filters, "pack", "--pack-destination", tarballs, "--json"],
    {
      cwd: root,
      env: { ...process.env, ...env },
      timeoutMs: 300_000,
    },
  );
  if (result.code !== 0) return [`pnpm pack failed:\n${output(result)}`];
  const listed = [JSON.parse(result.stdout)].flat();
  for (const { name, filename } of listed) {
    packed.set(name, { file: filename, files: readTarball(filename) });
  }
  const missing = packages
    .filter((p) => !packed.has(p.name))
    .map((p) => `${p.name} was not packed`);
  return missing;
});
if (failed) finish();

// 2.-3. contents and publish dry runs, while the project installs.
const specifiers = packages.flatMap((p) =>
  exportSpecifiers(p.manifest, packed.get(p.name).files.keys()),
);
const installing = step("install the tarballs in a fresh project (npm install)", install);
const jsr = step("JSR: manifests, deno doc --lint, deno publish --dry-run", checkJsr);
await step("contents (README, LICENSE, manifest, source maps) and release configuration", () => [
  ...packages.flatMap((p) =>
    checkContents(p, packed.get(p.name).files).map((m) => `${p.name}: ${m}`),
  ),
  ...releaseProblems(),
]);
await step("npm publish --dry-run of each tarball", async () => {
  const results = await pool(packages, 3, async (p) => {
    const result = await run(npm, ["publish", "--dry-run", "--json", packed.get(p.name).file], {
      cwd: work,
      env: { ...env, npm_config_loglevel: "error" },
      timeoutMs: 120_000,
    });
    return result.code === 0 ? [] : [`${p.name}:\n${output(result)}`];
  });
  return results.flat();
});
const installed = await installing;

async function install() {
  cpSync(join(import.meta.dirname, "project"), project, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
  const tarballOf = (name) => `file:${packed.get(name).file}`;
  manifest.dependencies = Object.fromEntries(packages.map((p) => [p.name, tarballOf(p.name)]));
  // Our packages depend on each other by version: those ranges are met by the tarballs too,
  // never by the registry.
  manifest.overrides = Object.fromEntries(packages.map((p) => [p.name, `$${p.name}`]));
  writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

  const everywhere = specifiers.filter((s) => !NODE_ONLY.has(s.specifier));
  const nodeOnly = specifiers.filter((s) => NODE_ONLY.has(s.specifier));
  // Every subpath of a wildcard export in tsconfig.node.json; a sample of them elsewhere.
  const wildcards = specifiers.filter((s) => s.wildcard && !NODE_ONLY.has(s.specifier));
  mkdirSync(join(project, "generated"));
  mkdirSync(join(project, "cjs", "generated"));
  writeFileSync(join(project, "generated", "exports.ts"), staticImports(sampled(everywhere)));
  writeFileSync(join(project, "generated", "wildcards.ts"), staticImports(wildcards));
  writeFileSync(join(project, "generated", "exports.node.ts"), staticImports(nodeOnly));
  writeFileSync(join(project, "cjs", "generated", "static.ts"), staticImports(sampled(specifiers)));
  writeFileSync(
    join(project, "cjs", "generated", "dynamic.ts"),
    dynamicImports(sampled(specifiers)),
  );

  const result = await run(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: project,
    env,
    timeoutMs: 300_000,
  });
  return result.code === 0 ? [] : [`npm install failed:\n${output(result)}`];
}

if (!installed) {
  await jsr;
  finish();
}

// 5. types
const ours = (fileName) => {
  const inModules = fileName.split(sep).join("/").split("/node_modules/");
  if (inModules.length === 1) return fileName.startsWith(project);
  const owner = /^(@[^/]+\/[^/]+|[^/]+)/.exec(inModules.at(-1))?.[1];
  return packages.some((p) => p.name === owner);
};
await step("types: the tsc matrix, skipLibCheck false", () => {
  const results = compileMatrix(project, ours);
  for (const { name, files, errors, ms } of results) {
    console.log(
      `       ${errors.length ? "FAIL" : "ok  "} tsconfig.${name}.json: ${files} files of ours, ${(ms / 1000).toFixed(1)} s`,
    );
  }
  return results.flatMap(({ name, errors }) => errors.map((e) => `[${name}] ${e}`));
});
await step("types: deno check deno.ts (npm packages from node_modules)", async () => {
  const result = await run(
    binaries.deno,
    ["check", "deno.ts", "generated/exports.ts", "generated/exports.node.ts"],
    {
      cwd: project,
      env,
      timeoutMs: 180_000,
    },
  );
  return result.code === 0 ? [] : [output(result)];
});

// 6. runtimes
await step("runtimes: Node.js 20, 22, 24, Bun and Deno against the mock", async () => {
  const server = spawn(binaries.node20, ["serve-mock.mjs"], {
    cwd: project,
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  try {
    const line = await new Promise((resolve, reject) => {
      server.stdout.once("data", (chunk) => resolve(chunk.toString().split("\n")[0]));
      server.once("exit", (code) => reject(new Error(`serve-mock.mjs exited with ${code}`)));
    });
    const context = {
      ...JSON.parse(line),
      exports: specifiers.filter((s) => s.runtime).map((s) => s.specifier),
    };
    const arg = JSON.stringify(context);
    const runtimes = [
      ["node20", binaries.node20, ["smoke.mjs", arg]],
      ["node22", binaries.node22, ["smoke.mjs", arg]],
      ["node24", binaries.node24, ["smoke.mjs", arg]],
      ["bun", binaries.bun, ["smoke.mjs", arg]],
      ["deno", binaries.deno, ["run", "--no-prompt", "--allow-net=127.0.0.1", "smoke.mjs", arg]],
    ];
    const results = await pool(runtimes, 2, async ([id, command, args]) => {
      const result = await run(command, args, { cwd: project, env, timeoutMs: 60_000 });
      const report = result.stdout.split("\n").find((l) => l.startsWith("PACKAGE-SMOKE "));
      if (!report || result.code !== 0)
        return [`${id}: no report (exit code ${result.code})\n${output(result)}`];
      const { runtime, steps } = JSON.parse(report.slice("PACKAGE-SMOKE ".length));
      console.log(
        `       ${steps.every((s) => s.ok) ? "ok  " : "FAIL"} ${runtime}: ${steps.map((s) => s.name).join("; ")}`,
      );
      return steps.filter((s) => !s.ok).map((s) => `${runtime}: ${s.name}\n${s.error}`);
    });
    return results.flat();
  } finally {
    server.stdin.end();
    server.kill();
  }
});

await jsr;
finish();

function finish() {
  const seconds = (performance.now() - started) / 1000;
  const steps = timings.map(([name, s]) => `${name.split(/[ :]/)[0]} ${s.toFixed(1)}`).join(", ");
  console.log(
    `\nPackage tests ${failed ? "FAILED" : "passed"} in ${seconds.toFixed(1)} s (${steps})`,
  );
  if (keep) console.log(`Kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}
