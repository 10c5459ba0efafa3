/**
 * @module
 * The "Performance" section of BENCHMARKS.md, from the runs of one bench: pure, so tested.
 */
import { BUNDLE_CEILING, BUNDLE_TARGET, IMPORT_TARGET_MS } from "./footprint.ts";
import type { Kind, LoadResult } from "./load.ts";
import { median, type Spread, spread } from "./stats.ts";

export interface Run extends LoadResult {
  /** The server's CPU time over the clients' process's lifetime, as a share of one core. */
  serverShare: number;
}

export interface BenchData {
  date: string;
  machine: string;
  settings: Record<"rounds" | "warmupMs" | "slices" | "sliceMs" | "importSamples", number>;
  /** 1-minute load averages: at the start, after each run, at the end. */
  loads: number[];
  /** Each client's runs, one a round, under `key(runtime, concurrency, kind)`. */
  runs: Record<string, Run[]>;
  bundle: { minified: number; gzip: number };
  importMs: number;
}

export const key = (runtime: string, concurrency: number, kind: Kind) =>
  `${runtime} c=${concurrency} ${kind}`;

/** asyncovh's throughput over node-ovh's, in Node at concurrency 32. */
export const RATIO_TARGET = 0.95;

const LABELS: Record<Kind, string> = {
  asyncovh: "asyncovh (its default client)",
  "node-ovh": "@ovhcloud/node-ovh 3.0.0",
  "raw-fetch": "raw fetch, signed by hand",
  "asyncovh-fetch": "asyncovh, `fetch: globalThis.fetch`",
  "asyncovh-ky": "asyncovh, `fetch:` a ky instance",
};

const num =
  (digits: number, unit = "", sign = false) =>
  (n: number) =>
    Number.isFinite(n)
      ? `${sign ? (n < 0 ? "−" : "+") : ""}${(sign ? Math.abs(n) : n).toFixed(digits)}${unit}`
      : "–";
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;
const verdict = (ok: boolean) => (ok ? "met" : "**not met**");
const mid = (runs: Run[], pick: (run: Run) => number) => median(runs.map(pick));

/** "1.02× (rounds: 0.97× to 1.08×)", or the median alone from a single round. */
const spreadText = (s: Spread, format: (n: number) => string) =>
  `${format(s.median)}${s.count > 1 ? ` (rounds: ${format(s.min)} to ${format(s.max)})` : ""}`;

/** `compare(a, b)` round by round. */
export const paired = (a: Run[], b: Run[], compare: (a: Run, b: Run) => number): Spread =>
  spread(a.map((run, round) => (b[round] ? compare(run, b[round]) : Number.NaN)));

