/**
 * Runs the smoke Worker in workerd: bundles it from the built packages with the conditions of
 * wrangler (`workerd`, `worker`, `browser`), serves it with `workerd serve` on a free loopback
 * port, and asks it for its report.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import { startMock } from "../lib/mock.mjs";
import { startable, versionOf } from "../lib/process.mjs";

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Bundles a Worker as wrangler would, from the built packages. */
async function bundleWorker(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
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

/** The routes of apps/worker, one request each: all of them need its token. */
const EXAMPLE_ROUTES = [
  ["GET", "/status"],
  ["GET", "/api/me"],
  ["GET", "/api/email/domain"],
  ["GET", "/api/email/domain/example.com"],
  ["GET", "/api/email/domain/example.com/redirection"],
  ["POST", "/api/email/domain/example.com/redirection"],
];
const STOLEN_REDIRECTION = '{"from":"ceo@example.com","to":"x@evil.test","localCopy":false}';

/**
 * apps/worker, the Worker example: refused to anonymous callers on every route (nothing reaches
 * the API, counted at the mock), refused to every caller when deployed without its token, and
 * working with it: its server-side call and its signing proxy.
 */
async function exampleSteps({ origin, untokened, token, mock }) {
  const steps = [];
  const step = async (name, run) => {
    try {
      await run();
      steps.push({ name, ok: true });
    } catch (error) {
      steps.push({ name, ok: false, error: error.message });
    }
  };
  const expect = (actual, expected, what) => {
    if (actual !== expected) throw new Error(`${what}: expected ${expected}, got ${actual}`);
  };
  const call = (base, [method, path], headers = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers,
      body: method === "POST" ? STOLEN_REDIRECTION : undefined,
    });
  const bearer = { Authorization: `Bearer ${token}` };

  await step(
    "apps/worker: an anonymous call to each route gets 401, and reaches no API",
    async () => {
      const before = mock.requests.length;
      const callers = [{}, { Authorization: "Bearer guess" }, { Authorization: token }];
      for (const route of EXAMPLE_ROUTES) {
        for (const headers of callers) {
          const response = await call(origin, route, headers);
          expect(response.status, 401, `${route.join(" ")} with ${JSON.stringify(headers)}`);
        }
      }
      expect(mock.requests.length, before, "requests at the mock");
    },
  );
  await step("apps/worker: another site's page gets 403, token or not", async () => {
    const before = mock.requests.length;
    const response = await call(origin, EXAMPLE_ROUTES[5], {
      ...bearer,
      Origin: "http://evil.test",
    });
    expect(response.status, 403, "POST from http://evil.test");
    expect(mock.requests.length, before, "requests at the mock");
  });
  await step("apps/worker: without its DASHBOARD_TOKEN secret it serves no one", async () => {
    const before = mock.requests.length;
    for (const route of EXAMPLE_ROUTES) {
      const response = await call(untokened, route, bearer);
      expect(response.status, 503, route.join(" "));
      const { message } = await response.json();
      if (!message.includes("wrangler secret put DASHBOARD_TOKEN")) {
        throw new Error(`the refusal does not say what to do: ${message}`);
      }
    }
    expect(mock.requests.length, before, "requests at the mock");
  });
  await step("apps/worker: GET /status calls the API, with the token", async () => {
    const status = await (await fetch(`${origin}/status`, { headers: bearer })).json();
    expect(status.account, "la12345-ovh", "account");
  });
  await step("apps/worker: /api/me through its proxy, with the token and CORS", async () => {
    const response = await fetch(`${origin}/api/me`, {
      headers: { ...bearer, Origin: "http://dashboard.test" },
    });
    expect(response.headers.get("Access-Control-Allow-Origin"), "http://dashboard.test", "CORS");
    expect((await response.json()).nichandle, "la12345-ovh", "nichandle");
    const refused = await fetch(`${origin}/api/me/bill`, { headers: bearer });
    expect(refused.status, 403, "a call outside the dashboard's rules");
  });
  return steps;
}

export async function runWorkerd({ binaries, root }) {
  await startable(binaries.workerd);
  const version = await versionOf(binaries.workerd);
  await mkdir(join(root, ".out"), { recursive: true });
  await bundleWorker(join(root, "workerd", "worker.mjs"), join(root, ".out", "worker.js"));
  await bundleWorker(
    join(root, "..", "apps", "worker", "src", "index.ts"),
    join(root, ".out", "example-worker.js"),
  );
  const mock = await startMock();
  const [port, examplePort, untokenedPort] = [await freePort(), await freePort(), await freePort()];
  const token = randomBytes(32).toString("base64url");
  let stderr = "";
  const child = spawn(
    binaries.workerd,
    [
      "serve",
      join(root, "workerd", "config.capnp"),
      "--socket-addr",
      `http=127.0.0.1:${port}`,
      "--socket-addr",
      `example=127.0.0.1:${examplePort}`,
      "--socket-addr",
      `example-untokened=127.0.0.1:${untokenedPort}`,
    ],
    {
      env: {
        PATH: process.env.PATH,
        ...mock.env,
        SMOKE_CALLBACK_URL: mock.context.callbackUrl,
        DASHBOARD_TOKEN: token,
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
    report.steps.push(
      ...(await exampleSteps({
        origin: `http://127.0.0.1:${examplePort}`,
        untokened: `http://127.0.0.1:${untokenedPort}`,
        token,
        mock: mock.mock,
      })),
    );
    return report;
  } catch (error) {
    throw new Error(`${error.message}\n${stderr.trim().split("\n").slice(-15).join("\n")}`);
  } finally {
    child.kill("SIGTERM");
    await mock.close();
  }
}
