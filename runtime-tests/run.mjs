/**
 * Runs the smoke scenario in every real runtime, each against its own mock served over HTTP on
 * 127.0.0.1, and prints one summary line per runtime. A runtime that cannot start fails the run.
 * Usage: node runtime-tests/run.mjs [name…]   (names: node20 node22 node24 bun deno workerd chromium)
 */
import { access } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { binaries } from "./lib/binaries.mjs";
import { pool } from "./lib/process.mjs";
import { RUNTIMES } from "./lib/runtimes.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const CONCURRENCY = 2;

async function checkBuilt() {
  const built = [
    "packages/asyncovh/dist/node.js",
    "packages/asyncovh/dist/asyncovh.browser.js",
    "packages/proxy/dist/index.js",
    "packages/mock/dist/node.js",
    "apps/dashboard/dist/server.js",
  ];
  for (const file of built) {
    try {
      await access(new URL(`../${file}`, import.meta.url));
    } catch {
      console.error(`${file} is missing: build first (pnpm build).`);
      process.exit(1);
    }
  }
}

const stackHead = (error) => error?.stack?.split("\n").slice(0, 4).join("\n") ?? String(error);

function printReport(runtime, report, seconds) {
  const failed = report.steps.filter((step) => !step.ok);
  console.log(`\n── ${runtime.label}: ${report.runtime ?? ""} (${seconds.toFixed(1)} s)`);
  for (const step of report.steps) {
    console.log(
      `   ${step.ok ? "ok  " : "FAIL"} ${step.name}${step.ok ? "" : `\n        ${String(step.error).replaceAll("\n", "\n        ")}`}`,
    );
  }
  return failed.length === 0 && report.steps.length > 0;
}

const wanted = process.argv.slice(2);
const selected = wanted.length ? RUNTIMES.filter((r) => wanted.includes(r.id)) : RUNTIMES;
if (selected.length === 0) {
  console.error(
    `No runtime named ${wanted.join(", ")}; known: ${RUNTIMES.map((r) => r.id).join(", ")}`,
  );
  process.exit(1);
}
await checkBuilt();
const started = Date.now();
const outcomes = await pool(selected, CONCURRENCY, async (runtime) => {
  const t0 = Date.now();
  let report;
  try {
    report = await runtime.run({ binaries, root: here });
  } catch (error) {
    report = {
      runtime: runtime.label,
      // The message, and where it came from: a few lines of the stack.
      steps: [{ name: "start", ok: false, error: stackHead(error) }],
    };
  }
  const seconds = (Date.now() - t0) / 1000;
  const ok = printReport(runtime, report, seconds);
  return { runtime, report, ok, seconds };
});

console.log("\nRuntimes:");
for (const { runtime, report, ok, seconds } of outcomes) {
  const passed = report.steps.filter((s) => s.ok).length;
  console.log(
    `  ${ok ? "PASS" : "FAIL"}  ${runtime.label.padEnd(10)} ${(report.runtime ?? "").padEnd(34)} ${String(passed).padStart(2)}/${report.steps.length} steps  ${seconds.toFixed(1).padStart(5)} s`,
  );
}
const failures = outcomes.filter((o) => !o.ok).length;
console.log(
  `Runtimes: ${outcomes.length - failures} of ${outcomes.length} pass, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
process.exit(failures === 0 ? 0 : 1);
