import { defineConfig } from "tsup";

// The workspace packages stay external and are loaded from their builds.
export default defineConfig({
  entry: ["src/server.ts", "src/app.ts", "src/assets.ts"],
  format: ["esm"],
  clean: true,
  sourcemap: true,
  target: "node20",
});
