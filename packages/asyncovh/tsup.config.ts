import { defineConfig } from "tsup";
import { portableSourceMaps } from "../../tsup.base.ts";

// The declarations come from tsc (tsconfig.build.json): each entry's is its one `export *`.
// tsup would build them in one rollup, which hoists every entry's imports into each file: the
// browser's declarations would import @asyncovh/node, and node:http with it.
export default defineConfig([
  {
    // One entry per export condition; each imports its adapter package.
    entry: [
      "src/index.ts",
      "src/node.ts",
      "src/bun.ts",
      "src/deno.ts",
      "src/workers.ts",
      "src/browser.ts",
    ],
    format: ["esm"],
    dts: false,
    // The browser bundle is written by the other build, at the same time.
    clean: ["!asyncovh.browser.*"],
    sourcemap: true,
    target: "es2022",
  },
  {
    // A self-contained ES module for pages without a bundler: <script type="module">.
    entry: { "asyncovh.browser": "src/browser.ts" },
    format: ["esm"],
    platform: "browser",
    noExternal: [/.*/],
    minify: true,
    dts: false,
    clean: false,
    sourcemap: true,
    target: "es2022",
    // Its map names core's sources by their path in this workspace (../../core/src/…).
    onSuccess: () => portableSourceMaps(["dist/asyncovh.browser.js.map"]),
  },
]);
