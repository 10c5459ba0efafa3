/**
 * @module
 * What typed routes cost, for BENCHMARKS.md ("Typed routes"): run by the repository's bench
 * command (`bench/`, which reads the data `--json` prints and writes the section), or alone
 * (`npx --yes pnpm@10.34.8 --filter @asyncovh/api bench`, which prints). It measures:
 * - the generator's time for every vendored API;
 * - `tsc --noEmit` (the TypeScript API, as tsc runs it) on a program of 12 calls to `/me`,
 *   `/cloud` and `/dedicated/server`, untyped, typed with those three APIs, and typed with
 *   every API loaded (CPU time, median of the runs, each in a fresh Node process);
 * - an editor session (the language service): time to the completion list after
 *   `client.get("`, and whether it holds the route templates;
 * - the bytes typed routes add to a runtime bundle (none: the same program, bundled with and
 *   without its `import type` lines, gives the same bytes) and the size of the placeholder
 *   filling, minified and gzipped (esbuild).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import ts from "typescript";
import { generate } from "../generator/generate.ts";

// Built to dist/generator/bench.js: the package is two folders up.
const root = fileURLToPath(new URL("../../", import.meta.url));
const core = fileURLToPath(new URL("../../../core/src/", import.meta.url));
// Inside the package, so that `asyncovh` and `@asyncovh/api` resolve as in a project.
const work = join(root, ".bench-tmp");
const runner = join(root, "bench", "tsc-cpu.cjs");

/** Runs of each measure (`RUNS=5`), 1 with `--quick`. */
const RUNS = Number(process.env.RUNS ?? 3);

/** The compiler options of a project: the workspace's (strict, bundler resolution). */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};

/** The same options, as a tsconfig.json writes them. */
const TSCONFIG = {
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  module: "ESNext",
  moduleResolution: "Bundler",
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};

const TYPED_CALLS = `
const client = new Client({ endpoint: "ovh-eu" });

export async function main(billId: string, serviceName: string, projectId: string) {
  const me = await client.get("/me");
  const bills = await client.get("/me/bill", { category: "autorenew" });
  const bill = await client.get("/me/bill/{billId}", { billId });
  await client.put("/me", { firstname: me.firstname ?? "Ada" });
  const projects = await client.get("/cloud/project");
  const project = await client.get("/cloud/project/{serviceName}", { serviceName: projectId });
  const instances = await client.get("/cloud/project/{serviceName}/instance", { serviceName: projectId });
  await client.post("/cloud/project/{serviceName}/instance/{instanceId}/reboot", {
    serviceName: projectId,
    instanceId: instances[0]?.id ?? "",
    type: "soft",
  });
  const servers = await client.get("/dedicated/server");
  const server = await client.get("/dedicated/server/{serviceName}", { serviceName });
  await client.put("/dedicated/server/{serviceName}/burst", { serviceName, status: "active" });
  const tasks = await client.get("/dedicated/server/{serviceName}/task", { serviceName, status: "done" });
  return [bills.length, bill.date, projects.length, project.status, servers.length, server.state, tasks.length];
}
`;

const UNTYPED_CALLS = `
const client = new Client({ endpoint: "ovh-eu" });

export async function main(billId: string, serviceName: string, projectId: string) {
  const me = await client.get<{ firstname: string | null }>("/me");
  const bills = await client.get<string[]>("/me/bill", { category: "autorenew" });
  const bill = await client.get<{ date: string }>(\`/me/bill/\${billId}\`);
  await client.put("/me", { firstname: me.firstname ?? "Ada" });
  const projects = await client.get<string[]>("/cloud/project");
  const project = await client.get<{ status: string }>(\`/cloud/project/\${projectId}\`);
  const instances = await client.get<{ id: string }[]>(\`/cloud/project/\${projectId}/instance\`);
  await client.post(\`/cloud/project/\${projectId}/instance/\${instances[0]?.id ?? ""}/reboot\`, { type: "soft" });
  const servers = await client.get<string[]>("/dedicated/server");
  const server = await client.get<{ state: string }>(\`/dedicated/server/\${serviceName}\`);
  await client.put(\`/dedicated/server/\${serviceName}/burst\`, { status: "active" });
  const tasks = await client.get<number[]>(\`/dedicated/server/\${serviceName}/task\`, { status: "done" });
  return [bills.length, bill.date, projects.length, project.status, servers.length, server.state, tasks.length];
}
`;

async function apiNames(): Promise<string[]> {
  const names: string[] = [];
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await readdir(join(root, "types", dir), { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (prefix === "" && entry.name === "v2") await walk("v2", "v2/");
      } else if (entry.name.endsWith(".d.ts")) {
        names.push(`${prefix}${entry.name.slice(0, -5)}`);
      }
    }
  };
  await walk("", "");
  return names.sort();
}

