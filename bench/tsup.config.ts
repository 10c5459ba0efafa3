import { defineConfig } from "tsup";

// The workspace packages stay external: the bench measures their builds, as users get them.
export default defineConfig({
  entry: ["src/main.ts", "src/load.ts"],
  format: ["esm"],
  clean: true,
  target: "node20",
  external: [/^asyncovh/, /^@asyncovh\//, "@ovhcloud/node-ovh", "esbuild"],
});
