import * as core from "@asyncovh/core";
import { describe, expect, it } from "vitest";
import * as browser from "./browser.ts";
import * as bun from "./bun.ts";
import * as deno from "./deno.ts";
import * as index from "./index.ts";
import * as node from "./node.ts";
import * as workers from "./workers.ts";

/** ky exports about 35 names: a user reads the whole list in a minute. */
const MAX_RUNTIME_NAMES = 35;

/** Each entry: core's names (pinned by core's own test), and the helpers of its runtime. */
const ENTRIES: [string, object, string[]][] = [
  ["node", node, ["createNodeFetch"]],
  ["bun", bun, ["createNodeFetch"]],
  ["deno", deno, []],
  ["workers", workers, ["clientFromEnv"]],
  ["browser", browser, []],
  ["index", index, []],
];

describe("the runtime names of each asyncovh entry", () => {
  it.each(ENTRIES)("%s: at most 35, and the ones intended", (entry, module, helpers) => {
    const names = Object.keys(module).sort();
    expect(
      names.length,
      `asyncovh's ${entry} entry exports ${names.length} runtime names, more than ${MAX_RUNTIME_NAMES}: ${names.join(", ")}`,
    ).toBeLessThanOrEqual(MAX_RUNTIME_NAMES);
    expect(names).toEqual([...Object.keys(core), ...helpers].sort());
  });
});
