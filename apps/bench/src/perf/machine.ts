/**
 * @module
 * The machine a benchmark ran on, for the report: CPU, cores, load, runtime versions.
 */
import { execFile } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  deno?: string | undefined;
  bun?: string | undefined;
}

async function version(command: string | undefined, pattern: RegExp): Promise<string | undefined> {
  if (command === undefined) return undefined;
  try {
    const { stdout } = await run(command, ["--version"], { timeout: 20_000 });
    return pattern.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

export async function describeMachine(binaries: { deno?: string; bun?: string }): Promise<Machine> {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.versions.node,
    deno: await version(binaries.deno, /deno (\S+)/),
    bun: await version(binaries.bun, /^(\S+)/),
  };
}

/** The 1-minute load average, rounded. */
export const load = (): number => Math.round((loadavg()[0] ?? 0) * 10) / 10;
