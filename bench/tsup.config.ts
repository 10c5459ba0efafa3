import { defineConfig } from "tsup";

// Bundles the load test with the workspace's sources (through bench/tsconfig.json's paths).
export default defineConfig({
  entry: ["bench/load.ts", "bench/mock-server.ts"],
  outDir: "bench/dist",
  tsconfig: "bench/tsconfig.json",
  format: ["esm"],
  platform: "node",
  target: "node20",
  noExternal: [/^@asyncovh\//],
  clean: true,
  sourcemap: true,
});
