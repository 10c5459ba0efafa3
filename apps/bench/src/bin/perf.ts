/**
 * `pnpm bench [-- --rounds=5 --duration=3000 --warmup=3000 --only=node,deno,bun --no-write]`:
 * every performance benchmark of asyncovh (throughput and latency against node-ovh and raw
 * fetch in Node, Deno and Bun, against the mock, and in Node against a minimal server too; the
 * client's cost without a network; bundle sizes; import time; memory under load), printed, then
 * written to the "Performance" section of BENCHMARKS.md.
 * `--render=` (or `--render=file`) writes the section again from the numbers of the last run that
 * wrote it (dist/last-run.json); a `--no-write` run keeps its numbers in dist/trial-run.json.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { bundleSize, TARGETS } from "../perf/bundle.ts";
import { importTime } from "../perf/cold-start.ts";
import { describeMachine, load } from "../perf/machine.ts";
import { peakMemory } from "../perf/memory.ts";
import { microBenchmarks } from "../perf/micro.ts";
import { type PerformanceData, performanceSection } from "../perf/report.ts";
import { replaceSection } from "../perf/section.ts";
import { CLIENT_BOUND, PLANS, type Runtime, TURNS_AT_ONE, throughput } from "../perf/throughput.ts";

const root = fileURLToPath(new URL("../../../../", import.meta.url));

// `pnpm bench -- --rounds=5` hands the "--" over too.
const args = process.argv.slice(2);
const { values } = parseArgs({
  args: args[0] === "--" ? args.slice(1) : args,
  options: {
    rounds: { type: "string", default: "5" },
    duration: { type: "string", default: "3000" },
    warmup: { type: "string", default: "3000" },
    only: { type: "string" },
    "no-write": { type: "boolean", default: false },
    /** Writes the section again from a run's saved numbers (dist/last-run.json), running nothing. */
    render: { type: "string" },
  },
});
const number = (value: string, name: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a whole number, 1 or more.`);
  return n;
};
const settings = {
  rounds: number(values.rounds, "rounds"),
  durationMs: number(values.duration, "duration"),
  warmupMs: number(values.warmup, "warmup"),
};
const only = values.only?.split(",") as Runtime[] | undefined;

const log = (text: string) => console.log(text);

/** Runs every benchmark and gathers the numbers of the report. */
async function measure(): Promise<PerformanceData> {
  // Deno and Bun are devDependencies of runtime-tests: ask it where they are.
  const binariesModule = pathToFileURL(join(root, "runtime-tests", "lib", "binaries.mjs")).href;
  const { binaries } = (await import(binariesModule)) as { binaries: Record<string, string> };
  const machine = await describeMachine({ deno: binaries.deno, bun: binaries.bun });
  const loadBefore = load();
  log(
    `${machine.cpu}, ${machine.cores} cores; Node ${machine.node}, Deno ${machine.deno}, Bun ${machine.bun}; load ${loadBefore}`,
  );

  log("\n— the client without a network");
  const micro = await microBenchmarks();
  log(JSON.stringify(micro));

  log("\n— bundle sizes");
  const bundles = [];
  for (const target of Object.values(TARGETS)) {
    const size = await bundleSize(target);
    bundles.push({ name: target.name, size });
    log(`${target.name}: ${size.minified} B minified, ${size.gzip} B gzip`);
  }
  const browser = (bundles[0] as (typeof bundles)[0]).size;

  log("\n— import time");
  const imported = await importTime();
  log(JSON.stringify(imported));
  const undiciImport = await importTime("undici", 5);
  log(`undici: ${JSON.stringify(undiciImport)}`);

  log("\n— memory (bench/load.ts)");
  const memory = await peakMemory(root);
  log(memory ? JSON.stringify(memory.rows) : "bench/load.ts not found");

  log("\n— throughput (a line per measurement)");
  const loads = [loadBefore];
  const report = await throughput({
    ...settings,
    binaries: {
      node: process.execPath,
      deno: machine.deno ? binaries.deno : undefined,
      bun: machine.bun ? binaries.bun : undefined,
    },
    plans: only ? PLANS.filter((plan) => only.includes(plan.runtime)) : PLANS,
    clientBound: only && !only.includes(CLIENT_BOUND.runtime) ? undefined : CLIENT_BOUND,
    turnsAtOne: only ? TURNS_AT_ONE.filter((plan) => only.includes(plan.runtime)) : TURNS_AT_ONE,
    onResult: (r) => {
      loads.push(load());
      log(
        `${r.runtime} ${r.kind} c=${r.concurrency}${r.server ? ` (${r.server} server)` : ""}${r.turns ? " (in turns)" : ""}: ${
          r.error ??
          `${Math.round(r.rps)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ${Math.round(r.cpuUs ?? Number.NaN)} µs CPU/call`
        }`,
      );
    },
  });
  return {
    date: new Date().toISOString().slice(0, 16).replace("T", " "),
    command: "npx pnpm@10.34.8 bench",
    machine,
    loadBefore,
    loadAfter: load(),
    loadRange: [Math.min(...loads), Math.max(...loads)],
    settings,
    throughput: report,
    micro,
    bundles,
    browser,
    importTime: imported,
    undiciImport,
    memory,
  };
}

// Each run's numbers are kept, so that the text can be written again without measuring again.
// A run that does not write BENCHMARKS.md keeps its numbers apart, so that the numbers behind
// BENCHMARKS.md stay those of the run that wrote it.
const saved = join(root, "apps", "bench", "dist", "last-run.json");
const trial = join(root, "apps", "bench", "dist", "trial-run.json");
let data: PerformanceData;
if (values.render !== undefined) {
  data = JSON.parse(await readFile(values.render || saved, "utf8")) as PerformanceData;
} else {
  data = await measure();
  await writeFile(values["no-write"] ? trial : saved, JSON.stringify(data, null, 2));
}
const section = performanceSection(data);
log(`\n${section}`);
if (!values["no-write"]) {
  const file = join(root, "BENCHMARKS.md");
  const before = await readFile(file, "utf8").catch(() => "# Benchmarks\n");
  await writeFile(file, replaceSection(before, "performance", section));
  log(`\nWritten to ${file}`);
}
