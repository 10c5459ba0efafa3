import { defineConfig } from "vitest/config";
import projects from "./vitest.workspace.ts";

export default defineConfig({
  test: {
    projects,
    reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]],
    coverage: {
      provider: "v8",
      include: ["packages/*/src/**/*.ts"],
      exclude: ["**/*.test.ts", "**/test-utils/**"],
      reporter: ["text-summary", "text", "json-summary"],
      thresholds: {
        "packages/core/src/**": { lines: 100 },
      },
    },
  },
});
