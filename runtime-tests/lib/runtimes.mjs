/**
 * The runtimes of the smoke run. Each `run` starts its own mock, runs the runtime's entry in the
 * real runtime, and returns the report that entry printed.
 */
import { join } from "node:path";
import { runChromium } from "../browser/run.mjs";
import { runWorkerd } from "../workerd/run.mjs";
import { startMock } from "./mock.mjs";
import { reportOf, run, startable } from "./process.mjs";

/** No OVH_* variable of the machine leaks in; nothing phones home. */
const baseEnv = () => ({
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  NO_COLOR: "1",
  DO_NOT_TRACK: "1",
  DENO_NO_UPDATE_CHECK: "1",
  DENO_NO_PROMPT: "1",
});

async function processRuntime(label, command, args, { root, env = true, timeoutMs } = {}) {
  const mock = await startMock();
  try {
    const result = await run(command, [...args, JSON.stringify(mock.context)], {
      cwd: root,
      env: { ...baseEnv(), ...(env ? mock.env : { HOME: mock.env.HOME }) },
      timeoutMs,
    });
    return reportOf(label, result);
  } finally {
    await mock.close();
  }
}

const nodeRuntime = (id, label) => ({
  id,
  label,
  run: async ({ binaries, root }) => {
    await startable(binaries[id]);
    return processRuntime(label, binaries[id], [join(root, "node", "smoke.mjs")], { root });
  },
});

export const RUNTIMES = [
  nodeRuntime("node20", "Node 20"),
  nodeRuntime("node22", "Node 22"),
  nodeRuntime("node24", "Node 24"),
  {
    id: "bun",
    label: "Bun 1",
    run: async ({ binaries, root }) => {
      await startable(binaries.bun);
      return processRuntime("bun", binaries.bun, [join(root, "bun", "smoke.mjs")], { root });
    },
  },
  {
    id: "deno",
    label: "Deno 2",
    run: async ({ binaries, root }) => {
      await startable(binaries.deno);
      const entry = join(root, "deno", "smoke.mjs");
      const common = ["run", "--no-prompt", "--allow-net=127.0.0.1"];
      const [permitted, bare, check] = await Promise.all([
        processRuntime(
          "deno",
          binaries.deno,
          [...common, "--allow-env", "--allow-read", entry, "permitted"],
          { root },
        ),
        processRuntime("deno", binaries.deno, [...common, entry, "bare"], { root, env: false }),
        // The TypeScript sources that JSR would publish, checked by Deno's own compiler.
        run(
          binaries.deno,
          ["check", "--config", join(root, "deno", "check.json"), "../packages/deno/src/index.ts"],
          { cwd: root, env: baseEnv(), timeoutMs: 120_000 },
        ),
      ]);
      const tag = (report, mode) =>
        report.steps.map((step) => ({ ...step, name: `[${mode}] ${step.name}` }));
      return {
        runtime: (permitted.runtime ?? "deno").replace(/ \(.*\)$/, ""),
        steps: [
          ...tag(permitted, "permitted"),
          ...tag(bare, "bare"),
          {
            name: "[check] deno check of @asyncovh/deno's JSR sources",
            ok: check.code === 0,
            ...(check.code === 0 ? {} : { error: `${check.stderr}${check.stdout}`.trim() }),
          },
        ],
      };
    },
  },
  { id: "workerd", label: "workerd", run: runWorkerd },
  { id: "chromium", label: "Chromium", run: runChromium },
];
