/**
 * @module
 * Throughput and latency of a signed `GET /me` against the mock over loopback HTTPS with
 * keep-alive: the mock in a process of its own, each measurement in a fresh process of the
 * runtime measured. Rounds go through every client in turn, so that a busy moment of the
 * machine falls on all of them alike, each round starting one client further along, so that no
 * client always runs first after a change of runtime or concurrency; each figure is that of the
 * round of median throughput.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Kind } from "./load-client.ts";
import { medianRun, rotated } from "./stats.ts";

export type Runtime = "node" | "deno" | "bun";

export interface Plan {
  runtime: Runtime;
  kinds: Kind[];
  /** The least warm-up this runtime needs to reach its steady state, in ms. */
  minWarmupMs?: number;
}

/** The clients compared in each runtime. */
export const PLANS: Plan[] = [
  {
    runtime: "node",
    kinds: [
      "asyncovh",
      "asyncovh-agent",
      "asyncovh-fetch",
      "asyncovh-ky",
      "node-ovh",
      "raw-fetch",
      "raw-https",
      "raw-undici",
    ],
  },
  // Deno's fetch takes about 10 s of calls to settle: a plain fetch loop's CPU per call fell
  // from 420-550 us in its first 3 s to 300-350 us after 10 s (against an already warm mock).
  { runtime: "deno", kinds: ["asyncovh", "raw-fetch", "raw-fetch-guarded"], minWarmupMs: 10_000 },
  { runtime: "bun", kinds: ["asyncovh", "asyncovh-nodefetch", "raw-fetch", "raw-fetch-guarded"] },
];

export const CONCURRENCIES = [1, 32];

/**
 * The clients measured at concurrency 32 against a server that costs as little as node:https
 * allows (`mock-https.js --minimal`), so that each client's own cost sets its throughput: against
 * the mock, which spends more per request than these clients, the mock sets the pace.
 */
export const CLIENT_BOUND: Plan = {
  runtime: "node",
  kinds: ["asyncovh", "asyncovh-agent", "node-ovh", "raw-https"],
};

/**
 * In the client-bound scenario the clients take turns in one process per round, in this many
 * slices of this length each: against a server this light, a client's CPU per call moves by a
 * third from one process to the next on a shared machine, and turns of a second cancel that out.
 */
export const SLICES = 10;
export const SLICE_MS = 1_000;

/**
 * The target at concurrency 1 (time per call over the runtime's raw fetch), measured in turns
 * too: asyncovh and raw fetch in one process per runtime and round, against the mock.
 */
export const TURNS_AT_ONE: Plan[] = PLANS.map((plan) => ({
  ...plan,
  kinds: ["asyncovh", "raw-fetch"],
}));

export interface ThroughputOptions {
  rounds: number;
  warmupMs: number;
  durationMs: number;
  binaries: Record<Runtime, string | undefined>;
  plans?: Plan[];
  /** Also measured against the minimal server, at concurrency 32, in turns; default none. */
  clientBound?: Plan | undefined;
  /** Also measured against the mock, at concurrency 1, in turns; default none. */
  turnsAtOne?: Plan[] | undefined;
  /** Called after each measurement, for progress output. */
  onResult?: (result: Measurement) => void;
}

export interface Measurement {
  runtime: Runtime;
  /** The runtime's own name and version, as it reports it. */
  runtimeName?: string | undefined;
  kind: Kind;
  concurrency: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  cpuUs?: number | undefined;
  /**
   * The mock's CPU time over the client's whole run (start-up and warm-up included), as a share
   * of one core: near 1, the mock rather than the client sets the throughput.
   */
  serverCpu?: number | undefined;
  /** Why there is no measurement. */
  error?: string | undefined;
  /** Set when measured against the minimal server rather than the mock. */
  server?: "minimal" | undefined;
  /** Set when measured in turns with other clients, in one process (`runSlices`). */
  turns?: true | undefined;
}

export interface ThroughputReport {
  /** The base URL of the mock, e.g. `https://127.0.0.1/1.0`. */
  baseUrl: string;
  /** Why a client could not be measured, if the mock says so (port 443 refused). */
  note?: string | undefined;
  results: Measurement[];
  /** Every measurement, round by round, for the spread of the ratios between clients. */
  rounds?: Measurement[][] | undefined;
  /**
   * The clients of `clientBound` against the minimal server, run after the others: each entry of
   * `rounds` is one slice of turns, `SLICES` of them in each process.
   */
  clientBound?: TurnsReport | undefined;
  /** The clients of `turnsAtOne`, in turns, against the mock: as `clientBound`. */
  turnsAtOne?: TurnsReport | undefined;
}

export type TurnsReport = Omit<ThroughputReport, "clientBound" | "turnsAtOne">;

const dist = (file: string) => fileURLToPath(new URL(`./${file}`, import.meta.url));

