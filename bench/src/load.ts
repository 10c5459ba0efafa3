/**
 * @module
 * Clients under load, in a fresh process of the runtime that runs this file (Node, Deno or Bun,
 * all of which have `process`): `concurrency` loops each send a signed `GET /me` and parse its
 * JSON body, again and again. Each client warms up for `warmupMs`, then the clients take turns,
 * `slices` times `sliceMs` each. Prints a `LoadResult` per client, as JSON, in their order.
 * `node dist/load.js '{"kinds":["asyncovh","node-ovh"],"baseUrl":"https://127.0.0.1:1234/1.0",…}'`
 */
import { createHash } from "node:crypto";
import { Client } from "asyncovh";
import { median, rotated } from "./stats.ts";

export type Kind = "asyncovh" | "asyncovh-fetch" | "asyncovh-ky" | "node-ovh" | "raw-fetch";

export interface LoadResult {
  /** The runtime and its version, e.g. "Node 20.20.2". */
  version: string;
  perSecond: number;
  /** Median time per call, in ms. */
  p50Ms: number;
  /** CPU time of this process per call, in µs. */
  cpuUs: number;
}

// Any keys do: the bench's server checks that a call is signed, not the signature.
const KEYS = { applicationKey: "benchAK", applicationSecret: "benchAS", consumerKey: "benchCK" };
const { applicationKey: AK, applicationSecret: AS, consumerKey: CK } = KEYS;

async function makeCall(kind: Kind, baseUrl: string): Promise<() => Promise<unknown>> {
  if (kind === "asyncovh") {
    const client = new Client({ endpoint: baseUrl, ...KEYS });
    return () => client.get("/me");
  }
  // The runtime's own fetch as the transport, bare or wrapped in ky (retries, deadlines and
  // statuses left to the client).
  if (kind === "asyncovh-fetch" || kind === "asyncovh-ky") {
    const { default: ky } = await import("ky");
    const fetch =
      kind === "asyncovh-ky"
        ? ky.create({ retry: 0, timeout: false, throwHttpErrors: false })
        : globalThis.fetch;
    const client = new Client({ endpoint: baseUrl, ...KEYS, fetch });
    return () => client.get("/me");
  }
  if (kind === "node-ovh") {
    const { hostname: host, port, pathname: basePath } = new URL(baseUrl);
    const { default: ovh } = await import("@ovhcloud/node-ovh");
    const client = ovh({ appKey: AK, appSecret: AS, consumerKey: CK, host, port, basePath });
    return () => client.requestPromised("GET", "/me");
  }
  // The runtime's fetch, signed by hand as OVH asks.
  const url = `${baseUrl}/me`;
  const now = () => Math.floor(Date.now() / 1000);
  const delta = ((await (await fetch(`${baseUrl}/auth/time`)).json()) as number) - now();
  return async () => {
    const time = String(now() + delta);
    const signature = createHash("sha1").update(`${AS}+${CK}+GET+${url}++${time}`).digest("hex");
    const headers = {
      "X-Ovh-Application": AK,
      "X-Ovh-Consumer": CK,
      "X-Ovh-Timestamp": time,
      "X-Ovh-Signature": `$1$${signature}`,
    };
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`GET /me answered ${response.status}`);
    return response.json();
  };
}

const { kinds, baseUrl, concurrency, warmupMs, sliceMs, slices } = JSON.parse(
  process.argv[2] ?? "",
);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cpuMicros = ({ user, system } = process.cpuUsage()) => user + system;

/** `concurrency` loops of `call` for `ms`, then until the calls in flight end: all measured. */
async function window(call: () => Promise<unknown>, ms: number) {
  const latencies: number[] = [];
  let stop = false;
  const [cpu, started] = [cpuMicros(), performance.now()];
  const loop = async () => {
    for (let sent = performance.now(); !stop; sent = performance.now()) {
      await call();
      latencies.push(performance.now() - sent);
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  await sleep(ms);
  stop = true;
  await Promise.all(loops);
  return { latencies, cpuUs: cpuMicros() - cpu, ms: performance.now() - started };
}

// Each client warms up in turn, then they take turns in short windows: a busy moment of the
// machine falls on all of them alike.
const clients = [];
for (const kind of kinds as Kind[]) {
  const call = await makeCall(kind, baseUrl);
  await call(); // the clock sync and the first connection
  await window(call, warmupMs);
  clients.push({ call, latencies: [] as number[], cpuUs: 0, ms: 0 });
}
for (let slice = 0; slice < slices; slice++) {
  for (const client of rotated(clients, slice)) {
    const turn = await window(client.call, sliceMs);
    client.latencies.push(...turn.latencies);
    client.cpuUs += turn.cpuUs;
    client.ms += turn.ms;
  }
}
const { node, bun, deno } = process.versions;
const version = deno ? `Deno ${deno}` : bun ? `Bun ${bun}` : `Node ${node}`;
const results: LoadResult[] = clients.map(({ latencies, cpuUs, ms }) => ({
  version,
  perSecond: (latencies.length / ms) * 1000,
  p50Ms: median(latencies),
  cpuUs: cpuUs / latencies.length,
}));
console.log(JSON.stringify(results));
process.exit(0); // keep-alive sockets would hold the process open
