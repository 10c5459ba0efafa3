import { defineConfig } from "tsup";

// The entry points only: the workspace packages stay external and are loaded from their builds.
export default defineConfig({
  entry: ["src/bin/bills.ts", "src/bin/perf.ts", "src/bin/load-client.ts", "src/bin/mock-https.ts"],
  outDir: "dist/bin",
  format: ["esm"],
  clean: true,
  sourcemap: true,
  target: "node20",
  // The load client also runs in Deno and Bun: its dependencies are resolved at run time.
  external: [/^asyncovh/, /^@asyncovh\//, "ky", "undici", "@ovhcloud/node-ovh", "esbuild"],
});
