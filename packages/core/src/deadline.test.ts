import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Client } from "./client.ts";
import { Deadlines, TIMERS, type TimerHold, toAbortSignal } from "./deadline.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

/** A deadline of a client of its own, as most tests here need one alone. */
const deadline = (timeout: number, signal?: AbortSignal) => new Deadlines().start(timeout, signal);

/** Node's hold on its timers (and on the fake ones, which have the same methods). */
const hold: TimerHold = {
  ref: (timer) => (timer as NodeJS.Timeout).ref(),
  unref: (timer) => (timer as NodeJS.Timeout).unref(),
};

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

  it("leaves no listener behind once cleared, and never times out then", async () => {
    const caller = new AbortController();
    const d = deadline(1000, caller.signal);
    d.clear();
    caller.abort();
    await vi.advanceTimersByTimeAsync(2000);
    expect(d.signal.aborted).toBe(false);
    expect(d.timedOut).toBe(false);
  });

  describe("of a client given a hold on its timers", () => {
    it("share one timer, and each still expires at its own time", async () => {
      const deadlines = new Deadlines(hold);
      const long = deadlines.start(1000);
      await vi.advanceTimersByTimeAsync(200);
      const short = deadlines.start(500);
      const later = deadlines.start(2000);
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(499);
      expect([long, short, later].map((d) => d.signal.aborted)).toEqual([false, false, false]);
      await vi.advanceTimersByTimeAsync(1);
      expect([long, short, later].map((d) => d.timedOut)).toEqual([false, true, false]);
      await vi.advanceTimersByTimeAsync(299);
      expect(long.timedOut).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(long.timedOut).toBe(true);
      expect((long.signal.reason as DOMException).message).toBe("No response within 1000 ms.");
      await vi.advanceTimersByTimeAsync(1199);
      expect(later.timedOut).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(later.timedOut).toBe(true);
    });

    it("set the timer for the next one when the earliest is cleared before its time", async () => {
      const deadlines = new Deadlines(hold);
      const first = deadlines.start(1000);
      const second = deadlines.start(1500);
      first.clear();
      await vi.advanceTimersByTimeAsync(1499);
      expect(first.signal.aborted).toBe(false);
      expect(second.signal.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(second.timedOut).toBe(true);
      expect(first.signal.aborted).toBe(false);
    });

    it("time a deadline started by a listener of one that expired", async () => {
      const deadlines = new Deadlines(hold);
      const first = deadlines.start(1000);
      let next: ReturnType<Deadlines["start"]> | undefined;
      first.signal.addEventListener("abort", () => {
        next = deadlines.start(300);
      });
      await vi.advanceTimersByTimeAsync(1000);
      expect(first.timedOut).toBe(true);
      await vi.advanceTimersByTimeAsync(299);
      expect(next?.signal.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(next?.timedOut).toBe(true);
    });

    it("are a client's own: another client's deadlines do not share its timer", () => {
      const a = new Deadlines(hold).start(1000);
      const b = new Deadlines(hold).start(1000);
      expect(vi.getTimerCount()).toBe(2);
      a.clear();
      b.clear();
    });

    it("without a hold (browsers, Workers), each set a timer of their own", async () => {
      // A Worker's timer belongs to the request that set it, and never fires once that request
      // is over: a client serving two requests at once must not time one's attempt with the
      // other's timer.
      const deadlines = new Deadlines();
      const ds = [deadlines.start(1000), deadlines.start(500), deadlines.start(3000)];
      expect(vi.getTimerCount()).toBe(3);
      ds[2]?.clear();
      expect(vi.getTimerCount()).toBe(2);
      await vi.advanceTimersByTimeAsync(499);
      expect(ds.map((d) => d.signal.aborted)).toEqual([false, false, false]);
      await vi.advanceTimersByTimeAsync(1);
      expect(ds.map((d) => d.timedOut)).toEqual([false, true, false]);
      ds[1]?.clear();
      await vi.advanceTimersByTimeAsync(500);
      expect(ds.map((d) => d.timedOut)).toEqual([true, true, false]);
      ds[0]?.clear();
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});

describe("an idle client's shared deadline timer, with Node's hold on its timers", () => {
  const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

  it("holds no process open, and is used again by the next attempt", async () => {
    const before = timers();
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    try {
      const deadlines = new Deadlines(hold);
      const first = deadlines.start(60_000);
      expect(timers()).toBe(before + 1);
      first.clear();
      expect(timers()).toBe(before);
      const second = deadlines.start(60_000);
      expect(timers()).toBe(before + 1);
      expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
      second.clear();
      expect(timers()).toBe(before);
    } finally {
      setTimeoutSpy.mockRestore();
    }
  });

  it("still times the next attempt when the idle timer fires before it ends", async () => {
    vi.useFakeTimers();
    try {
      const deadlines = new Deadlines(hold);
      deadlines.start(20).clear();
      const next = deadlines.start(60);
      await vi.advanceTimersByTimeAsync(59);
      expect(next.signal.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(next.timedOut).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the attempt's signal", () => {
  it("runs its listeners once, in the order they were added", () => {
    const caller = new AbortController();
    const d = deadline(1000, caller.signal);
    const ran: string[] = [];
    d.signal.addEventListener("abort", () => ran.push("first"));
    d.signal.addEventListener("abort", () => ran.push("second"), { once: true });
    d.signal.addEventListener("abort", () => ran.push("third"));
    caller.abort();
    expect(ran).toEqual(["first", "second", "third"]);
    d.clear();
  });

  it("runs them once even when the time is up after the caller's abort", async () => {
    vi.useFakeTimers();
    try {
      const caller = new AbortController();
      const d = deadline(1000, caller.signal);
      let runs = 0;
      d.signal.addEventListener("abort", () => runs++);
      caller.abort("first");
      await vi.advanceTimersByTimeAsync(1000);
      expect(runs).toBe(1);
      expect(d.signal.reason).toBe("first");
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not run a listener that was removed, and ignores removing one never added", () => {
    const caller = new AbortController();
    const d = deadline(1000, caller.signal);
    const ran: string[] = [];
    const removed = () => ran.push("removed");
    d.signal.addEventListener("abort", () => ran.push("kept"));
    d.signal.addEventListener("abort", removed);
    d.signal.removeEventListener("abort", removed);
    d.signal.removeEventListener("abort", () => ran.push("stranger"));
    caller.abort();
    expect(ran).toEqual(["kept"]);
    d.clear();
  });

  it("never runs a listener added after the abort", () => {
    const d = deadline(1000, AbortSignal.abort("early"));
    let runs = 0;
    d.signal.addEventListener("abort", () => runs++);
    expect(runs).toBe(0);
    d.clear();
  });

  it("throws nothing before the abort, and its reason after", () => {
    const caller = new AbortController();
    const d = deadline(1000, caller.signal);
    expect(() => d.signal.throwIfAborted()).not.toThrow();
    const reason = new Error("user gave up");
    caller.abort(reason);
    expect(() => d.signal.throwIfAborted()).toThrow(reason);
    d.clear();
  });
});

describe("toAbortSignal", () => {
  it("gives an AbortSignal back as it is", () => {
    const signal = new AbortController().signal;
    expect(toAbortSignal(signal)).toBe(signal);
  });

  it("gives an aborted AbortSignal, with the same reason, for a signal that has aborted", () => {
    const d = deadline(1000, AbortSignal.abort("early"));
    const signal = toAbortSignal(d.signal);
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe("early");
    d.clear();
  });

  it("gives an AbortSignal that aborts, with the same reason, when the signal does", () => {
    const caller = new AbortController();
    const d = deadline(1000, caller.signal);
    const signal = toAbortSignal(d.signal);
    expect(signal.aborted).toBe(false);
    const reason = new Error("user gave up");
    caller.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
    d.clear();
  });
});

describe("the attempt signal's listeners", () => {
  it("run once each, and one that throws does not stop the others; its error is reported", async () => {
    const reported: unknown[] = [];
    const onUncaught = (error: unknown) => reported.push(error);
    const listeners = process.listeners("uncaughtException");
    process.removeAllListeners("uncaughtException");
    process.on("uncaughtException", onUncaught);
    try {
      const clock = deadline(60_000);
      const ran: string[] = [];
      const first = () => ran.push("first");
      clock.signal.addEventListener("abort", first);
      clock.signal.addEventListener("abort", first);
      clock.signal.addEventListener("abort", () => {
        throw new Error("a listener failed");
      });
      clock.signal.addEventListener("abort", () => ran.push("last"));
      const controller = new AbortController();
      const linked = deadline(60_000, controller.signal);
      linked.signal.addEventListener("abort", () => ran.push("linked"));
      controller.abort(new Error("stop"));
      (clock.signal as unknown as { abort(reason: unknown): void }).abort(new Error("stop"));
      expect(ran).toEqual(["linked", "first", "last"]);
      // Reported from a microtask: it has run by the next macrotask.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(reported).toEqual([new Error("a listener failed")]);
      clock.clear();
      linked.clear();
    } finally {
      process.off("uncaughtException", onUncaught);
      for (const listener of listeners) process.on("uncaughtException", listener);
    }
  });
});

describe("the TIMERS client option", () => {
  const client = (timers: unknown) =>
    new Client({
      endpoint: "http://127.0.0.1:9/1.0",
      ...DEMO_CREDENTIALS,
      timeDelta: 0,
      fetch: createMockOvh().fetch,
      [TIMERS]: timers as never,
    });

  it("refuses a hold without ref and unref", () => {
    for (const bad of [null, {}, { ref: () => undefined }, "unref"]) {
      expect(() => client(bad)).toThrow(InvalidConfiguration);
    }
  });

  it("times a client's calls with one timer, unheld between calls and held again during one", async () => {
    const calls: string[] = [];
    const recording: TimerHold = {
      ref: (timer) => {
        calls.push("ref");
        hold.ref(timer);
      },
      unref: (timer) => {
        calls.push("unref");
        hold.unref(timer);
      },
    };
    const c = client(recording);
    await c.get("/me");
    expect(calls).toEqual(["unref"]);
    await c.get("/me");
    expect(calls).toEqual(["unref", "ref", "unref"]);
  });
});
