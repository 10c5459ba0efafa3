import { describe, expect, it } from "vitest";
import { rotated } from "./throughput.ts";

describe("rotated", () => {
  it("starts each round one client further along, so that every client runs first in turn", () => {
    const kinds = ["asyncovh", "node-ovh", "raw-https"];
    expect(rotated(kinds, 0)).toEqual(["asyncovh", "node-ovh", "raw-https"]);
    expect(rotated(kinds, 1)).toEqual(["node-ovh", "raw-https", "asyncovh"]);
    expect(rotated(kinds, 2)).toEqual(["raw-https", "asyncovh", "node-ovh"]);
    expect(rotated(kinds, 3)).toEqual(kinds);
    expect(kinds).toEqual(["asyncovh", "node-ovh", "raw-https"]);
    expect(rotated([], 4)).toEqual([]);
  });
});
