/**
 * @module
 * What asyncovh weighs, from the packages' builds: its browser entry, everything exported,
 * bundled by esbuild (minified, every dependency included) then gzip -9; and the time
 * `import("asyncovh")` takes in a fresh Node process, process start-up and the start of Node's
 * ES module loader (paid by any ESM application before its first import) left out.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { median } from "./stats.ts";

/** The targets (issue 16): bytes of min+gzip, and ms. */
export const [BUNDLE_TARGET, IMPORT_TARGET_MS] = [12 * 1024, 30];

/**
 * What CI holds (footprint.test.ts) until the target is met: lower it as the bundle shrinks,
 * down to `BUNDLE_TARGET`; raising it is a decision to explain in its commit.
 */
export const BUNDLE_CEILING = 16.25 * 1024;

const cwd = fileURLToPath(new URL("..", import.meta.url));

export async function bundleSize(): Promise<{ minified: number; gzip: number }> {
  const result = await build({
    stdin: { contents: 'export * from "asyncovh";', resolveDir: cwd },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const code = (result.outputFiles[0] as { contents: Uint8Array }).contents;
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const SCRIPT = `await import("data:text/javascript,");
const started = performance.now();
await import("asyncovh");
console.log(performance.now() - started);`;

/** The median over `samples` fresh processes, in ms. */
export async function importTime(samples: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const args = ["--input-type=module", "-e", SCRIPT];
    times.push(Number((await promisify(execFile)(process.execPath, args, { cwd })).stdout));
  }
  return median(times);
}