const imports = (apis: readonly string[]) =>
  apis.map((api) => `import type {} from "@asyncovh/api/${api}";`).join("\n");

const EVERY_API = "typed, every API";

/** The programs compared, each a single file. */
async function programs(): Promise<Record<string, string>> {
  const head = 'import { Client } from "asyncovh";\n';
  return {
    untyped: head + UNTYPED_CALLS,
    typed: `${imports(["me", "cloud", "dedicated-server"])}\n${head}${TYPED_CALLS}`,
    [EVERY_API]: `${imports(await apiNames())}\n${head}${TYPED_CALLS}`,
  };
}

const fileOf = (name: string) => join(work, `${name.replace(/\W+/g, "-")}.ts`);

/**
 * `tsc --noEmit` on `file` with the project's options, in a fresh Node process: the CPU time it
 * took (user + system, ms; startup included, the same for every program) and its errors.
 */
function compileOnce(file: string) {
  const config = `${file}.tsconfig.json`;
  writeFileSync(config, JSON.stringify({ compilerOptions: TSCONFIG, files: [file] }));
  const run = spawnSync(process.execPath, [runner, "-p", config], { encoding: "utf8" });
  const cpu = Number(/tsc-cpu (\d+)/.exec(run.stderr)?.[1]);
  return { cpu, errors: run.stdout.trim() === "" ? [] : run.stdout.trim().split("\n") };
}

/** In a child process: completions after `client.get("` in a fresh editor session. */
function completeOnce(file: string, source: string) {
  const edited = `${source}\nclient.get("`;
  let text = edited;
  let version = 0;
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: (name) => (name === file ? String(version) : "0"),
    getScriptSnapshot: (name) => {
      if (name === file) return ts.ScriptSnapshot.fromString(text);
      const content = ts.sys.readFile(name);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => work,
    getCompilationSettings: () => OPTIONS,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    // pnpm links packages: one file, however it is reached, as tsserver sees it.
    realpath: ts.sys.realpath,
  };
  const service = ts.createLanguageService(host);
  let started = performance.now();
  const first = service.getCompletionsAtPosition(file, edited.length, {});
  const cold = performance.now() - started;
  // The next keystroke: the program is loaded, the file changed.
  text = `${edited}/`;
  version++;
  started = performance.now();
  const next = service.getCompletionsAtPosition(file, text.length, {});
  const warm = performance.now() - started;
  const names = first?.entries.map((entry) => entry.name) ?? [];
  return {
    cold,
    warm,
    entries: names.length,
    hasBillRoute: names.includes("/me/bill/{billId}"),
    nextEntries: next?.entries.length ?? 0,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** Runs `task` on `file` in a fresh Node process (a cold compiler, as on the command line). */
function inChild<T>(task: "complete", file: string): T {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), task, file], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as T;
}

/** `source` bundled for a browser; from one file name, which unminified output cites. */
async function bundle(source: string, minify: boolean): Promise<Uint8Array> {
  const file = join(work, "bundle.ts");
  await writeFile(file, source);
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify,
    format: "esm",
    platform: "browser",
    write: false,
    absWorkingDir: work,
    conditions: ["browser"],
    logLevel: "silent",
  });
  return (result.outputFiles[0] as { contents: Uint8Array }).contents;
}

/**
 * What the placeholder filling (`path-template.ts`) adds to a bundle that has what it imports
 * already (the client does): the min and min+gzip bytes of the difference.
 */
