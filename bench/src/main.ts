/**
 * @module
 * `npx --yes pnpm@10.34.8 bench [--quick] [--no-write] [--only performance|typed-routes]`:
 * asyncovh against node-ovh and a raw fetch over loopback TLS (Node at concurrency 32 and 1,
 * Deno and Bun at 1), its browser bundle and its import time ("Performance"); then what typed
 * routes cost, measured by @asyncovh/api's bench in its own process ("Typed routes"). Printed,
 * then each section written to BENCHMARKS.md. `--quick` is a smoke run of under a minute that
 * writes nothing; `--only` runs and writes one section.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs, promisify } from "node:util";
import { bundleSize, importTime } from "./footprint.ts";
import type { Kind } from "./load.ts";
import { key, type Run, render, replaceSection } from "./report.ts";
import { serveMinimal } from "./server.ts";
import { rotated } from "./stats.ts";
import { renderTypedRoutes, type TypedRoutesData } from "./typed-routes.ts";

const options = {
  quick: { type: "boolean" },
  "no-write": { type: "boolean" },
  only: { type: "string" },
} as const;
const { values } = parseArgs({ options });
const SECTIONS = ["performance", "typed-routes"];
if (values.only !== undefined && !SECTIONS.includes(values.only)) {
  throw new Error(`--only takes one of ${SECTIONS.join(", ")}, not ${values.only}.`);
}
const wanted = (section: string) => values.only === undefined || values.only === section;
const settings = values.quick
  ? { rounds: 1, warmupMs: 300, slices: 2, sliceMs: 250, importSamples: 3 }
  : { rounds: 5, warmupMs: 2000, slices: 6, sliceMs: 500, importSamples: 11 };

const here = fileURLToPath(new URL("..", import.meta.url));
const root = join(here, "..");
// Deno and Bun are devDependencies of runtime-tests, which knows where they are.
const binariesModule = pathToFileURL(join(root, "runtime-tests/lib/binaries.mjs")).href;
const { binaries } = (await import(binariesModule)) as { binaries: Record<string, string> };
const pair: Kind[] = ["asyncovh", "raw-fetch"];
const scenarios: [string, number, Kind[]][] = [
  ["node", 32, ["asyncovh", "node-ovh", "raw-fetch", "asyncovh-fetch", "asyncovh-ky"]],
  ...["node", "deno", "bun"].map((runtime): [string, number, Kind[]] => [runtime, 1, pair]),
];
const [cpu] = cpus();
const date = `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
const machine = `${cpu?.model.trim()}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`;
const sections: [string, string][] = [];
if (wanted("performance")) sections.push(["performance", await performanceSection()]);
if (wanted("typed-routes")) sections.push(["typed-routes", await typedRoutesSection()]);

async function performanceSection(): Promise<string> {
  const load = () => Math.round((loadavg()[0] ?? 0) * 10) / 10;
  const loads = [load()];
  const server = await serveMinimal();

  /** Clients taking turns in a fresh process, served by this one meanwhile. */
  async function run(runtime: string, kinds: Kind[], concurrency: number) {
    const { baseUrl, caFile } = server;
    const { warmupMs, slices, sliceMs } = settings;
    const request = JSON.stringify({ kinds, baseUrl, concurrency, warmupMs, slices, sliceMs });
    const script = [join(here, "dist/load.js"), request];
    const [file, ...args] =
      runtime === "deno"
        ? [binaries.deno, "run", "-A", "--no-prompt", `--cert=${caFile}`, ...script]
        : [runtime === "bun" ? binaries.bun : process.execPath, ...script];
    const { PATH, HOME } = process.env;
    const env = {
      PATH,
      HOME,
      NODE_EXTRA_CA_CERTS: caFile,
      NO_COLOR: "1",
      DENO_NO_UPDATE_CHECK: "1",
    };
    const [cpu, started] = [process.cpuUsage(), performance.now()];
    const timeout = kinds.length * (warmupMs + slices * sliceMs) + 60_000;
    const { stdout } = await promisify(execFile)(file as string, args, { cwd: here, env, timeout });
    const { user, system } = process.cpuUsage(cpu);
    const serverShare = (user + system) / 1000 / (performance.now() - started);
    return (JSON.parse(stdout) as Run[]).map((result) => ({ ...result, serverShare }));
  }

  const runs: Record<string, Run[]> = {};
  try {
    for (let round = 0; round < settings.rounds; round++) {
      for (const [runtime, concurrency, all] of scenarios) {
        if (runtime !== "node" && !existsSync(binaries[runtime] ?? "")) continue;
        const kinds = rotated(all, round);
        const results = await run(runtime, kinds, concurrency);
        loads.push(load());
        for (const [i, r] of results.entries()) {
          const name = key(runtime, concurrency, kinds[i] as Kind);
          runs[name] = [...(runs[name] ?? []), r];
          const figures = `${Math.round(r.perSecond)} calls/s, p50 ${r.p50Ms.toFixed(3)} ms, ${Math.round(r.cpuUs)} µs CPU/call`;
          console.log(`round ${round + 1}, ${name}: ${figures}`);
        }
      }
    }
  } finally {
    await server.close();
  }
  const bundle = await bundleSize();
  console.log(`bundle: ${bundle.gzip} bytes min+gzip, ${bundle.minified} minified`);
  const importMs = await importTime(settings.importSamples);
  console.log(`import("asyncovh"): ${importMs.toFixed(1)} ms`);
  loads.push(load());
  return render({ date, machine, settings, loads, runs, bundle, importMs });
}

/** @asyncovh/api's bench, in its own process: its progress shown, its data read. */
async function typedRoutesSection(): Promise<string> {
  const api = join(root, "packages", "api");
  const args = [
    join(api, "dist/generator/bench.js"),
    "--json",
    ...(values.quick ? ["--quick"] : []),
  ];
  const child = spawn(process.execPath, args, { cwd: api, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`packages/api/bench/types.ts exited with ${code}`);
  return renderTypedRoutes(date, machine, JSON.parse(out) as TypedRoutesData);
}

for (const [, section] of sections) console.log(`\n${section}`);
if (!values.quick && !values["no-write"]) {
  const file = join(root, "BENCHMARKS.md");
  let text = await readFile(file, "utf8");
  for (const [name, section] of sections) text = replaceSection(text, section, name);
  await writeFile(file, text);
  console.log(`\nWritten to ${file}`);
}
