/**
 * @module
 * One client under load, in a fresh process of the runtime that runs this file (Node, Deno or
 * Bun, all of which have `process`): `concurrency` loops each send a signed `GET /me` and parse
 * its JSON body, again and again, for `warmupMs` (not measured) then `durationMs`. Prints its
 * `LoadResult` as JSON.
 * `node dist/load.js '{"kind":"asyncovh","baseUrl":"https://127.0.0.1:1234/1.0",…}'`
 */
import { createHash } from "node:crypto";
import { Client } from "asyncovh";
import { median } from "./stats.ts";

export type Kind = "asyncovh" | "node-ovh" | "raw-fetch";

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
const [AK, AS, CK] = ["benchAK", "benchAS", "benchCK"];

async function makeCall(kind: Kind, baseUrl: string): Promise<() => Promise<unknown>> {
  if (kind === "asyncovh") {
    const client = new Client({
      endpoint: baseUrl,
      applicationKey: AK,
      applicationSecret: AS,
      consumerKey: CK,
    });
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

const { kind, baseUrl, concurrency, warmupMs, durationMs } = JSON.parse(process.argv[2] ?? "");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cpuMicros = ({ user, system } = process.cpuUsage()) => user + system;
const call = await makeCall(kind, baseUrl);
await call(); // the clock sync and the first connection
const latencies: number[] = [];
let [measuring, stop] = [false, false];
const loop = async () => {
  while (!stop) {
    const started = performance.now();
    await call();
    if (measuring) latencies.push(performance.now() - started);
  }
};
const loops = Array.from({ length: concurrency }, loop);
await sleep(warmupMs);
const [cpu, started] = [cpuMicros(), performance.now()];
measuring = true;
await sleep(durationMs);
measuring = false;
const [cpuUs, elapsed] = [cpuMicros() - cpu, performance.now() - started];
stop = true;
await Promise.all(loops);
const { node, bun, deno } = process.versions;
const result: LoadResult = {
  version: deno ? `Deno ${deno}` : bun ? `Bun ${bun}` : `Node ${node}`,
  perSecond: (latencies.length / elapsed) * 1000,
  p50Ms: median(latencies),
  cpuUs: cpuUs / latencies.length,
};
console.log(JSON.stringify(result));
process.exit(0); // keep-alive sockets would hold the process open