interface MockProcess {
  baseUrl: string;
  caFile: string;
  note?: string;
  /** The mock process's CPU time so far, in µs. */
  cpu(): Promise<number>;
  /** Resolves once the process has exited (and so freed its port). */
  stop(): Promise<void>;
}

async function startMock(args: string[] = []): Promise<MockProcess> {
  const child = spawn(process.execPath, [dist("mock-https.js"), ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const line = await new Promise<string>((resolve, reject) => {
    next().then(resolve);
    child.once("exit", (code) =>
      reject(new Error(`The mock exited (code ${code}) before listening.`)),
    );
  });
  const ready = JSON.parse(line) as Pick<MockProcess, "baseUrl" | "caFile" | "note">;
  return {
    ...ready,
    cpu: async () => {
      const answer = next();
      child.stdin.write("cpu\n");
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error("The mock did not report its CPU time.")),
          10_000,
        );
      });
      try {
        return (JSON.parse(await Promise.race([answer, late])) as { cpuUs: number }).cpuUs;
      } finally {
        clearTimeout(timer);
      }
    },
    stop: () => {
      if (child.exitCode !== null) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.stdin.end();
      return exited;
    },
  };
}

function command(
  runtime: Runtime,
  binary: string,
  caFile: string,
  request: string,
): [string, string[], NodeJS.ProcessEnv] {
  const script = dist("load-client.js");
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: "1",
    DENO_NO_UPDATE_CHECK: "1",
    DO_NOT_TRACK: "1",
  };
  if (runtime === "deno") {
    const flags = ["--no-prompt", "--allow-net=127.0.0.1", "--allow-read", "--allow-env"];
    return [binary, ["run", ...flags, `--cert=${caFile}`, script, request], env];
  }
  // Node's and Bun's TLS trust the mock's CA on top of the system's.
  return [binary, [script, request], { ...env, NODE_EXTRA_CA_CERTS: caFile }];
}

interface ClientRun {
  /** What the load client printed after `RESULT `, parsed. */
  result?: unknown;
  error?: string | undefined;
  /** The mock's CPU time over the run, as a share of one core. */
  serverCpu?: number | undefined;
}

