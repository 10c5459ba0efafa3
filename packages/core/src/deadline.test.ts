import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deadline } from "./deadline.ts";

describe("deadline", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("aborts with a TimeoutError when the time is up, and says so", async () => {
    const d = deadline(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(d.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(d.signal.aborted).toBe(true);
    expect(d.timedOut).toBe(true);
    expect((d.signal.reason as DOMException).name).toBe("TimeoutError");
    expect((d.signal.reason as DOMException).message).toBe("No response within 1000 ms.");
  });

  it("follows the caller's signal, with its reason, and is not a timeout", () => {
    const caller = new AbortController();
    const d = deadline(1000, caller.signal);
    const reason = new Error("user gave up");
    caller.abort(reason);
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBe(reason);
    expect(d.timedOut).toBe(false);
    d.clear();
  });

  it("stays an abort, not a timeout, when the timer fires after the caller's abort", async () => {
    const caller = new AbortController();
    const d = deadline(1000, caller.signal);
    caller.abort();
    await vi.advanceTimersByTimeAsync(1000);
    expect(d.timedOut).toBe(false);
  });

  it("starts aborted when the caller's signal already is", () => {
    const d = deadline(1000, AbortSignal.abort("early"));
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBe("early");
    d.clear();
  });

  it("leaves no timer and no listener behind once cleared", async () => {
    const caller = new AbortController();
    const d = deadline(1000, caller.signal);
    expect(vi.getTimerCount()).toBe(1);
    d.clear();
    expect(vi.getTimerCount()).toBe(0);
    caller.abort();
    await vi.advanceTimersByTimeAsync(2000);
    expect(d.signal.aborted).toBe(false);
    expect(d.timedOut).toBe(false);
  });
});
