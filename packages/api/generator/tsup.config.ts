import { defineConfig } from "tsup";

// The generator and the benchmark run as Node scripts; nothing of them is published.
export default defineConfig({
  entry: { cli: "generator/cli.ts", bench: "bench/types.ts" },
  outDir: "dist/generator",
  format: ["esm"],
  platform: "node",
  target: "node20",
  clean: true,
  silent: true,
  // typescript and esbuild are loaded from node_modules, not bundled.
  skipNodeModulesBundle: true,
});
