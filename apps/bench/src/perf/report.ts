/**
 * @module
 * The "Performance" section of BENCHMARKS.md, from the numbers of one run.
 */
import type { BundleSize } from "./bundle.ts";
import { BROWSER_CEILING, BROWSER_TARGET } from "./bundle.ts";
import { IMPORT_TARGET_MS, type ImportTime } from "./cold-start.ts";
import type { Kind } from "./load-client.ts";
import type { Machine } from "./machine.ts";
import type { MemoryResult } from "./memory.ts";
import type { MicroResults } from "./micro.ts";
import { median, percentile } from "./stats.ts";
import {
  type Measurement,
  PLANS,
  type Runtime,
  SLICE_MS,
  SLICES,
  type ThroughputReport,
  type TurnsReport,
} from "./throughput.ts";

export interface PerformanceData {
  date: string;
  command: string;
  machine: Machine;
  /** 1-minute load averages when the run started and ended. */
  loadBefore: number;
  loadAfter: number;
  /** The lowest and highest 1-minute load average seen between measurements. */
  loadRange: [number, number];
  settings: { rounds: number; warmupMs: number; durationMs: number };
  throughput: ThroughputReport;
  micro: MicroResults;
  bundles: { name: string; size: BundleSize }[];
  browser: BundleSize;
  importTime: ImportTime;
  /** The other transport candidate's import time, for the decision. */
  undiciImport?: ImportTime | undefined;
  memory: MemoryResult | undefined;
}

/** The budget of time per call over the runtime's raw fetch, at concurrency 1. */
export const OVERHEAD_BUDGET = 0.15;

const LABELS: Record<Kind, string> = {
  asyncovh: "asyncovh",
  "asyncovh-fetch": "asyncovh on the global fetch",
  "asyncovh-nodefetch": "asyncovh on createNodeFetch (HTTP/1.1 on node:net and node:tls)",
  "asyncovh-agent":
    "asyncovh on createNodeFetch given node:https keep-alive agents (the default before)",
  "asyncovh-ky": "asyncovh with ky in front of its transport (the old request path)",
  "raw-fetch": "raw fetch, signed by hand",
  "raw-fetch-guarded":
    "raw fetch with what asyncovh guarantees: a timeout signal, no redirect, a size-capped body read",
  "raw-https": "raw node:https, signed by hand (keep-alive agent)",
  "raw-undici": "raw undici.request, signed by hand (undici 7 Agent)",
  "node-ovh": "@ovhcloud/node-ovh 3.0.0",
};

const DEFAULT_TRANSPORT: Record<Runtime, string> = {
  node: "its Node default, createNodeFetch: HTTP/1.1 on its own node:tls sockets",
  deno: "Deno's fetch",
  bun: "Bun's fetch",
};

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–");
const pct = (ratio: number) =>
  Number.isFinite(ratio) ? `${ratio >= 0 ? "+" : "−"}${Math.abs(ratio * 100).toFixed(1)}%` : "–";
const share = (fraction: number) => `${Math.round(fraction * 100)}%`;
/** A mock this busy (share of one core) is what limits the throughput. */
const SATURATED = 0.85;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;
const times = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "–");
const verdict = (ok: boolean) => (ok ? "met" : "**not met**");
const title = (runtime: Runtime) => `${runtime[0]?.toUpperCase()}${runtime.slice(1)}`;

function find(results: Measurement[], runtime: Runtime, kind: Kind, concurrency: number) {
  return results.find(
    (r) => r.runtime === runtime && r.kind === kind && r.concurrency === concurrency,
  );
}

/** Time per call over that of `base`, minus one, at concurrency 1 (from the throughputs). */
export function overhead(client: Measurement | undefined, base: Measurement | undefined): number {
  if (!client || !base || client.error || base.error) return Number.NaN;
  return base.rps / client.rps - 1;
}

/** Throughput of `client` over that of `base`. */
export const throughputRatio = (client: Measurement, base: Measurement) => client.rps / base.rps;

/** CPU time per call of `client` over that of `base`, minus one. */
export const cpuOverhead = (client: Measurement, base: Measurement) =>
  (client.cpuUs ?? Number.NaN) / (base.cpuUs ?? Number.NaN) - 1;