async function fillingSize(): Promise<{ min: number; gzip: number }> {
  const size = async (contents: string) => {
    const result = await build({
      stdin: { contents, resolveDir: core, loader: "ts" },
      bundle: true,
      minify: true,
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    const bytes = (result.outputFiles[0] as { contents: Uint8Array }).contents;
    return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const imports =
    'export { InvalidConfiguration } from "./errors/invalid-configuration.ts";\n' +
    'export { encodeQuery, withQuery } from "./serialize.ts";\n';
  const without = await size(imports);
  const withIt = await size(`${imports}export * from "./path-template.ts";\n`);
  return { min: withIt.min - without.min, gzip: withIt.gzip - without.gzip };
}

/** What one run of the bench measured; `bench/` (the repository's bench command) renders it. */
export interface TypedRoutesData {
  node: string;
  typescript: string;
  /** Compilations (and editor sessions) of each program. */
  runs: number;
  /** 1-minute load averages at the start and at the end. */
  loads: [number, number];
  generation: { apis: number; files: number; bytes: number; seconds: number };
  /** `tsc --noEmit` CPU time of each program, ms, one per run, the runs interleaved. */
  tsc: Record<string, number[]>;
  /** Editor sessions after `client.get("`: entries listed, and times in ms, one per run. */
  completions: Record<
    string,
    { entries: number; hasBillRoute: boolean; coldMs: number[]; warmMs: number[] }
  >;
  /** The typed program's runtime bundle, and whether its `import type` lines change it. */
  bundle: { minified: number; sameWithoutTypes: boolean };
  /** What the placeholder filling adds to a bundle, min and min+gzip. */
  filling: { min: number; gzip: number };
}

const load = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;

/**
 * Measures; `quick` compiles the untyped and the typed program once each and opens one editor
 * session, without the program that loads every API: a smoke run of the whole path.
 */
async function main(
  { runs, quick }: { runs: number; quick: boolean },
  print: (line: string) => void,
): Promise<TypedRoutesData> {
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const loads: number[] = [load()];
  try {
    print(`Typed routes (Node ${process.version}, TypeScript ${ts.version}, ${runs} runs each)`);

    const started = performance.now();
    const generated = await generate(join(root, "schemas"));
    const seconds = (performance.now() - started) / 1000;
    let bytes = 0;
    for (const content of generated.files.values()) bytes += Buffer.byteLength(content);
    print(
      `generation: ${generated.apis.length} APIs, ${generated.files.size} files, ${(bytes / 1e6).toFixed(1)} MB of declarations in ${seconds.toFixed(1)} s`,
    );

    const sources = await programs();
    const names = Object.keys(sources).filter((name) => !quick || name !== EVERY_API);
    for (const name of names) await writeFile(fileOf(name), sources[name] as string);
    // Round after round, each program once a round: a drift of the machine hits them alike.
    const tsc: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < runs; round++) {
      for (const name of names) {
        const run = compileOnce(fileOf(name));
        if (run.errors.length > 0)
          throw new Error(`${name} does not compile:\n${run.errors.join("\n")}`);
        tsc[name]?.push(run.cpu);
      }
    }
    for (const name of names) {
      const times = tsc[name] as number[];
      print(
        `tsc --noEmit, 12 calls, ${name}: ${(median(times) / 1000).toFixed(2)} s CPU (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(", ")})`,
      );
    }
    for (const name of names.filter((name) => name !== "untyped")) {
      const delta = (median(tsc[name] as number[]) - median(tsc.untyped as number[])) / 1000;
      print(`  ${name} - untyped: +${delta.toFixed(2)} s CPU`);
    }

    const completions: TypedRoutesData["completions"] = {};
    for (const name of names.filter((name) => name !== "untyped")) {
      const sessions = Array.from({ length: quick ? 1 : runs }, () =>
        inChild<ReturnType<typeof completeOnce>>("complete", fileOf(name)),
      );
      const [first] = sessions;
      const entry = {
        entries: first?.entries ?? 0,
        hasBillRoute: first?.hasBillRoute ?? false,
        coldMs: sessions.map((r) => r.cold),
        warmMs: sessions.map((r) => r.warm),
      };
      completions[name] = entry;
      print(
        `completions after client.get(" (${name}): ${entry.entries} entries, /me/bill/{billId} among them: ${entry.hasBillRoute}; first list ${(median(entry.coldMs) / 1000).toFixed(2)} s (session start included), next keystroke ${median(entry.warmMs).toFixed(0)} ms`,
      );
    }

    // Compared unminified: the minifier may name things otherwise when the imports differ.
    const typed = sources.typed as string;
    const withoutImports = typed.replace(/^import type \{\} from .*\n/gm, "");
    const typedBundle = Buffer.from(await bundle(typed, false));
    const same = typedBundle.equals(Buffer.from(await bundle(withoutImports, false)));
    const minified = await bundle(typed, true);
    print(
      `runtime bundle of the typed program (esbuild, browser, minified): ${minified.length} B; the same program without its @asyncovh/api imports bundles ${same ? "to the same bytes: 0 B of types" : "DIFFERENTLY"}`,
    );
    const filling = await fillingSize();
    print(
      `placeholder filling (path-template.ts, added to a bundle of what it imports): ${filling.min} B min, ${filling.gzip} B min+gzip`,
    );
    loads.push(load());
    return {
      node: process.version,
      typescript: ts.version,
      runs,
      loads: [loads[0] as number, loads[1] as number],
      generation: { apis: generated.apis.length, files: generated.files.size, bytes, seconds },
      tsc,
      completions,
      bundle: { minified: minified.length, sameWithoutTypes: same },
      filling,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const { values, positionals } = parseArgs({
  options: { json: { type: "boolean" }, quick: { type: "boolean" } },
  allowPositionals: true,
});
const [task, file] = positionals;
if (task === "complete" && file) {
  const source = ts.sys.readFile(file) ?? "";
  console.log(JSON.stringify(completeOnce(file, source)));
} else {
  const runs = values.quick ? 1 : RUNS;
  // With --json, the lines are progress (stderr) and the data is the output.
  const print = (line: string) => (values.json ? console.error(line) : console.log(line));
  const data = await main({ runs, quick: values.quick ?? false }, print);
  if (values.json) console.log(JSON.stringify(data));
}
