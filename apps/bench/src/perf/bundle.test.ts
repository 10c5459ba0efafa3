import { access } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundleSize, TARGETS } from "./bundle.ts";

describe("the floor bundle (core with its optional parts stubbed out)", () => {
  const core = new URL("../../../../packages/core/src/", import.meta.url);

  it("names modules that exist, so that a renamed one cannot slip back in unnoticed", async () => {
    for (const name of TARGETS.floor.stub) {
      await expect(access(fileURLToPath(new URL(`${name}.ts`, core)))).resolves.toBeUndefined();
    }
  });

  it("weighs far less than the whole", async () => {
    const [floor, whole] = await Promise.all([
      bundleSize(TARGETS.floor),
      bundleSize(TARGETS.browser),
    ]);
    expect(floor.gzip).toBeGreaterThan(1024);
    expect(whole.gzip - floor.gzip).toBeGreaterThan(3 * 1024);
  });
});