/** The median, lowest and highest of one ratio between two clients, each taken within a round. */
export interface Paired {
  median: number;
  min: number;
  max: number;
  /** The lower and upper quartiles (nearest rank): the middle half of the rounds lies between. */
  q1: number;
  q3: number;
  /** How many rounds measured both clients. */
  rounds: number;
}

/**
 * `ratio(client, base)` in each round where both were measured, summed up. The clients of a round
 * run back to back, under the same load, so a ratio taken within a round holds better on a
 * shared machine than one between runs of different rounds.
 */
export function paired(
  rounds: Measurement[][] | undefined,
  runtime: Runtime,
  client: Kind,
  base: Kind,
  concurrency: number,
  ratio: (client: Measurement, base: Measurement) => number,
): Paired | undefined {
  const values = (rounds ?? [])
    .map((round) => {
      const a = find(round, runtime, client, concurrency);
      const b = find(round, runtime, base, concurrency);
      return a && b && !a.error && !b.error ? ratio(a, b) : Number.NaN;
    })
    .filter(Number.isFinite);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: median(values),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    q1: percentile(sorted, 25),
    q3: percentile(sorted, 75),
    rounds: values.length,
  };
}

/** "1.05× (rounds: 0.97× to 1.37×)", or the median alone with fewer than two rounds. */
export function pairedText(p: Paired | undefined, format: (value: number) => string): string {
  if (p === undefined) return format(Number.NaN);
  if (p.rounds < 2) return format(p.median);
  return `${format(p.median)} (rounds: ${format(p.min)} to ${format(p.max)})`;
}

/** "0.95× (middle half of 50 slices: 0.90× to 1.00×)", for ratios over many short turns. */
export function quartilesText(p: Paired | undefined, format: (value: number) => string): string {
  if (p === undefined) return format(Number.NaN);
  if (p.rounds < 4) return pairedText(p, format);
  return `${format(p.median)} (middle half of ${p.rounds} slices: ${format(p.q1)} to ${format(p.q3)})`;
}

/** The lowest and highest share of a core the mock used while these clients ran. */
export function serverLoad(
  rounds: Measurement[][] | undefined,
  runtime: Runtime,
  kinds: readonly Kind[],
  concurrency: number,
): [number, number] | undefined {
  const shares = (rounds ?? [])
    .flat()
    .filter(
      (r) =>
        r.runtime === runtime &&
        kinds.includes(r.kind) &&
        r.concurrency === concurrency &&
        !r.error,
    )
    .map((r) => r.serverCpu)
    .filter((v): v is number => v !== undefined && Number.isFinite(v));
  return shares.length === 0 ? undefined : [Math.min(...shares), Math.max(...shares)];
}

function runtimeTable(results: Measurement[], runtime: Runtime, kinds: Kind[]): string[] {
  const rows = kinds.map((kind) => {
    const cells = [1, 32].flatMap((c) => {
      const r = find(results, runtime, kind, c);
      if (!r) return ["", "", "", ""];
      if (r.error) return [`failed: ${r.error.slice(0, 80)}`, "", "", ""];
      return [int(r.rps), ms(r.p50), ms(r.p99), r.cpuUs === undefined ? "–" : int(r.cpuUs)];
    });
    const label = kind === "asyncovh" ? `asyncovh (${DEFAULT_TRANSPORT[runtime]})` : LABELS[kind];
    return `| ${label} | ${cells.join(" | ")} |`;
  });
  return [
    "| client | c=1 req/s | p50 ms | p99 ms | CPU µs/call | c=32 req/s | p50 ms | p99 ms | CPU µs/call |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
  ];
}

/** asyncovh's time per call over raw fetch at concurrency 1, slice by slice, in `runtime`. */
function overInTurns(turns: TurnsReport | undefined, runtime: Runtime): Paired | undefined {
  return turns && paired(turns.rounds, runtime, "asyncovh", "raw-fetch", 1, overhead);
}

