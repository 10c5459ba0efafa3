import { defineConfig } from "tsup";

// The entry points only: the workspace packages stay external and are loaded from their builds.
export default defineConfig({
  entry: ["src/bin/bills.ts"],
  outDir: "dist/bin",
  format: ["esm"],
  clean: true,
  sourcemap: true,
  target: "node20",
});
