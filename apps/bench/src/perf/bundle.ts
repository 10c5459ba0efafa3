/**
 * @module
 * What asyncovh weighs in a page or a Worker: the published entry points bundled by esbuild,
 * minified, then gzip-compressed (zlib's default level, as servers and `gzip` use), with every
 * dependency included. Resolved from this package's node_modules, so from the packages' builds.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";

export interface BundleSize {
  /** Minified bytes. */
  minified: number;
  /** Minified then gzip-compressed bytes. */
  gzip: number;
}

export interface BundleTarget {
  name: string;
  /** The module bundled: what an application would write. */
  contents: string;
  /** Export conditions of the bundler (esbuild adds "browser" for the browser platform). */
  conditions: string[];
  platform: "browser" | "neutral";
  /**
   * Modules of @asyncovh/core's sources (by file name) replaced by empty exports, to see what
   * the rest weighs: a measurement, not a build anyone can use. Bundles from core's sources.
   */
  stub?: string[];
}

/** The browser target of `asyncovh`, everything included: 9 KiB min+gzip. */
export const BROWSER_TARGET = 9 * 1024;

/**
 * The ceiling CI holds while the target is not met: the size of the day plus a little room,
 * so that growth is a decision (raise it in the same change, and say why) rather than drift.
 * 14.25 -> 15.5 KiB: the transport contract (`TRANSPORT`, answers read without a `Response`, the
 * attempt signal) and the per-call fast paths (a plain path sent as written, a free limiter slot
 * taken at once) add 0.8 KiB and take a signed call from about 100 to 25 us of CPU.
 * 15.5 -> 16 KiB: one timer per client for its attempts' deadlines where the adapter can unref it
 * (Node, Bun, Deno), a timer per attempt elsewhere: 0.35 KiB, and about 7% off a call in Deno.
 */
export const BROWSER_CEILING = 16 * 1024;

const WORKERD = ["workerd", "worker", "browser", "import", "module"];

export const TARGETS = {
  browser: {
    name: "asyncovh, browser condition, everything (`export *`)",
    contents: 'export * from "asyncovh";',
    conditions: [],
    platform: "browser",
  },
  browserClient: {
    name: "asyncovh, browser condition, `import { Client }` (tree-shaken)",
    contents: 'export { Client } from "asyncovh";',
    conditions: [],
    platform: "browser",
  },
  core: {
    name: "@asyncovh/core alone, everything",
    contents: 'export * from "@asyncovh/core";',
    conditions: [],
    platform: "browser",
  },
  workers: {
    name: "Workers script: asyncovh, workerd condition, everything",
    contents: 'export * from "asyncovh";',
    conditions: WORKERD,
    platform: "neutral",
  },
  floor: {
    name: "for a decision: core without OAuth2, listing, batch, consumer keys, signing (@noble/hashes) and config merging (a client for a signing proxy, at the least)",
    contents: 'export * from "./index.ts";',
    conditions: [],
    platform: "browser",
    stub: [
      "oauth2",
      "oauth2-config",
      "bearer-token",
      "batch",
      "object-list",
      "cursor-pagination",
      "page-size",
      "consumer-key",
      "access-rules",
      "signer",
      "config",
    ],
  },
  browserWithKy: {
    name: "for comparison: asyncovh plus ky (as when ky was in the request path)",
    contents: 'export * from "asyncovh"; export { default as ky } from "ky";',
    conditions: [],
    platform: "browser",
  },
} satisfies Record<string, BundleTarget>;

const here = fileURLToPath(new URL(".", import.meta.url));

const coreSources = fileURLToPath(new URL("../../../../packages/core/src/", import.meta.url));

/** Replaces each named module of core's sources by exports of `undefined` under its names. */
function stubbing(names: readonly string[]): Plugin {
  return {
    name: "stub-core-modules",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const base = args.path.slice(args.path.lastIndexOf("/") + 1, -".ts".length);
        if (!args.path.startsWith(coreSources) || !names.includes(base)) return undefined;
        const source = await readFile(args.path, "utf8");
        const exported = source.matchAll(
          /^export (?:async )?(?:function\s*\*?|const|class|let) ?(\w+)/gm,
        );
        return {
          contents: [...exported].map(([, name]) => `export const ${name} = undefined;`).join("\n"),
          loader: "js",
        };
      });
    },
  };
}

/** Bundles `target` from `resolveDir` (default: this package) and measures it. */
export async function bundleSize(target: BundleTarget, resolveDir = here): Promise<BundleSize> {
  const result = await build({
    stdin: {
      contents: target.contents,
      resolveDir: target.stub ? coreSources : resolveDir,
      loader: target.stub ? "ts" : "js",
    },
    plugins: target.stub ? [stubbing(target.stub)] : [],
    bundle: true,
    minify: true,
    format: "esm",
    platform: target.platform,
    conditions: target.conditions,
    mainFields: ["module", "main"],
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = (result.outputFiles[0] as { contents: Uint8Array }).contents;
  return { minified: code.byteLength, gzip: gzipSync(code).byteLength };
}
