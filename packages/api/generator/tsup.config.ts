import { defineConfig } from "tsup";

// The generator runs as one Node script; nothing of it is published.
export default defineConfig({
  entry: { cli: "generator/cli.ts" },
  outDir: "dist/generator",
  format: ["esm"],
  platform: "node",
  target: "node20",
  clean: true,
  silent: true,
});
