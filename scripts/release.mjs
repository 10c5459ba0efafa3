/**
 * @module
 * `npm run release`: versions and publishes the workspace on npm and JSR, in one go.
 *
 * 1. `changeset version`: the pending changesets become versions and CHANGELOG.md entries (all
 *    published packages share one version: `fixed` in .changeset/config.json);
 * 2. `node scripts/jsr.mjs sync`: the same versions in the deno.json files, and the `jsr:`
 *    ranges between our packages;
 * 3. build, then the pack-and-install test (package-tests/run.mjs: contents, `npm publish
 *    --dry-run`, types, runtimes, and the JSR dry run);
 * 4. a commit, "Release vX.Y.Z";
 * 5. `changeset publish`: `pnpm publish` of each package whose version is not on npm yet (with
 *    provenance), and a git tag per package;
 * 6. `deno publish`: the JSR workspace (a version JSR already has is skipped).
 *
 * Each step can run again after a failure: with no changeset left, the versioning is skipped,
 * and both registries skip what they already have. It runs where provenance can be attested
 * (GitHub Actions: .github/workflows/release.yml); push the commit and tags afterwards.
 *
 *   node scripts/release.mjs             release
 *   node scripts/release.mjs --dry-run   print the plan and run step 3, changing nothing
 *   node scripts/release.mjs check       the release configuration agrees with the workspace
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { denoEnv } from "./jsr.mjs";
import { npmPackages, root } from "./packages.mjs";

const bin = (name) => join(root, "node_modules", ".bin", name);

/** Runs a command in the repository's root, its output shown; throws when it fails. */
function sh(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed (${result.status})`);
}

const capture = (command, args) =>
  spawnSync(command, args, { cwd: root, encoding: "utf8" }).stdout?.trim() ?? "";

/** What disagrees between .changeset/config.json and the workspace, as sentences. */
export function releaseProblems() {
  const problems = [];
  const packages = npmPackages();
  const config = JSON.parse(readFileSync(join(root, ".changeset", "config.json"), "utf8"));
  const fixed = [...(config.fixed?.[0] ?? [])].sort();
  const names = packages.map((p) => p.name).sort();
  if (fixed.join() !== names.join()) {
    problems.push(
      `.changeset/config.json: the fixed group is ${fixed.join(", ")}; the published packages are ${names.join(", ")}`,
    );
  }
  const versions = new Set(packages.map((p) => p.version));
  if (versions.size !== 1) {
    problems.push(
      `the published packages do not share one version: ${packages.map((p) => `${p.name}@${p.version}`).join(", ")}`,
    );
  }
  return problems;
}

const pendingChangesets = () =>
  readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");

async function release({ dryRun }) {
  const problems = releaseProblems();
  if (problems.length) throw new Error(problems.join("\n"));
  if (!dryRun && capture("git", ["status", "--porcelain"]) !== "") {
    throw new Error("The working tree has changes: commit or stash them first.");
  }
  if (!dryRun && process.env.GITHUB_ACTIONS !== "true" && process.env.GITLAB_CI !== "true") {
    throw new Error(
      "npm provenance (publishConfig.provenance) needs a CI provider that attests it: run the Release workflow (.github/workflows/release.yml), or pass --dry-run.",
    );
  }

  // The plan, for the log; it fails only when nothing is to be released, which a re-run
  // after a failed publish is.
  spawnSync(bin("changeset"), ["status", "--verbose"], { cwd: root, stdio: "inherit" });
  if (!dryRun && pendingChangesets().length > 0) {
    sh(bin("changeset"), ["version"]);
    sh(process.execPath, ["scripts/jsr.mjs", "sync"]);
  }
  sh("npm", ["run", "build"]);
  sh(process.execPath, ["package-tests/run.mjs"]);
  if (dryRun) return;

  const version = npmPackages()[0].version;
  if (capture("git", ["status", "--porcelain"]) !== "") {
    sh("git", ["add", "--all"]);
    sh("git", ["commit", "--message", `Release v${version}`]);
  }
  sh(bin("changeset"), ["publish"]);
  const { binaries } = await import("../runtime-tests/lib/binaries.mjs");
  sh(binaries.deno, ["publish"], { env: { ...process.env, ...denoEnv } });
  console.log(`\nReleased v${version}: push the commit and the tags (git push --follow-tags).`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    if (process.argv[2] === "check") {
      const problems = releaseProblems();
      for (const problem of problems) console.error(problem);
      process.exitCode = problems.length ? 1 : 0;
    } else {
      await release({ dryRun: process.argv.includes("--dry-run") });
    }
  } catch (error) {
    console.error(`\nrelease: ${error.message}`);
    process.exitCode = 1;
  }
}