/** asyncovh and raw fetch at concurrency 1 against the mock, in turns, in each runtime. */
export function turnsAtOneSection(
  turns: TurnsReport,
  settings: { rounds: number; warmupMs: number },
): string[] {
  const runtimes = [...new Set(turns.results.map((r) => r.runtime))];
  const cpuOver = (runtime: Runtime) =>
    paired(turns.rounds, runtime, "asyncovh", "raw-fetch", 1, cpuOverhead);
  return [
    "**Concurrency 1, in turns**",
    "",
    `The target at concurrency 1 compares asyncovh with the same runtime's raw fetch. Between rounds of the tables above, the machine's state moves more than the two differ, so each runtime also runs the two in turns in one process per round (${settings.rounds} ${settings.rounds === 1 ? "round" : "rounds"}), against the mock: each warms up for ${settings.warmupMs} ms${longerWarmups(settings.warmupMs)}, then in each of ${SLICES} slices each runs for ${SLICE_MS} ms, every slice and every process starting with the other. The ratios are taken slice by slice: median, and the middle half of the slices in brackets.`,
    "",
    ...runtimes.map(
      (runtime) =>
        `- ${title(runtime)}: time per call over raw fetch ${quartilesText(overInTurns(turns, runtime), pct)}; CPU per call ${quartilesText(cpuOver(runtime), pct)}.`,
    ),
    "",
  ];
}

/** Node at concurrency 32 against the minimal server: the clients' own cost sets the pace. */
export function clientBoundSection(
  bound: TurnsReport,
  settings: { rounds: number; warmupMs: number },
): string[] {
  const { rounds: processes, warmupMs } = settings;
  const kinds = [...new Set(bound.results.map((r) => r.kind))];
  const rows = kinds.map((kind) => {
    const r = find(bound.results, "node", kind, 32);
    if (!r) return `| ${LABELS[kind]} | | | | | |`;
    if (r.error) return `| ${LABELS[kind]} | failed: ${r.error.slice(0, 80)} | | | | |`;
    const load = r.serverCpu === undefined ? "–" : share(r.serverCpu);
    return `| ${LABELS[kind]} | ${int(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.cpuUs === undefined ? "–" : int(r.cpuUs)} | ${load} |`;
  });
  const vs = (
    base: Kind,
    fn: (a: Measurement, b: Measurement) => number,
    format: (n: number) => string,
  ) => quartilesText(paired(bound.rounds, "node", "asyncovh", base, 32, fn), format);
  return [
    "**Node, concurrency 32, against a minimal server**",
    "",
    `The mock spends more CPU per request than the clients do, so against it the mock sets the pace. Here the same clients call a server that costs as little as node:https allows (\`mock-https.js --minimal\`, ${bound.baseUrl}): it answers every call with the mock's own answer to \`GET /me\` (same body, same headers) and checks nothing, so the client's own cost sets its throughput. ` +
      `The clients take turns in one Node process per round (${processes} ${processes === 1 ? "process" : "processes"}): each warms up for ${warmupMs} ms, then in each of ${SLICES} slices each runs for ${SLICE_MS} ms, every slice and every process starting with another client. Turns this short put the clients under the same state of a shared machine, which moves between processes and over seconds. ` +
      "Each row is the client's slice of median throughput; the server's share of a core is over the whole process.",
    "",
    "| client | req/s | p50 ms | p99 ms | CPU µs/call | server's share of a core |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    `asyncovh against node-ovh, slice by slice: throughput ${vs("node-ovh", throughputRatio, times)}; CPU per call ${vs("node-ovh", cpuOverhead, pct)}. Against raw node:https: CPU per call ${vs("raw-https", cpuOverhead, pct)}. Against asyncovh on node:https agents: throughput ${vs("asyncovh-agent", throughputRatio, times)}, CPU per call ${vs("asyncovh-agent", cpuOverhead, pct)}.`,
    "",
  ];
}

/** The runtimes whose clients warm up longer than the run's setting, as a clause. */
function longerWarmups(warmupMs: number): string {
  const longer = PLANS.filter((plan) => (plan.minWarmupMs ?? 0) > warmupMs).map(
    (plan) =>
      `${title(plan.runtime)} clients get ${plan.minWarmupMs} ms of warm-up, as its fetch takes that long to settle`,
  );
  return longer.length === 0 ? "" : ` (${longer.join("; ")})`;
}

