/**
 * @module
 * One client under load, in the runtime that runs this file (Node, Deno or Bun): `concurrency`
 * loops each send a signed `GET /me` and wait for its parsed body, again and again, for
 * `warmupMs` (not measured) then `durationMs`. Nothing but the client differs between kinds:
 * same mock, same keys, same body read and parsed. Or several clients taking turns in one
 * process, in short windows (`runSlices`).
 */

import { sign } from "@asyncovh/core/internal";
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY } from "@asyncovh/mock";
import * as asyncovh from "asyncovh";
import { type LoadSummary, rotated, summarize } from "./stats.ts";

const KEYS = {
  applicationKey: DEMO_APPLICATION_KEY,
  applicationSecret: DEMO_APPLICATION_SECRET,
  consumerKey: DEMO_CONSUMER_KEY,
};

export const KINDS = [
  "asyncovh",
  "asyncovh-fetch",
  "asyncovh-nodefetch",
  "asyncovh-agent",
  "asyncovh-ky",
  "raw-fetch",
  "raw-fetch-guarded",
  "raw-https",
  "raw-undici",
  "node-ovh",
] as const;
export type Kind = (typeof KINDS)[number];

export interface LoadRequest {
  kind: Kind;
  /** `https://127.0.0.1[:port]/1.0` */
  baseUrl: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

/** Clients taking turns in one process: see `runSlices`. */
export interface SlicesRequest {
  kinds: Kind[];
  baseUrl: string;
  concurrency: number;
  /** Each client's warm-up, in turn, before the first slice. */
  warmupMs: number;
  /** How long each client runs in each slice. */
  sliceMs: number;
  slices: number;
}

type Call = () => Promise<unknown>;

/** What each kind sends: the client, or the least a caller could write by hand. */
async function makeCall(kind: Kind, baseUrl: string): Promise<Call> {
  const url = `${baseUrl}/me`;
  const client = (fetch?: asyncovh.FetchLike) =>
    new asyncovh.Client({ endpoint: baseUrl, ...KEYS, ...(fetch ? { fetch } : {}) });
  const nodeFetch = (options?: { httpAgent: unknown; httpsAgent: unknown }) => {
    const create = (asyncovh as { createNodeFetch?: (options?: object) => asyncovh.FetchLike })
      .createNodeFetch;
    if (create === undefined)
      throw new Error(`${kind}: this runtime's asyncovh has no createNodeFetch.`);
    return create(options);
  };
  switch (kind) {
    case "asyncovh": {
      const c = client();
      return () => c.get("/me");
    }
    case "asyncovh-fetch": {
      const c = client(globalThis.fetch.bind(globalThis));
      return () => c.get("/me");
    }
    case "asyncovh-nodefetch": {
      const c = client(nodeFetch());
      return () => c.get("/me");
    }
    case "asyncovh-agent": {
      // createNodeFetch on node:https keep-alive agents: its path when the caller gives agents,
      // and the Node client's default before its HTTP/1.1 sockets.
      const [http, https] = await Promise.all([import("node:http"), import("node:https")]);
      const c = client(
        nodeFetch({
          httpAgent: new http.Agent({ keepAlive: true }),
          httpsAgent: new https.Agent({ keepAlive: true }),
        }),
      );
      return () => c.get("/me");
    }
    case "asyncovh-ky": {
      // ky in front of the default transport, as the client's request path was before.
      const { default: ky } = await import("ky");
      const transport =
        "Deno" in globalThis || processVersions().bun !== undefined
          ? globalThis.fetch.bind(globalThis)
          : nodeFetch();
      const layer = ky.create({
        retry: 0,
        throwHttpErrors: false,
        timeout: false,
        fetch: transport,
      });
      const c = client((input, init) => layer(input, init));
      return () => c.get("/me");
    }
    case "raw-fetch": {
      const delta = await timeDelta(baseUrl);
      return async () => {
        const response = await fetch(url, { headers: signedHeaders(url, delta) });
        if (response.status !== 200) throw new Error(`GET /me answered ${response.status}`);
        return response.json();
      };
    }
    case "raw-fetch-guarded": {
      // What the client's guarantees cost on their own: a deadline signal, no redirect
      // following, and a body read chunk by chunk under a size cap.
      const delta = await timeDelta(baseUrl);
      return async () => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 180_000);
        try {
          const response = await fetch(url, {
            headers: signedHeaders(url, delta),
            signal: controller.signal,
            redirect: "manual",
          });
          if (response.status !== 200) throw new Error(`GET /me answered ${response.status}`);
          const reader = (response.body as ReadableStream<Uint8Array>).getReader();
          const decoder = new TextDecoder();
          let text = "";
          let size = 0;
          for (let read = await reader.read(); !read.done; read = await reader.read()) {
            size += read.value.byteLength;
            if (size > 64 * 1024 * 1024) throw new Error("The body is too large.");
            text += decoder.decode(read.value, { stream: true });
          }
          return JSON.parse(text + decoder.decode());
        } finally {
          clearTimeout(timer);
        }
      };
    }
    case "raw-https": {
      const https = await import("node:https");
      const agent = new https.Agent({ keepAlive: true });
      const delta = await timeDelta(baseUrl);
      return () =>
        new Promise((resolve, reject) => {
          const req = https.request(url, { headers: signedHeaders(url, delta), agent }, (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => {
              text += chunk;
            });
            res.on("end", () =>
              res.statusCode === 200
                ? resolve(JSON.parse(text))
                : reject(new Error(`GET /me answered ${res.statusCode}`)),
            );
            res.on("error", reject);
          });
          req.on("error", reject);
          req.end();
        });
    }
    case "raw-undici": {
      const { Agent, request } = await import("undici");
      const dispatcher = new Agent();
      const delta = await timeDelta(baseUrl);
      return async () => {
        const response = await request(url, { headers: signedHeaders(url, delta), dispatcher });
        if (response.statusCode !== 200) throw new Error(`GET /me answered ${response.statusCode}`);
        return response.body.json();
      };
    }
    case "node-ovh": {
      const { hostname, port, pathname } = new URL(baseUrl);
      if (port !== "") {
        // node-ovh signs https://host/path without the port, so only port 443 verifies.
        throw new Error("node-ovh needs the mock on port 443: it signs URLs without a port.");
      }
      const { default: ovh } = (await import("@ovhcloud/node-ovh")) as unknown as {
        default: (options: Record<string, unknown>) => {
          requestPromised(method: string, path: string): Promise<unknown>;
        };
      };
      const c = ovh({
        appKey: KEYS.applicationKey,
        appSecret: KEYS.applicationSecret,
        consumerKey: KEYS.consumerKey,
        host: hostname,
        port: 443,
        basePath: pathname,
      });
      return () => c.requestPromised("GET", "/me");
    }
  }
}