export function render({ date, machine, settings, loads, runs, bundle, importMs }: BenchData) {
  const at = (runtime: string, concurrency: number, kind: Kind) =>
    runs[key(runtime, concurrency, kind)] ?? [];
  const c32 = at("node", 32, "asyncovh");
  const ratio = paired(c32, at("node", 32, "node-ovh"), (a, b) => a.perSecond / b.perSecond);
  const cpuRatio = paired(c32, at("node", 32, "node-ovh"), (a, b) => a.cpuUs / b.cpuUs);
  const node = c32[0]?.version ?? "Node";
  const share = spread(c32.map((run) => run.serverShare * 100));
  const clients = (
    ["asyncovh", "node-ovh", "raw-fetch", "asyncovh-fetch", "asyncovh-ky"] as const
  ).flatMap((kind) => {
    if (at("node", 32, kind).length === 0) return [];
    const pick = (field: "perSecond" | "cpuUs" | "p50Ms") =>
      mid(at("node", 32, kind), (x) => x[field]);
    return [
      `| ${LABELS[kind]} | ${int(pick("perSecond"))} | ${int(pick("cpuUs"))} | ${num(2)(pick("p50Ms"))} |`,
    ];
  });
  const kyCost = paired(
    at("node", 32, "asyncovh-ky"),
    at("node", 32, "asyncovh-fetch"),
    (a, b) => a.cpuUs / b.cpuUs,
  );
  const overheads = ["node", "deno", "bun"].flatMap((runtime) => {
    const [a, b] = [at(runtime, 1, "asyncovh"), at(runtime, 1, "raw-fetch")];
    const us = paired(a, b, (x, y) => (x.p50Ms - y.p50Ms) * 1000);
    const pct = paired(a, b, (x, y) => (x.p50Ms / y.p50Ms - 1) * 100);
    const p50 = (r: Run[]) => int(mid(r, (x) => x.p50Ms * 1000));
    const row = `| ${a[0]?.version} | ${p50(a)} | ${p50(b)} | ${spreadText(us, num(0, " µs", true))} | ${spreadText(pct, num(1, "%", true))} |`;
    return a.length ? [row] : [];
  });
  const rounds = `${settings.rounds} round${settings.rounds === 1 ? "" : "s"}`;
  return `## Performance

Written by \`npx --yes pnpm@10.34.8 bench\` on ${date}; every number below comes from that run.
Machine: ${machine}. Load average (1 min): ${loads[0]} at the start, ${loads.at(-1)} at the end, at most ${Math.max(...loads)} in between. In each of ${rounds}, the clients compared ran in one fresh process: each warmed up for ${settings.warmupMs} ms, then they took turns, ${settings.slices} windows of ${settings.sliceMs} ms each, each round starting with another client. A comparison is taken within each round: median, with the lowest and highest round in brackets.

| target | measured | |
| --- | --- | --- |
| ${node}, concurrency 32: asyncovh's throughput ≥ ${RATIO_TARGET}× node-ovh's | ${spreadText(ratio, num(2, "×"))} | ${verdict(ratio.median >= RATIO_TARGET)} |
| browser bundle of \`asyncovh\`, everything exported, min+gzip ≤ ${kib(BUNDLE_TARGET)} | ${kib(bundle.gzip)} (${int(bundle.gzip)} bytes; ${kib(bundle.minified)} minified) | ${verdict(bundle.gzip <= BUNDLE_TARGET)} (CI ceiling ${kib(BUNDLE_CEILING)}) |
| ${node}: \`import("asyncovh")\` < ${IMPORT_TARGET_MS} ms | ${num(1, " ms")(importMs)} (median of ${settings.importSamples} processes) | ${verdict(importMs < IMPORT_TARGET_MS)} |

### ${node}, concurrency 32

32 loops, each sending a signed \`GET /me\` over loopback TLS (keep-alive) and parsing its JSON body, against a minimal node:https server in the bench's process, which used ${spreadText(share, num(0, "%"))} of a core over each round's process. Medians over the rounds.

| client | calls/s | CPU µs/call | p50 ms |
| --- | ---: | ---: | ---: |
${clients.join("\n")}

asyncovh's CPU per call over node-ovh's, round by round: ${spreadText(cpuRatio, num(2, "×"))}. ${kyCost.count > 0 ? `The last two rows send through Node's global fetch (undici) instead of the default client's node:https agents, bare and wrapped in ky 1 (\`retry: 0\`, \`timeout: false\`, \`throwHttpErrors: false\`): ky as the transport costs ${spreadText(kyCost, num(2, "×"))} the CPU per call of the bare fetch it wraps, which is why it stays out of the request path and is offered as a transport.` : ""}

### Concurrency 1: time per call over raw fetch

The same call, one at a time: the median time per call of asyncovh and of the same runtime's fetch signed by hand, and the difference, round by round.

| runtime | asyncovh µs | raw fetch µs | asyncovh over raw fetch | in % |
| --- | ---: | ---: | ---: | ---: |
${overheads.join("\n")}`;
}

/**
 * `document` with the text between the markers of section `name` (`<!-- performance:start -->`
 * and `<!-- performance:end -->` by default) replaced, or appended if they are missing.
 */
export function replaceSection(document: string, section: string, name = "performance"): string {
  const [START, END] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  const block = `${START}\n${section.trim()}\n${END}`;
  const [from, to] = [document.indexOf(START), document.indexOf(END)];
  if (from === -1 && to === -1) return `${document.trimEnd()}\n\n${block}\n`;
  if (from === -1 || to < from) throw new Error(`BENCHMARKS.md: put back ${START} then ${END}.`);
  return document.slice(0, from) + block + document.slice(to + END.length);
}
