/** Runs a runtime's entry as a child process and reads the report it prints. */
import { spawn } from "node:child_process";

/** Runs `command args`, with a time limit; resolves with its exit code and output. */
export function run(command, args, { env, cwd, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let child;
    try {
      child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      resolve({ code: null, stdout, stderr: String(error), timedOut });
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", (error) => {
      stderr += `\n${error.message}`;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/**
 * The report printed by an entry (`SMOKE-RESULT {json}`), or a report with one failed step
 * saying why there is none: a runtime that cannot start fails.
 */
export function reportOf(runtime, result) {
  const line = result.stdout.split("\n").find((l) => l.startsWith("SMOKE-RESULT "));
  if (line && result.code === 0) return JSON.parse(line.slice("SMOKE-RESULT ".length));
  const why = result.timedOut
    ? "timed out"
    : line
      ? `exited with code ${result.code}`
      : `printed no report (exit code ${result.code})`;
  const output = `${result.stderr}\n${result.stdout}`.trim().split("\n").slice(-15).join("\n");
  const steps = line ? JSON.parse(line.slice("SMOKE-RESULT ".length)).steps : [];
  return { runtime, steps: [...steps, { name: "run", ok: false, error: `${why}\n${output}` }] };
}

/** The first line a binary prints for `--version`, or why it could not run. */
export async function versionOf(command, args = ["--version"]) {
  const result = await run(command, args, { timeoutMs: 20_000 });
  const line = `${result.stdout}${result.stderr}`.trim().split("\n")[0] ?? "";
  return result.code === 0 ? line : undefined;
}

/** Fails with what to do when a runtime's binary does not run. */
export async function startable(binary) {
  if ((await versionOf(binary)) === undefined) {
    throw new Error(
      `${binary} does not start. The runtimes come with \`pnpm install\` in the workspace; if it ran with --ignore-scripts, run \`pnpm rebuild bun deno workerd\`.`,
    );
  }
}

/** Runs `work` over `items`, at most `size` at a time; resolves with the results in order. */
export async function pool(items, size, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}
