import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { abortable, sleep } from "./sleep.ts";

describe("sleep", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves after the given time, not before", async () => {
    let done = false;
    const waiting = sleep(1000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });

  it("rejects with the abort reason as soon as the signal aborts, and clears its timer", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once for a signal that has already aborted", async () => {
    const reason = new Error("already");
    await expect(sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops listening to the signal once the time is up", async () => {
    const controller = new AbortController();
    const waiting = sleep(5, controller.signal);
    await vi.advanceTimersByTimeAsync(5);
    await waiting;
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});

describe("abortable", () => {
  it("settles like the promise when nothing aborts", async () => {
    await expect(abortable(Promise.resolve(1))).resolves.toBe(1);
    await expect(abortable(Promise.resolve(2), new AbortController().signal)).resolves.toBe(2);
    await expect(
      abortable(Promise.reject(new Error("no")), new AbortController().signal),
    ).rejects.toThrow("no");
  });

  it("stops waiting when the signal aborts, even if the work goes on", async () => {
    const controller = new AbortController();
    const waiting = abortable(new Promise(() => {}), controller.signal);
    controller.abort("enough");
    await expect(waiting).rejects.toBe("enough");
  });

  it("rejects at once for a signal that has already aborted", async () => {
    await expect(abortable(Promise.resolve(1), AbortSignal.abort("gone"))).rejects.toBe("gone");
  });
});
