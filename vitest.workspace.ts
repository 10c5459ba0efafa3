import { fileURLToPath } from "node:url";
import type { TestProjectInlineConfiguration } from "vitest/config";

const src = (pkg: string) =>
  fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

/** Tests import workspace packages from their sources, so coverage maps to `src/`. */
export const alias = {
  "@asyncovh/core/internal": fileURLToPath(
    new URL("./packages/core/src/internal.ts", import.meta.url),
  ),
  "@asyncovh/core": src("core"),
  "@asyncovh/node": src("node"),
  "@asyncovh/deno": src("deno"),
  "@asyncovh/workers": src("workers"),
  "@asyncovh/proxy": src("proxy"),
  "@asyncovh/mock/node": fileURLToPath(new URL("./packages/mock/src/node.ts", import.meta.url)),
  "@asyncovh/mock/testing": fileURLToPath(
    new URL("./packages/mock/src/testing.ts", import.meta.url),
  ),
  "@asyncovh/mock": src("mock"),
};

const project = (
  name: string,
  include: string[],
  globalSetup: string[] = [],
): TestProjectInlineConfiguration => ({
  resolve: { alias },
  test: { name, include, environment: "node", globalSetup },
});

/** The test projects of the workspace; the root `vitest.config.ts` runs them all. */
export default [
  project("core", ["packages/core/src/**/*.test.ts"]),
  // A throwaway CA that Node's TLS trusts in the node project's test processes (see the file).
  project("node", ["packages/node/src/**/*.test.ts"], ["packages/node/test/trusted-ca.ts"]),
  project("deno", ["packages/deno/src/**/*.test.ts"]),
  project("workers", ["packages/workers/src/**/*.test.ts"]),
  project("proxy", ["packages/proxy/src/**/*.test.ts"]),
  project("mock", ["packages/mock/src/**/*.test.ts"]),
  project("asyncovh", ["packages/asyncovh/src/**/*.test.ts"]),
  project("bench", ["bench/src/**/*.test.ts"]),
  project("api", ["packages/api/generator/**/*.test.ts", "packages/api/bench/**/*.test.ts"]),
  {
    ...project("examples", ["apps/examples/src/**/*.test.ts", "apps/dashboard/src/**/*.test.ts"]),
    // The examples import `asyncovh` as users do; under Node that is its Node entry point.
    resolve: {
      alias: {
        ...alias,
        asyncovh: fileURLToPath(new URL("./packages/asyncovh/src/node.ts", import.meta.url)),
      },
    },
  },
] satisfies TestProjectInlineConfiguration[];
