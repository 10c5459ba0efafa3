/**
 * Runs the smoke Worker in workerd: bundles it from the built packages with the conditions of
 * wrangler (`workerd`, `worker`, `browser`), serves it with `workerd serve` on a free loopback
 * port, and asks it for its report.
 */
import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import { startMock } from "../lib/mock.mjs";
import { versionOf } from "../lib/process.mjs";

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function bundleWorker(root) {
  await mkdir(join(root, ".out"), { recursive: true });
  await build({
    entryPoints: [join(root, "workerd", "worker.mjs")],
    outfile: join(root, ".out", "worker.js"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    target: "es2022",
    logLevel: "error",
  });
}

/** Polls the Worker until it answers (workerd needs a moment to listen), then reads the report. */
async function fetchReport(url, child, deadline) {
  let lastError;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`workerd exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(deadline - Date.now()) });
      return await response.json();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the Worker did not answer: ${lastError?.message ?? "timed out"}`);
}

export async function runWorkerd({ binaries, root }) {
  const version = await versionOf(binaries.workerd);
  if (version === undefined) throw new Error(`${binaries.workerd} does not start.`);
  await bundleWorker(root);
  const mock = await startMock();
  const port = await freePort();
  let stderr = "";
  const child = spawn(
    binaries.workerd,
    ["serve", join(root, "workerd", "config.capnp"), "--socket-addr", `http=127.0.0.1:${port}`],
    {
      env: {
        PATH: process.env.PATH,
        ...mock.env,
        SMOKE_CALLBACK_URL: mock.context.callbackUrl,
      },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  try {
    const report = await fetchReport(`http://127.0.0.1:${port}/`, child, Date.now() + 60_000);
    report.runtime = `${version}`;
    return report;
  } catch (error) {
    throw new Error(`${error.message}\n${stderr.trim().split("\n").slice(-15).join("\n")}`);
  } finally {
    child.kill("SIGTERM");
    await mock.close();
  }
}
