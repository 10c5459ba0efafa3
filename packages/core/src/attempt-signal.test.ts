import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { attemptSignal } from "./attempt-signal.ts";

/** A caller's signal that shows which listeners it holds. */
function watched() {
  const controller = new AbortController();
  const listeners = new Set<unknown>();
  const { signal } = controller;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, listener: () => void, options?: object) => {
    listeners.add(listener);
    add(type, listener, options);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, listener: () => void) => {
    listeners.delete(listener);
    remove(type, listener);
  }) as typeof signal.removeEventListener;
  return { controller, signal, listeners };
}

describe("attemptSignal", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is a real AbortSignal, that aborts with a TimeoutError when the time is up, and says so", async () => {
    const attempt = attemptSignal(100);
    expect(attempt.signal).toBeInstanceOf(AbortSignal);
    await vi.advanceTimersByTimeAsync(99);
    expect(attempt.signal.aborted).toBe(false);
    expect(attempt.timedOut).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.timedOut).toBe(true);
    expect(attempt.signal.reason).toBeInstanceOf(DOMException);
    expect(attempt.signal.reason.name).toBe("TimeoutError");
    expect(attempt.signal.reason.message).toBe("No response within 100 ms.");
  });

  it("follows the caller's signal, with its reason, and is not a timeout", () => {
    const { controller, signal } = watched();
    const attempt = attemptSignal(100, signal);
    const reason = new Error("user left");
    controller.abort(reason);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe(reason);
    expect(attempt.timedOut).toBe(false);
  });

  it("stays an abort, not a timeout, when the time runs out after the caller's abort", async () => {
    const { controller, signal } = watched();
    const attempt = attemptSignal(100, signal);
    controller.abort("stop");
    await vi.advanceTimersByTimeAsync(100);
    expect(attempt.timedOut).toBe(false);
    expect(attempt.signal.reason).toBe("stop");
  });

  it("stays a timeout when the caller aborts after the time ran out", async () => {
    const { controller, signal } = watched();
    const attempt = attemptSignal(100, signal);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort("too late");
    expect(attempt.timedOut).toBe(true);
    expect(attempt.signal.reason.name).toBe("TimeoutError");
  });

  it("starts aborted when the caller's signal already is, listening to nothing", () => {
    const { controller, signal, listeners } = watched();
    controller.abort("before");
    const attempt = attemptSignal(100, signal);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe("before");
    expect(listeners.size).toBe(0);
    attempt.clear();
  });

  it("leaves no timer and no listener once cleared, and never times out then", async () => {
    const { signal, listeners } = watched();
    const attempt = attemptSignal(100, signal);
    expect(vi.getTimerCount()).toBe(1);
    expect(listeners.size).toBe(1);
    attempt.clear();
    expect(vi.getTimerCount()).toBe(0);
    expect(listeners.size).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(attempt.signal.aborted).toBe(false);
    expect(attempt.timedOut).toBe(false);
  });

  it("tells its own listeners, once, and a listener removed hears nothing", async () => {
    const attempt = attemptSignal(100);
    const heard: string[] = [];
    const removed = () => heard.push("removed");
    attempt.addEventListener("abort", () => heard.push(`first ${attempt.aborted}`));
    attempt.addEventListener("abort", removed);
    attempt.addEventListener("abort", () => heard.push("second"));
    attempt.removeEventListener("abort", removed);
    await vi.advanceTimersByTimeAsync(100);
    expect(heard).toEqual(["first true", "second"]);
    expect((attempt.reason as DOMException).name).toBe("TimeoutError");
    expect(attempt.timedOut).toBe(true);
  });

  it("makes its AbortSignal when asked, already aborted when the attempt is", () => {
    const { controller, signal } = watched();
    const attempt = attemptSignal(100, signal);
    controller.abort("gone");
    expect(attempt.aborted).toBe(true);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe("gone");
    expect(attempt.signal).toBe(attempt.signal);
    attempt.clear();
  });
});
