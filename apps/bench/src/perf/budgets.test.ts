import { access } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { BROWSER_CEILING, BROWSER_TARGET, bundleSize, TARGETS } from "./bundle.ts";
import { IMPORT_TARGET_MS, importTime } from "./cold-start.ts";

// The budgets a shared, noisy machine cannot fake: the bundle size exactly, the import time
// with generous slack (a regression such as a heavy dependency loaded at import still shows).
// Throughput is a benchmark (pnpm bench), not a test. Both measure the packages' builds.
const IMPORT_LIMIT_MS = IMPORT_TARGET_MS * 3;

beforeAll(async () => {
  const built = fileURLToPath(
    new URL("../../../../packages/asyncovh/dist/node.js", import.meta.url),
  );
  await access(built).catch(() => {
    throw new Error(`${built} is missing: build first (npx pnpm@10.34.8 run build).`);
  });
});

describe("budgets", () => {
  it(`the browser bundle of asyncovh, everything included, stays under its ${BROWSER_CEILING / 1024} KiB min+gzip ceiling (target ${BROWSER_TARGET / 1024} KiB)`, async () => {
    const { gzip } = await bundleSize(TARGETS.browser);
    expect(gzip).toBeGreaterThan(1024);
    expect(gzip).toBeLessThanOrEqual(BROWSER_CEILING);
  });

  it(`importing the Node entry of asyncovh takes less than ${IMPORT_LIMIT_MS} ms (target ${IMPORT_TARGET_MS} ms)`, async () => {
    const { wallMs } = await importTime("asyncovh", 5);
    expect(wallMs).toBeGreaterThan(0);
    expect(wallMs).toBeLessThan(IMPORT_LIMIT_MS);
  }, 60_000);
});