const processVersions = (): Record<string, string | undefined> =>
  (globalThis as { process?: { versions?: Record<string, string> } }).process?.versions ?? {};

async function timeDelta(baseUrl: string): Promise<number> {
  const serverTime = (await (await fetch(`${baseUrl}/auth/time`)).json()) as number;
  return serverTime - Math.floor(Date.now() / 1000);
}

function signedHeaders(url: string, delta: number): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000) + delta;
  const { applicationKey, applicationSecret, consumerKey } = KEYS;
  return {
    "X-Ovh-Application": applicationKey,
    "X-Ovh-Consumer": consumerKey,
    "X-Ovh-Timestamp": String(timestamp),
    "X-Ovh-Signature": sign({
      applicationSecret,
      consumerKey,
      method: "GET",
      url,
      body: "",
      timestamp,
    }),
  };
}

/** CPU time of this process in µs, where the runtime tells it. */
function cpuMicros(): number | undefined {
  try {
    const usage = (
      globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }
    ).process?.cpuUsage?.();
    return usage ? usage.user + usage.system : undefined;
  } catch {
    return undefined;
  }
}

export function runtimeName(): string {
  const versions = processVersions();
  const deno = (globalThis as { Deno?: { version: { deno: string } } }).Deno;
  if (deno) return `Deno ${deno.version.deno}`;
  if (versions.bun) return `Bun ${versions.bun}`;
  return `Node ${versions.node}`;
}

/** Runs the load and sums it up. */
export async function runLoad(request: LoadRequest) {
  const call = await makeCall(request.kind, request.baseUrl);
  await call(); // the clock sync and the first connection
  const summary = await load(call, request.concurrency, request.warmupMs, request.durationMs);
  return {
    kind: request.kind,
    runtime: runtimeName(),
    concurrency: request.concurrency,
    ...summary,
  };
}

/**
 * The clients of `kinds` in one process, taking turns: each warms up in turn, then each slice
 * runs every client for `sliceMs`, one after the other, each slice starting one client further
 * along. Turns this short put the clients under the same state of the machine, which moves
 * between processes and over seconds on a shared one.
 */
export async function runSlices(request: SlicesRequest) {
  const calls = new Map<Kind, Call>();
  for (const kind of request.kinds) {
    const call = await makeCall(kind, request.baseUrl);
    await call();
    calls.set(kind, call);
  }
  const callOf = (kind: Kind) => calls.get(kind) as Call;
  for (const kind of request.kinds)
    await load(callOf(kind), request.concurrency, 0, request.warmupMs);
  const slices: (LoadSummary & { kind: Kind })[][] = [];
  for (let slice = 0; slice < request.slices; slice++) {
    const turns: (LoadSummary & { kind: Kind })[] = [];
    for (const kind of rotated(request.kinds, slice)) {
      turns.push({ kind, ...(await load(callOf(kind), request.concurrency, 0, request.sliceMs)) });
    }
    slices.push(turns);
  }
  return { runtime: runtimeName(), concurrency: request.concurrency, slices };
}

/** `concurrency` loops of `call`: `warmupMs` not measured, then `durationMs` measured. */
async function load(
  call: Call,
  concurrency: number,
  warmupMs: number,
  durationMs: number,
): Promise<LoadSummary> {
  const latencies: number[] = [];
  let measuring = false;
  let stop = false;
  const loop = async () => {
    while (!stop) {
      const started = performance.now();
      await call();
      if (measuring) latencies.push(performance.now() - started);
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  if (warmupMs > 0) await new Promise((resolve) => setTimeout(resolve, warmupMs));
  const cpuBefore = cpuMicros();
  const started = performance.now();
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  measuring = false;
  const windowMs = performance.now() - started;
  const cpuAfter = cpuMicros();
  stop = true;
  await Promise.all(loops);
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return summarize(latencies, windowMs, cpu);
}
