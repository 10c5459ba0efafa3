/**
 * @module
 * The time `import("asyncovh")` takes in a fresh Node process: the module graph of the Node
 * entry resolved, read, parsed and evaluated. Process start-up is excluded, and so is the start
 * of Node's ES module loader (about 10 ms, paid by any ESM application before its first import):
 * an empty module is imported first. Each sample is a new process, so nothing is cached in
 * memory between samples (the files are in the OS cache after the first).
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median } from "./stats.ts";

const run = promisify(execFile);

/** The Node import budget of asyncovh, in ms. */
export const IMPORT_TARGET_MS = 30;

const SCRIPT = `
const loaderStarted = performance.now();
await import("data:text/javascript,");
const loader = performance.now() - loaderStarted;
const cpu = process.cpuUsage();
const started = performance.now();
await import(process.env.IMPORTED);
const wall = performance.now() - started;
const { user, system } = process.cpuUsage(cpu);
console.log(JSON.stringify({ wall, cpu: (user + system) / 1000, loader }));
`;

export interface ImportTime {
  /** Median wall time of the import, in ms. */
  wallMs: number;
  /** Median CPU time of the import, in ms (steadier than wall time on a busy machine). */
  cpuMs: number;
  /** Median start-up time of the ES module loader, excluded from the above, in ms. */
  loaderMs: number;
  samples: number;
}

/** Imports `specifier` (resolved from `cwd`) in `samples` fresh processes. */
export async function importTime(
  specifier = "asyncovh",
  samples = 11,
  cwd = fileURLToPath(new URL("..", import.meta.url)),
): Promise<ImportTime> {
  const walls: number[] = [];
  const cpus: number[] = [];
  const loaders: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", SCRIPT], {
      cwd,
      env: { ...process.env, IMPORTED: specifier },
    });
    const { wall, cpu, loader } = JSON.parse(stdout) as Record<string, number>;
    walls.push(wall as number);
    cpus.push(cpu as number);
    loaders.push(loader as number);
  }
  return { wallMs: median(walls), cpuMs: median(cpus), loaderMs: median(loaders), samples };
}
