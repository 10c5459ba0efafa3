/**
 * Load test of the client's limiter: `--calls` signed `GET /me` fired at once with
 * `Promise.allSettled`, through one client, against the mock OVH API served over HTTP on
 * 127.0.0.1 by a child process that injects the mock's faults (503, dropped connections, 429 +
 * Retry-After) every `--fault-every` requests. Reports completed, failed and retried calls, peak
 * concurrency at the server and peak memory of the client process.
 *
 *   npx pnpm@10.34.8 bench:load
 *   npx pnpm@10.34.8 bench:load --calls=10000 --concurrency=64 --rate=0 --latency=5 --fault-every=50
 *
 * `--rate=N` adds `rateLimit: { requests: N, interval: 1000 }`. This is a measurement, not a
 * test: it prints numbers. A call can fail for good when the same call draws a fault on each of
 * its three attempts (about one in 2 500 faulted calls); failures are counted, not hidden.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type APIError, Client, type ClientEvent } from "@asyncovh/core";
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY } from "@asyncovh/mock";

const option = (name: string, fallback: number): number => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg === undefined ? fallback : Number(arg.slice(name.length + 3));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number >= 0`);
  return value;
};
const calls = option("calls", 10_000);
const concurrency = option("concurrency", 64);
const rate = option("rate", 0);
const latency = option("latency", 5);
const faultEvery = option("fault-every", 50);

const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const gc = (globalThis as { gc?: () => void }).gc;

/** Starts the mock in its own process; resolves with its URLs once it listens. */
async function startMock() {
  const script = fileURLToPath(new URL("./mock-server.js", import.meta.url));
  const child = spawn(
    process.execPath,
    [script, `--latency=${latency}`, `--fault-every=${faultEvery}`],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`The mock exited (${code}) before listening.`)));
  });
  const { origin, baseUrl } = JSON.parse(first) as { origin: string; baseUrl: string };
  return { origin, baseUrl, stop: () => child.kill("SIGTERM") };
}

const server = await startMock();
const counts = {
  attempts: 0,
  retries: { status: 0, network: 0, clock: 0 },
  inFlight: 0,
  peakInFlight: 0,
};
/** When each attempt was sent (ms), to find the busiest second. */
const starts: number[] = [];
const onEvent = (event: ClientEvent) => {
  if (event.type === "request") {
    starts.push(performance.now());
    counts.attempts++;
    counts.inFlight++;
    counts.peakInFlight = Math.max(counts.peakInFlight, counts.inFlight);
  } else if (event.type === "response") {
    counts.inFlight--;
  } else if (event.type === "retry") {
    counts.retries[event.reason]++;
    if (event.reason === "network" && event.status === undefined) counts.inFlight--;
  } else if (event.error.status === undefined && event.error.name === "NetworkError") {
    counts.inFlight--;
  }
};

const client = new Client({
  endpoint: server.baseUrl,
  applicationKey: DEMO_APPLICATION_KEY,
  applicationSecret: DEMO_APPLICATION_SECRET,
  consumerKey: DEMO_CONSUMER_KEY,
  maxConcurrency: concurrency === 0 ? Number.POSITIVE_INFINITY : concurrency,
  rateLimit: rate > 0 ? { requests: rate, interval: 1000 } : undefined,
  retry: { delay: 50 },
  onEvent,
});
// The clock sync and the first connection, out of the measurement.
await client.get("/me", undefined, { retry: 5 });
counts.attempts = 0;
counts.retries = { status: 0, network: 0, clock: 0 };
counts.peakInFlight = 0;
starts.length = 0;

gc?.();
const baseline = process.memoryUsage();
let peakHeap = baseline.heapUsed;
let peakRss = baseline.rss;
// With --expose-gc, collect before each sample: the peak is then live memory, not garbage.
const sampler = setInterval(
  () => {
    gc?.();
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed);
    peakRss = Math.max(peakRss, now.rss);
  },
  gc ? 250 : 10,
);

const started = performance.now();
// The answers are dropped as they come: what stays in memory is the client's, not the data.
const settled = Promise.allSettled(
  Array.from({ length: calls }, () => client.get("/me").then(() => undefined)),
);
// What a queued call holds: once every call has reached the limiter, collect and measure.
let queuedHeap: number | undefined;
if (gc) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  queuedHeap = process.memoryUsage().heapUsed;
}
const results = await settled;
const elapsed = performance.now() - started;
clearInterval(sampler);
gc?.();
const after = process.memoryUsage().heapUsed;

const failures = new Map<string, number>();
for (const result of results) {
  if (result.status === "rejected") {
    const error = result.reason as APIError;
    const key = `${error.name}${error.status === undefined ? "" : ` ${error.status}`}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
  }
}
const failed = [...failures.values()].reduce((a, b) => a + b, 0);
const stats = (await (await fetch(`${server.origin}/__stats`)).json()) as {
  requests: number;
  peakInFlight: number;
  injected: Record<string, number>;
};
server.stop();

/** The most attempts sent within any 1000 ms. */
let busiestSecond = 0;
for (let first = 0, last = 0; last < starts.length; last++) {
  while ((starts[last] as number) - (starts[first] as number) >= 1000) first++;
  busiestSecond = Math.max(busiestSecond, last - first + 1);
}

const retried = counts.retries.status + counts.retries.network + counts.retries.clock;
const rows: [string, string][] = [
  ["calls", String(calls)],
  ["completed", String(calls - failed)],
  [
    "failed",
    failed === 0 ? "0" : `${failed} (${[...failures].map(([k, n]) => `${k}: ${n}`).join(", ")})`,
  ],
  [
    "retried",
    `${retried} (status ${counts.retries.status}, network ${counts.retries.network}, clock ${counts.retries.clock})`,
  ],
  ["attempts sent", String(counts.attempts)],
  [
    "faults injected",
    Object.entries(stats.injected)
      .map(([k, n]) => `${k}: ${n}`)
      .join(", "),
  ],
  ["peak concurrency at the server", String(stats.peakInFlight)],
  ["peak attempts in flight (client)", String(counts.peakInFlight)],
  ["most attempts sent within 1 s", String(busiestSecond)],
  [
    "wall time",
    `${(elapsed / 1000).toFixed(1)} s (${Math.round((calls / elapsed) * 1000)} calls/s)`,
  ],
  [
    `heap: before, peak${gc ? " (live, sampled after GC every 250 ms)" : ""}`,
    `${MiB(baseline.heapUsed)}, ${MiB(peakHeap)} (+${Math.round((peakHeap - baseline.heapUsed) / calls)} bytes a call)`,
  ],
  ["RSS: before, peak", `${MiB(baseline.rss)}, ${MiB(peakRss)}`],
];
if (queuedHeap !== undefined) {
  rows.push(
    [
      "heap with every call queued (after GC)",
      `+${MiB(queuedHeap - baseline.heapUsed)} (${Math.round((queuedHeap - baseline.heapUsed) / calls)} bytes a queued call)`,
    ],
    ["heap after the run (after GC)", `+${MiB(after - baseline.heapUsed)}`],
  );
}
console.log(
  `Load: ${calls} x GET /me, maxConcurrency ${concurrency || "Infinity"}, rateLimit ${rate ? `${rate}/s` : "off"}, mock latency ${latency} ms, a fault every ${faultEvery} requests (Node ${process.version}${gc ? ", --expose-gc" : ""})\n`,
);
console.log("| measure | value |\n| --- | --- |");
for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