export function performanceSection(data: PerformanceData): string {
  const { results, rounds } = data.throughput;
  const get = (runtime: Runtime, kind: Kind, c: number) => find(results, runtime, kind, c);
  const m = data.machine;
  // Every ratio between two clients is taken within each round, then the median is kept (the
  // rows of the tables are each client's run of median throughput). A saved run without its
  // rounds falls back to the rows.
  const ratio = (
    runtime: Runtime,
    kind: Kind,
    base: Kind,
    c: number,
    fn: (client: Measurement, base: Measurement) => number,
  ): Paired | undefined => {
    const within = paired(rounds, runtime, kind, base, c, fn);
    if (within !== undefined) return within;
    const a = get(runtime, kind, c);
    const b = get(runtime, base, c);
    if (!a || !b || a.error || b.error) return undefined;
    const value = fn(a, b);
    return { median: value, min: value, max: value, q1: value, q3: value, rounds: 1 };
  };
  const vsOvh = (c: number) => ratio("node", "asyncovh", "node-ovh", c, throughputRatio);
  const nodeVsOvh32 = vsOvh(32)?.median ?? Number.NaN;
  const nodeVsOvh1 = vsOvh(1)?.median ?? Number.NaN;
  const overPaired = (runtime: Runtime, kind: Kind = "asyncovh", base: Kind = "raw-fetch", c = 1) =>
    ratio(runtime, kind, base, c, overhead);
  const over = (runtime: Runtime, kind: Kind = "asyncovh", base: Kind = "raw-fetch", c = 1) =>
    overPaired(runtime, kind, base, c)?.median ?? Number.NaN;
  const kyCost = (c: number) => over("node", "asyncovh-ky", "asyncovh", c);
  const microKy = data.micro.callWithKyUs / data.micro.callUs - 1;
  const present = (runtime: Runtime) => results.some((r) => r.runtime === runtime && !r.error);
  const cpu = (runtime: Runtime, kind: Kind, c: number) =>
    get(runtime, kind, c)?.cpuUs ?? Number.NaN;
  const cpuOver = (runtime: Runtime, kind: Kind, base: Kind, c: number) =>
    ratio(runtime, kind, base, c, cpuOverhead)?.median ?? Number.NaN;
  const mockLoad = serverLoad(rounds, "node", ["asyncovh", "node-ovh"], 32);
  const bound = data.throughput.clientBound;
  /** asyncovh against `base` in the client-bound turns: median and middle half of the slices. */
  const vsBound = (
    base: Kind,
    fn: (a: Measurement, b: Measurement) => number,
    format: (n: number) => string,
  ) =>
    bound ? quartilesText(paired(bound.rounds, "node", "asyncovh", base, 32, fn), format) : "–";
  const turnsAtOne = data.throughput.turnsAtOne;
  const boundVsOvh =
    bound && paired(bound.rounds, "node", "asyncovh", "node-ovh", 32, throughputRatio);
  const rps = (runtime: Runtime, kind: Kind, c: number) =>
    int(get(runtime, kind, c)?.rps ?? Number.NaN);
  const withKy = data.bundles.find((b) => b.name.includes("plus ky"))?.size.gzip ?? Number.NaN;

  const targets = [
    "| target | measured | |",
    "| --- | --- | --- |",
    `| Node, concurrency 32: asyncovh throughput ≥ node-ovh's | ${pairedText(vsOvh(32), times)} | ${verdict(nodeVsOvh32 >= 1)} |`,
    ...(bound === undefined
      ? []
      : [
          `| the same against a minimal server, where the client sets the pace (below) | ${quartilesText(boundVsOvh, times)} | ${verdict((boundVsOvh?.median ?? Number.NaN) >= 1)} |`,
        ]),
    ...(["node", "deno", "bun"] as Runtime[]).filter(present).flatMap((runtime) => {
      const rows = [
        `| ${title(runtime)}, concurrency 1: time per call over raw fetch ≤ +15% | ${pairedText(overPaired(runtime), pct)} | ${verdict(over(runtime) <= OVERHEAD_BUDGET)} |`,
      ];
      const inTurns = overInTurns(turnsAtOne, runtime);
      if (inTurns !== undefined) {
        rows.push(
          `| the same with the two in turns in one process (below) | ${quartilesText(inTurns, pct)} | ${verdict(inTurns.median <= OVERHEAD_BUDGET)} |`,
        );
      }
      return rows;
    }),
    `| browser bundle of asyncovh, everything included, ≤ 9 KiB min+gzip | ${kib(data.browser.gzip)} | ${verdict(data.browser.gzip <= BROWSER_TARGET)} (CI ceiling ${kib(BROWSER_CEILING)}) |`,
    `| Node: \`import("asyncovh")\` < ${IMPORT_TARGET_MS} ms | ${ms(data.importTime.wallMs)} ms (CPU ${ms(data.importTime.cpuMs)} ms) | ${verdict(data.importTime.wallMs < IMPORT_TARGET_MS)} |`,
  ];

  const lines = [
    "## Performance",
    "",
    `Written by \`${data.command}\` on ${data.date}; every number below comes from that run.`,
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}, Deno ${m.deno ?? "not found"}, Bun ${m.bun ?? "not found"}. ` +
      `Load average (1 min) ${data.loadBefore} when the run started, ${data.loadAfter} when it ended, between ${data.loadRange[0]} and ${data.loadRange[1]} during the throughput runs` +
      (Math.max(data.loadAfter, ...data.loadRange) > m.cores
        ? ": the machine was shared with other work, so absolute numbers are low and noisy; the ratios between clients measured in the same rounds hold better, and CPU time per call best."
        : "."),
    "",
    "### Targets",
    "",
    "The clients of a round run back to back, under the same load: each ratio is taken within each round, and the median of those is given, with the lowest and highest in brackets.",
    "",
    ...targets,
    "",
    ...(mockLoad === undefined
      ? []
      : [
          `The mock's process used ${share(mockLoad[0])} to ${share(mockLoad[1])} of one core while asyncovh and node-ovh ran in Node at concurrency 32 (start-up and warm-up included)` +
            (mockLoad[0] >= SATURATED
              ? ": there the mock, not the client, sets the throughput, and the ratio between the two says more about the machine's moment than about them; their CPU time per call (below) tells them apart better" +
                (bound === undefined
                  ? "."
                  : ", and so does the comparison against a minimal server (below), where the client sets the pace.")
              : "."),
          "",
        ]),
    "### Throughput and latency",
    "",
    `A signed \`GET /me\` against the mock over HTTPS on 127.0.0.1 (${data.throughput.baseUrl}, a throwaway CA made with openssl), with keep-alive; the mock runs in a process of its own, each measurement in a fresh process. ` +
      `Each client runs ${data.settings.warmupMs} ms of warm-up (a long-running service's steady state: with less, the JIT is still compiling a client's code when measuring starts) then ${data.settings.durationMs} ms measured, at concurrency 1 and 32${longerWarmups(data.settings.warmupMs)}; ${data.settings.rounds} rounds go through all clients in turn, each round starting one client further along (so that no client always runs first after a change of runtime or concurrency), and each row is the round of median throughput. ` +
      "Every client reads and parses the JSON body. CPU µs/call is the client process's CPU time divided by its calls: the cost of a client, nearly free of the machine's load." +
      (data.throughput.note ? ` Note: ${data.throughput.note}.` : ""),
    "",
  ];
  for (const runtime of ["node", "deno", "bun"] as Runtime[]) {
    const kinds = [...new Set(results.filter((r) => r.runtime === runtime).map((r) => r.kind))];
    if (kinds.length === 0) continue;
    const name =
      results.find((r) => r.runtime === runtime && r.runtimeName)?.runtimeName ?? runtime;
    lines.push(`**${name}**`, "", ...runtimeTable(results, runtime, kinds), "");
  }
  if (turnsAtOne !== undefined) lines.push(...turnsAtOneSection(turnsAtOne, data.settings));
  if (bound !== undefined) lines.push(...clientBoundSection(bound, data.settings));
  lines.push(
    "Ratios (each the median of the ratios within the rounds):",
    "",
    `- asyncovh / node-ovh throughput: ${times(nodeVsOvh32)} at concurrency 32, ${times(nodeVsOvh1)} at concurrency 1.`,
    `- Time per call of asyncovh over the same runtime's raw fetch, concurrency 1: Node ${pct(over("node"))}, Deno ${pct(over("deno"))}, Bun ${pct(over("bun"))}; at concurrency 32: Node ${pct(over("node", "asyncovh", "raw-fetch", 32))}, Deno ${pct(over("deno", "asyncovh", "raw-fetch", 32))}, Bun ${pct(over("bun", "asyncovh", "raw-fetch", 32))}.`,
    `- Time per call of asyncovh over a raw fetch with the same guarantees (timeout signal, size-capped body read), concurrency 1: Deno ${pct(over("deno", "asyncovh", "raw-fetch-guarded"))}, Bun ${pct(over("bun", "asyncovh", "raw-fetch-guarded"))}; the rest of the gap to raw fetch is the price of those guarantees in that runtime.`,
    `- Node, asyncovh over raw node:https: ${pct(over("node", "asyncovh", "raw-https"))} at concurrency 1, ${pct(over("node", "asyncovh", "raw-https", 32))} at 32.`,
    `- Node, its HTTP/1.1 sockets against node:https agents under asyncovh: ${pct(over("node", "asyncovh", "asyncovh-agent"))} per call at concurrency 1, ${pct(over("node", "asyncovh", "asyncovh-agent", 32))} at 32.`,
    `- Node, the transport: asyncovh on the global fetch takes ${pct(over("node", "asyncovh-fetch", "asyncovh"))} per call over asyncovh on createNodeFetch at concurrency 1, ${pct(over("node", "asyncovh-fetch", "asyncovh", 32))} at 32.`,
    `- Bun, createNodeFetch against Bun's fetch under asyncovh: ${pct(over("bun", "asyncovh-nodefetch", "asyncovh"))} per call at concurrency 1, ${pct(over("bun", "asyncovh-nodefetch", "asyncovh", 32))} at 32.`,
    `- ky in the request path: ${pct(kyCost(1))} per call at concurrency 1, ${pct(kyCost(32))} at 32 over the network; ${pct(microKy)} on a call answered from memory (below).`,
    "",
    "### Decisions",
    "",
    `- **The Node transport.** \`createNodeFetch()\` is the Node client's default, behind the fetch contract. Given no agent, it speaks HTTP/1.1 on its own pool of node:tls and node:net sockets: the request written in one piece, the answer parsed straight off the socket. ` +
      `asyncovh's CPU per call on it is ${pct(cpuOver("node", "asyncovh", "asyncovh-agent", 1))} against the same transport on node:https keep-alive agents (its path when agents are given, and the default before) at concurrency 1, ${pct(cpuOver("node", "asyncovh", "asyncovh-agent", 32))} at 32` +
      (bound
        ? `, and ${vsBound("asyncovh-agent", cpuOverhead, pct)} against the minimal server in turns`
        : "") +
      `; against the global fetch, ${pct(cpuOver("node", "asyncovh", "asyncovh-fetch", 1))} and ${pct(cpuOver("node", "asyncovh", "asyncovh-fetch", 32))}. ` +
      `undici's dispatcher API does no better than raw node:https here (${rps("node", "raw-undici", 32)} against ${rps("node", "raw-https", 32)} req/s at concurrency 32), and ${data.undiciImport ? `importing undici 7 takes ${ms(data.undiciImport.wallMs)} ms, against ${ms(data.importTime.wallMs)} ms for the whole of asyncovh` : "it is a large dependency to load"}. ` +
      `Bun keeps its own fetch: createNodeFetch costs ${pct(cpuOver("bun", "asyncovh-nodefetch", "asyncovh", 1))} CPU per call there.`,
    `- **ky.** ky is out of the request path: in front of the same transport it costs ${pct(cpuOver("node", "asyncovh-ky", "asyncovh", 1))} CPU per call at concurrency 1, ${pct(cpuOver("node", "asyncovh-ky", "asyncovh", 32))} at 32, ${pct(microKy)} on a call answered from memory, and ${kib(withKy - data.browser.gzip)} of the browser bundle, for nothing the client's own loop (retries, deadlines, limiter) needs. An application that wants ky's hooks hands a ky instance over as the transport (\`fetch: ky.create({ retry: 0, timeout: false, throwHttpErrors: false, hooks })\`).`,
    `- **Where the CPU goes** (Node, CPU µs per call at concurrency 32): raw node:https ${int(cpu("node", "raw-https", 32))}, node-ovh ${int(cpu("node", "node-ovh", 32))} (a thin callback layer over node:https), raw fetch ${int(cpu("node", "raw-fetch", 32))}, asyncovh on node:https agents ${int(cpu("node", "asyncovh-agent", 32))}, asyncovh ${int(cpu("node", "asyncovh", 32))}. ` +
      "node:https spends most of a small call in its JavaScript layers (the agent's bookkeeping, `ClientRequest`, `OutgoingMessage`, `IncomingMessage` and their events), which asyncovh's own HTTP/1.1 code does without; it then reads the answer without a web `Response` or its stream (one is built only for `rawCall` and for errors). Its own work per call (checks, URL, signature, a deadline, a limiter slot, the retry decision and the parse)" +
      (data.micro.callLightUs === undefined
        ? " is part of what it spends."
        : ` costs ${data.micro.callLightUs.toFixed(0)} µs on a transport answering from memory (below).`),
    "",
    "### The client without a network",
    "",
    "| measure | µs |",
    "| --- | ---: |",
    `| one signature (\`sign()\`, SHA-1 of @noble/hashes) | ${data.micro.signUs.toFixed(2)} |`,
    ...(data.micro.signNativeUs === undefined
      ? []
      : [
          `| one signature with \`node:crypto\`'s SHA-1 (how the Node client signs) | ${data.micro.signNativeUs.toFixed(2)} |`,
        ]),
    `| building one request (\`client.get()\` until the transport is called: checks, URL, headers, limiter slot, deadline, signature) | ${data.micro.buildUs.toFixed(1)} |`,
    `| the in-memory answer alone (a \`Response\` built and its JSON read) | ${data.micro.answerUs.toFixed(1)} |`,
    `| a whole \`client.get("/me")\` on a transport answering from memory | ${data.micro.callUs.toFixed(1)} |`,
    `| the same with a ky instance in front of the transport | ${data.micro.callWithKyUs.toFixed(1)} |`,
    ...(data.micro.callLightUs === undefined
      ? []
      : [
          `| a whole call on a transport answering from memory without a \`Response\` (\`TRANSPORT\`): what the client itself costs | ${data.micro.callLightUs.toFixed(1)} |`,
        ]),
    "",
    "### Bundle size",
    "",
    "esbuild, minified, ES module, every dependency included (@noble/hashes); gzip at zlib's default level.",
    "",
    "| bundle | minified | min+gzip |",
    "| --- | ---: | ---: |",
    ...data.bundles.map((b) => `| ${b.name} | ${kib(b.size.minified)} | ${kib(b.size.gzip)} |`),
    "",
    "### Cold start",
    "",
    `\`await import("asyncovh")\` in a fresh Node ${m.node} process (its Node entry, from the packages' builds), process start-up and the ES module loader's own start (${ms(data.importTime.loaderMs)} ms) excluded: median of ${data.importTime.samples} processes, ${ms(data.importTime.wallMs)} ms wall, ${ms(data.importTime.cpuMs)} ms CPU.` +
      (data.undiciImport
        ? ` For comparison, \`import("undici")\` (undici 7) takes ${ms(data.undiciImport.wallMs)} ms.`
        : ""),
    "",
    "### Memory",
    "",
  );
  if (data.memory) {
    lines.push(
      `10 000 calls fired at once through the default concurrency cap (64), measured by the load test: \`${data.memory.command}\` (plain HTTP, the core client on the global fetch, no latency, no faults).`,
      "",
      "| measure | value |",
      "| --- | --- |",
      ...Object.entries(data.memory.rows)
        .filter(([name]) => /RSS|heap|wall time|completed|in flight/.test(name))
        .map(([name, value]) => `| ${name} | ${value} |`),
    );
  } else {
    lines.push("Not measured: the load test (bench/load.ts) is not in this checkout.");
  }
  return lines.join("\n");
}
