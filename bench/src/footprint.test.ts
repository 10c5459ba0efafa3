import { describe, expect, it } from "vitest";
import { BUNDLE_CEILING, BUNDLE_TARGET, bundleSize } from "./footprint.ts";

// A size is exact, so CI can hold it; throughput and time are the bench's, not tests.
describe("the browser bundle of asyncovh (from the packages' builds: build first)", () => {
  it(`stays under its CI ceiling of ${BUNDLE_CEILING} bytes min+gzip (target ${BUNDLE_TARGET})`, async () => {
    const { gzip } = await bundleSize();
    expect(gzip).toBeGreaterThan(1024);
    expect(gzip).toBeLessThanOrEqual(BUNDLE_CEILING);
  });
});
