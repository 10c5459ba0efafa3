/**
 * @module
 * The "Typed routes" section of BENCHMARKS.md: what @asyncovh/api's bench measured (its
 * `packages/api/bench/types.ts`, run in its own process, prints this data with `--json`),
 * judged against issue 18's targets. Pure, so tested.
 */
import { median, type Spread, spread } from "./stats.ts";

/** The data the api bench prints (`TypedRoutesData` there): read from JSON. */
export interface TypedRoutesData {
  node: string;
  typescript: string;
  runs: number;
  loads: [number, number];
  generation: { apis: number; files: number; bytes: number; seconds: number };
  /** `tsc --noEmit` CPU ms of each program, one per run, the runs interleaved. */
  tsc: Record<string, number[]>;
  completions: Record<
    string,
    { entries: number; hasBillRoute: boolean; coldMs: number[]; warmMs: number[] }
  >;
  bundle: { minified: number; sameWithoutTypes: boolean };
  filling: { min: number; gzip: number };
}

/** Issue 18's targets: seconds, and bytes of min+gzip. */
export const TYPED_TARGETS = {
  generationS: 30,
  typedS: 1.5,
  everyApiS: 4,
  fillingBytes: 300,
} as const;

const [TYPED, EVERY_API] = ["typed", "typed, every API"];

const seconds = (ms: number, sign = false) =>
  Number.isFinite(ms) ? `${sign && ms >= 0 ? "+" : ""}${(ms / 1000).toFixed(2)} s` : "–";
const verdict = (ok: boolean | undefined) =>
  ok === undefined ? "not measured" : ok ? "met" : "**not met**";
const spreadText = (s: Spread) =>
  `${seconds(s.median, true)}${s.count > 1 ? ` (runs: ${seconds(s.min, true)} to ${seconds(s.max, true)})` : ""}`;

/** Program `name`'s CPU time over the untyped one's, run by run. */
const overUntyped = (tsc: TypedRoutesData["tsc"], name: string): Spread =>
  spread((tsc[name] ?? []).map((ms, run) => ms - (tsc.untyped?.[run] ?? Number.NaN)));

export function renderTypedRoutes(date: string, machine: string, data: TypedRoutesData) {
  const { generation, tsc, completions, bundle, filling } = data;
  const typed = overUntyped(tsc, TYPED);
  const every = overUntyped(tsc, EVERY_API);
  const judge = (s: Spread, target: number) =>
    verdict(s.count ? s.median <= target * 1000 : undefined);
  const editor = completions[TYPED];
  const editorText = editor
    ? `${editor.entries} entries, \`/me/bill/{billId}\` ${editor.hasBillRoute ? "among them" : "**missing**"}; the first list after ${seconds(median(editor.coldMs))} in a fresh session (loading the program included), the next after a keystroke ${Math.round(median(editor.warmMs))} ms`
    : "–";
  const everyEditor = completions[EVERY_API];
  const times = Object.entries(tsc).map(([name, runs]) => `${name} ${seconds(median(runs))}`);
  return `## Typed routes

Written by \`npx --yes pnpm@10.34.8 bench\` on ${date}; every number below comes from that run (\`packages/api/bench/types.ts\`).
Machine: ${machine}; Node ${data.node.replace(/^v/, "")}, TypeScript ${data.typescript}. Load average (1 min): ${data.loads[0]} at the start, ${data.loads[1]} at the end. ${data.runs} run${data.runs === 1 ? "" : "s"} of each measure.

| target | measured | |
| --- | --- | --- |
| declarations of all ${generation.apis} vendored APIs generated in under ${TYPED_TARGETS.generationS} s | ${generation.seconds.toFixed(1)} s (${generation.files} files, ${(generation.bytes / 1e6).toFixed(1)} MB) | ${verdict(generation.seconds < TYPED_TARGETS.generationS)} |
| \`tsc --noEmit\`, 12 typed calls to \`me\`, \`cloud\` and \`dedicated-server\`: at most ${TYPED_TARGETS.typedS} s more than the same program untyped | ${spreadText(typed)} | ${judge(typed, TYPED_TARGETS.typedS)} |
| the same with every API loaded: at most ${TYPED_TARGETS.everyApiS} s more | ${spreadText(every)} | ${judge(every, TYPED_TARGETS.everyApiS)} |
| completions after \`client.get("\` in an editor session (the language service) | ${editorText} | ${verdict(editor ? editor.hasBillRoute && editor.entries > 0 : undefined)} |
| bytes of types in a runtime bundle: none | ${bundle.sameWithoutTypes ? "0 B" : "**some**"}: the typed program (${bundle.minified.toLocaleString("en-US")} B minified) bundles to the same bytes without its \`import type\` lines | ${verdict(bundle.sameWithoutTypes)} |
| the placeholder filling: at most ${TYPED_TARGETS.fillingBytes} B min+gzip | ${filling.gzip} B (${filling.min} B minified) | ${verdict(filling.gzip <= TYPED_TARGETS.fillingBytes)} |

Compile times are the CPU time (user + system) of the real \`tsc --noEmit\` in a fresh Node process, start-up included, the programs taking turns run after run; the difference is taken within each run: median, with the lowest and highest run in brackets. Medians: ${times.join("; ")}.${everyEditor ? ` With every API loaded, the completion list has ${everyEditor.entries.toLocaleString("en-US")} entries, the first after ${seconds(median(everyEditor.coldMs))}, the next keystroke after ${Math.round(median(everyEditor.warmMs))} ms.` : ""}`;
}