/** Runs `load-client.js` with `request` in a fresh process of `runtime`, against `mock`. */
async function runClient(
  runtime: Runtime,
  binary: string,
  mock: MockProcess,
  request: object,
  limitMs: number,
): Promise<ClientRun> {
  const [file, args, env] = command(runtime, binary, mock.caFile, JSON.stringify(request));
  const cpuBefore = await mock.cpu();
  const started = performance.now();
  const run = await new Promise<ClientRun>((resolve) => {
    const child = spawn(file, args, {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const limit = setTimeout(() => child.kill("SIGKILL"), limitMs + 120_000);
    child.on("error", (error) => {
      clearTimeout(limit);
      resolve({ error: error.message });
    });
    child.on("close", (code) => {
      clearTimeout(limit);
      const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || line === undefined) {
        const why = stderr.trim().split("\n").slice(0, 3).join(" ") || `exit code ${code}`;
        resolve({ error: why });
        return;
      }
      resolve({ result: JSON.parse(line.slice("RESULT ".length)) });
    });
  });
  if (run.error !== undefined) return run;
  const serverCpu = (await mock.cpu()) - cpuBefore;
  return { ...run, serverCpu: serverCpu / ((performance.now() - started) * 1000) };
}

async function measure(
  runtime: Runtime,
  binary: string,
  mock: MockProcess,
  kind: Kind,
  concurrency: number,
  options: ThroughputOptions,
): Promise<Measurement> {
  const request = {
    kind,
    baseUrl: mock.baseUrl,
    concurrency,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
  };
  const run = await runClient(
    runtime,
    binary,
    mock,
    request,
    options.warmupMs + options.durationMs,
  );
  if (run.error !== undefined)
    return { ...failedBase(runtime, kind, concurrency), error: run.error };
  const result = run.result as Measurement & { runtime: string };
  return { ...result, runtime, runtimeName: result.runtime, serverCpu: run.serverCpu };
}

/**
 * Runs every plan's clients at each concurrency, `rounds` times, interleaved, against the mock;
 * then, with `turnsAtOne`, those clients at concurrency 1 against the mock, and with
 * `clientBound`, those at concurrency 32 against the minimal server, taking turns in one process
 * per runtime and round.
 */
export async function throughput(options: ThroughputOptions): Promise<ThroughputReport> {
  const report: ThroughputReport = await againstMock(options.plans ?? PLANS, options);
  if (options.turnsAtOne !== undefined && options.turnsAtOne.length > 0) {
    report.turnsAtOne = await inTurns({ plans: options.turnsAtOne, concurrency: 1 }, options);
  }
  if (options.clientBound !== undefined) {
    const scenario = { plans: [options.clientBound], concurrency: 32, server: "minimal" as const };
    report.clientBound = await inTurns(scenario, options);
  }
  return report;
}

/** The rounds of `plans` against the mock, a process per measurement. */
async function againstMock(plans: Plan[], options: ThroughputOptions): Promise<TurnsReport> {
  const mock = await startMock();
  const runs = new Map<string, Measurement[]>();
  const rounds: Measurement[][] = [];
  try {
    for (let round = 0; round < options.rounds; round++) {
      const measured: Measurement[] = [];
      rounds.push(measured);
      for (const concurrency of CONCURRENCIES) {
        for (const { runtime, kinds, minWarmupMs = 0 } of plans) {
          const binary = options.binaries[runtime];
          const warmupMs = Math.max(options.warmupMs, minWarmupMs);
          for (const kind of rotated(kinds, round)) {
            const key = `${runtime} ${kind} ${concurrency}`;
            const result =
              binary === undefined
                ? { ...failedBase(runtime, kind, concurrency), error: `no ${runtime} binary` }
                : await measure(runtime, binary, mock, kind, concurrency, {
                    ...options,
                    warmupMs,
                  });
            runs.set(key, [...(runs.get(key) ?? []), result]);
            measured.push(result);
            options.onResult?.(result);
          }
        }
      }
    }
  } finally {
    // The next server may want the same port.
    await mock.stop();
  }
  const results = [...runs.values()].map((list) => typical(list) as Measurement);
  return { baseUrl: mock.baseUrl, note: mock.note, results, rounds };
}

interface TurnsScenario {
  plans: Plan[];
  concurrency: number;
  /** The server: the minimal one, or by default the mock. */
  server?: "minimal" | undefined;
}

/**
 * Each plan's clients in turns (`runSlices`), in one process per plan and round, against the
 * scenario's server: each entry of the report's `rounds` is one slice.
 */
async function inTurns(scenario: TurnsScenario, options: ThroughputOptions): Promise<TurnsReport> {
  const { concurrency, server } = scenario;
  const mock = await startMock(server === "minimal" ? ["--minimal"] : []);
  const rounds: Measurement[][] = [];
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const plan of scenario.plans) {
        const binary = options.binaries[plan.runtime];
        const kinds = rotated(plan.kinds, round);
        const warmupMs = Math.max(options.warmupMs, plan.minWarmupMs ?? 0);
        const request = {
          kinds,
          baseUrl: mock.baseUrl,
          concurrency,
          warmupMs,
          sliceMs: SLICE_MS,
          slices: SLICES,
        };
        const limitMs = kinds.length * (warmupMs + SLICES * SLICE_MS);
        const run: ClientRun =
          binary === undefined
            ? { error: `no ${plan.runtime} binary` }
            : await runClient(plan.runtime, binary, mock, request, limitMs);
        const measured = sliceMeasurements(run, plan.runtime, kinds, scenario);
        rounds.push(...measured);
        for (const kind of kinds) {
          const shown = typical(measured.flat().filter((m) => m.kind === kind));
          if (shown) options.onResult?.(shown);
        }
      }
    }
  } finally {
    await mock.stop();
  }
  const results = scenario.plans.flatMap((plan) =>
    plan.kinds.map(
      (kind) =>
        typical(
          rounds.flat().filter((m) => m.runtime === plan.runtime && m.kind === kind),
        ) as Measurement,
    ),
  );
  return { baseUrl: mock.baseUrl, note: mock.note, results, rounds };
}

/** Of one client's measurements, that of median throughput; a failed one when all failed. */
/** A turns run's slices as measurements, or one failed measurement per client when it failed. */
function sliceMeasurements(
  run: ClientRun,
  runtime: Runtime,
  kinds: Kind[],
  { concurrency, server }: TurnsScenario,
): Measurement[][] {
  const common = { runtime, concurrency, server, turns: true as const };
  if (run.error !== undefined) {
    return [
      kinds.map((kind) => ({
        ...failedBase(runtime, kind, concurrency),
        ...common,
        error: run.error,
      })),
    ];
  }
  const { runtime: runtimeName, slices } = run.result as {
    runtime: string;
    slices: Measurement[][];
  };
  return slices.map((turns) =>
    turns.map((turn) => ({ ...turn, ...common, runtimeName, serverCpu: run.serverCpu })),
  );
}

function typical(list: Measurement[]): Measurement | undefined {
  return medianRun(list.filter((m) => m.error === undefined)) ?? list[0];
}

function failedBase(runtime: Runtime, kind: Kind, concurrency: number): Measurement {
  return {
    runtime,
    kind,
    concurrency,
    requests: 0,
    rps: Number.NaN,
    p50: Number.NaN,
    p99: Number.NaN,
  };
}
