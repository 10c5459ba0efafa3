import { describe, expect, it } from "vitest";
import { denoTimers } from "./timers.ts";

describe("the Deno client's hold on its timers", () => {
  it("unrefs and refs Deno's timer ids through the Deno namespace", () => {
    const calls: string[] = [];
    const hold = denoTimers({
      refTimer: (id) => calls.push(`ref ${id}`),
      unrefTimer: (id) => calls.push(`unref ${id}`),
    });
    hold?.unref(7);
    hold?.ref(7);
    expect(calls).toEqual(["unref 7", "ref 7"]);
  });

  it("unrefs and refs Node's timer objects (Deno's timers inside an npm package) themselves", () => {
    const calls: string[] = [];
    const hold = denoTimers({
      refTimer: () => calls.push("Deno"),
      unrefTimer: () => calls.push("Deno"),
    });
    const timer = { ref: () => calls.push("ref"), unref: () => calls.push("unref") };
    hold?.unref(timer);
    hold?.ref(timer);
    expect(calls).toEqual(["unref", "ref"]);
  });

  it("is none where Deno has no such calls, so that each attempt keeps a timer of its own", () => {
    expect(denoTimers(undefined)).toBeUndefined();
    expect(denoTimers({ refTimer: () => undefined })).toBeUndefined();
  });
});
