/**
 * @module
 * Peak memory while 10 000 calls go through the client's concurrency cap. The measuring is the
 * load test's (`bench/load.ts`, `pnpm bench:load`): this runs it without faults or latency and
 * reads the rows of its table, rather than keeping a second load script.
 */
import { execFile } from "node:child_process";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface MemoryResult {
  /** The command run, for the report. */
  command: string;
  /** The rows of the load test's table that are about memory and time. */
  rows: Record<string, string>;
}

/** The rows of a Markdown table `| name | value |`. */
export function tableRows(text: string): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    if (cells.length === 4 && cells[1] && cells[2] && !/^-+$/.test(cells[1])) {
      rows[cells[1]] = cells[2];
    }
  }
  return rows;
}

/** Builds and runs the load test from the workspace root; undefined when it is not there. */
export async function peakMemory(root: string, calls = 10_000): Promise<MemoryResult | undefined> {
  const config = join(root, "bench", "tsup.config.ts");
  try {
    await access(config);
  } catch {
    return undefined;
  }
  await run(join(root, "node_modules", ".bin", "tsup"), ["--config", config, "--silent"], {
    cwd: root,
  });
  const args = [`--calls=${calls}`, "--concurrency=64", "--latency=0", "--fault-every=0"];
  const { stdout } = await run(
    process.execPath,
    ["--expose-gc", join(root, "bench", "dist", "load.js"), ...args],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
  const rows = tableRows(stdout);
  delete rows.measure;
  return { command: `node --expose-gc bench/dist/load.js ${args.join(" ")}`, rows };
}
