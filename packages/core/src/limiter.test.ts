import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { DEFAULT_MAX_CONCURRENCY, Limiter, type Slot } from "./limiter.ts";

/** Queues `count` requests that go out and end as soon as granted; records when (Date.now). */
function sendAll(limiter: Limiter, count: number): number[] {
  const sentAt: number[] = [];
  for (let i = 0; i < count; i++) {
    void limiter.acquire().then((slot) => {
      sentAt.push(Date.now());
      slot.sent();
      slot.release();
    });
  }
  return sentAt;
}

/** Records the order in which acquisitions are granted. */
function track(limiter: Limiter, count: number, signal?: AbortSignal) {
  const granted: number[] = [];
  const slots = new Map<number, Slot>();
  const settled = Array.from({ length: count }, (_, i) =>
    limiter.acquire(signal).then((slot) => {
      granted.push(i);
      slots.set(i, slot);
    }),
  );
  return { granted, slots, settled };
}

describe("Limiter: concurrency", () => {
  it("lets maxConcurrency calls in and queues the others, first come first served", async () => {
    const limiter = new Limiter({ maxConcurrency: 2 });
    const { granted, slots } = track(limiter, 5);
    await vi.waitFor(() => expect(granted).toEqual([0, 1]));
    expect(limiter.active).toBe(2);
    expect(limiter.pending).toBe(3);
    slots.get(1)?.release();
    await vi.waitFor(() => expect(granted).toEqual([0, 1, 2]));
    slots.get(0)?.release();
    slots.get(2)?.release();
    await vi.waitFor(() => expect(granted).toEqual([0, 1, 2, 3, 4]));
    expect(limiter.pending).toBe(0);
    expect(limiter.active).toBe(2);
  });

  it("ignores a second release of the same slot", async () => {
    const limiter = new Limiter({ maxConcurrency: 1 });
    const slot = await limiter.acquire();
    slot.release();
    slot.release();
    expect(limiter.active).toBe(0);
    const { granted } = track(limiter, 3);
    await vi.waitFor(() => expect(granted).toEqual([0]));
    expect(limiter.active).toBe(1);
  });

  it(`defaults to ${DEFAULT_MAX_CONCURRENCY} in flight, and Infinity lifts the cap`, async () => {
    const capped = new Limiter();
    track(capped, DEFAULT_MAX_CONCURRENCY + 10);
    await vi.waitFor(() => expect(capped.active).toBe(DEFAULT_MAX_CONCURRENCY));
    expect(capped.pending).toBe(10);
    const open = new Limiter({ maxConcurrency: Number.POSITIVE_INFINITY });
    track(open, 1000);
    await vi.waitFor(() => expect(open.active).toBe(1000));
  });

  it("drops a waiter whose signal aborts, with the signal's reason, and serves the next", async () => {
    const limiter = new Limiter({ maxConcurrency: 1 });
    const first = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    expect(limiter.pending).toBe(2);
    const reason = new Error("caller gave up");
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    expect(limiter.pending).toBe(1);
    first.release();
    const slot = await next;
    expect(limiter.active).toBe(1);
    slot.release();
    expect(limiter.active).toBe(0);
  });

  it("refuses at once, without queueing, a signal that has already aborted", async () => {
    const limiter = new Limiter({ maxConcurrency: 1 });
    await expect(limiter.acquire(AbortSignal.abort("late"))).rejects.toBe("late");
    expect(limiter.pending).toBe(0);
    expect(limiter.active).toBe(0);
  });

  it("stops listening to a signal once its call is let in", async () => {
    const limiter = new Limiter({ maxConcurrency: 1 });
    const controller = new AbortController();
    const slot = await limiter.acquire(controller.signal);
    controller.abort();
    expect(limiter.active).toBe(1);
    slot.release();
    expect(limiter.active).toBe(0);
  });

  it("hands a free slot over at once, and none while the cap is reached or others wait", async () => {
    const limiter = new Limiter({ maxConcurrency: 2 });
    const first = limiter.tryAcquire() as Slot;
    const second = limiter.tryAcquire() as Slot;
    expect(limiter.active).toBe(2);
    expect(limiter.tryAcquire()).toBeUndefined();
    const waiting = limiter.acquire();
    first.release();
    // The freed slot goes to the call that waited, not to a newcomer.
    expect(limiter.tryAcquire()).toBeUndefined();
    (await waiting).release();
    second.release();
    expect(limiter.active).toBe(0);
    expect(limiter.tryAcquire()).toBeDefined();
  });

  it("hands no slot at once when the rate window is full", () => {
    const limiter = new Limiter({ rateLimit: { requests: 1, interval: 1000 } }, () => 0);
    (limiter.tryAcquire() as Slot).sent();
    expect(limiter.tryAcquire()).toBeUndefined();
  });

  it("keeps 10 000 waiters in order and drains them all", async () => {
    const limiter = new Limiter({ maxConcurrency: 10 });
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10_000 }, (_, i) =>
        limiter.acquire().then(async (slot) => {
          order.push(i);
          await Promise.resolve();
          slot.release();
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(limiter.active).toBe(0);
  });
});

describe("Limiter: rate", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("starts at most `requests` per sliding `interval`", async () => {
    const limiter = new Limiter({ rateLimit: { requests: 3, interval: 1000 } }, Date.now);
    const startedAt = sendAll(limiter, 7);
    await vi.advanceTimersByTimeAsync(0);
    expect(startedAt).toEqual([0, 0, 0]);
    await vi.advanceTimersByTimeAsync(999);
    expect(startedAt).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(startedAt).toEqual([0, 0, 0, 1000, 1000, 1000]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(startedAt).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it("counts starts, not completions: a window slides from each start", async () => {
    const limiter = new Limiter({ rateLimit: { requests: 2, interval: 1000 } }, Date.now);
    const startedAt: number[] = [];
    const take = () =>
      limiter.acquire().then((slot) => {
        startedAt.push(Date.now());
        slot.sent();
        slot.release();
      });
    void take();
    await vi.advanceTimersByTimeAsync(400);
    void take();
    void take();
    void take();
    await vi.advanceTimersByTimeAsync(2000);
    expect(startedAt).toEqual([0, 400, 1000, 1400]);
  });

  it("counts the window from when a request is sent, not from its grant", async () => {
    const limiter = new Limiter({ rateLimit: { requests: 2, interval: 1000 } }, Date.now);
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    a.sent();
    // b is held up (a busy process, a token to fetch) and goes out 300 ms after its grant.
    await vi.advanceTimersByTimeAsync(300);
    b.sent();
    a.release();
    b.release();
    const grantedAt = sendAll(limiter, 2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(grantedAt).toEqual([1000, 1300]);
  });

  it("does not reuse the place of a request granted but not sent yet", async () => {
    const limiter = new Limiter({ rateLimit: { requests: 1, interval: 1000 } }, Date.now);
    const slow = await limiter.acquire();
    let next: Slot | undefined;
    void limiter.acquire().then((slot) => {
      next = slot;
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(next).toBeUndefined();
    slow.sent();
    await vi.advanceTimersByTimeAsync(999);
    expect(next).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(next).toBeDefined();
    slow.sent();
    slow.release();
  });

  it("counts a request given back unsent from its grant", async () => {
    const limiter = new Limiter({ rateLimit: { requests: 1, interval: 1000 } }, Date.now);
    (await limiter.acquire()).release();
    let grantedAt: number | undefined;
    void limiter.acquire().then(() => {
      grantedAt = Date.now();
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(grantedAt).toBe(1000);
  });

  it("combines with the concurrency cap", async () => {
    const limiter = new Limiter(
      { rateLimit: { requests: 10, interval: 1000 }, maxConcurrency: 1 },
      Date.now,
    );
    const slots: Slot[] = [];
    for (let i = 0; i < 3; i++) void limiter.acquire().then((r) => slots.push(r));
    await vi.advanceTimersByTimeAsync(0);
    expect(slots).toHaveLength(1);
    slots[0]?.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(slots).toHaveLength(2);
  });

  it("lets an aborted waiter leave while the window is closed", async () => {
    const limiter = new Limiter({ rateLimit: { requests: 1, interval: 1000 } }, Date.now);
    (await limiter.acquire()).release();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error("no"));
    await expect(waiting).rejects.toThrow("no");
    await vi.advanceTimersByTimeAsync(1000);
    expect(limiter.pending).toBe(0);
    expect(limiter.active).toBe(0);
  });

  it("measures time with performance.now by default", async () => {
    const limiter = new Limiter({ rateLimit: { requests: 1, interval: 50 } });
    vi.useRealTimers();
    const before = performance.now();
    (await limiter.acquire()).release();
    (await limiter.acquire()).release();
    expect(performance.now() - before).toBeGreaterThanOrEqual(45);
  });
});

describe("Limiter: options", () => {
  it.each([
    [
      { maxConcurrency: 0 },
      /maxConcurrency must be a whole number of requests, 1 or more, or Infinity \(got 0\)/,
    ],
    [{ maxConcurrency: 1.5 }, /maxConcurrency/],
    [{ maxConcurrency: "4" }, /maxConcurrency/],
    [{ rateLimit: { requests: 0, interval: 1000 } }, /rateLimit must be \{ requests, interval \}/],
    [{ rateLimit: { requests: 60 } }, /rateLimit/],
    [{ rateLimit: { requests: 60, interval: 0 } }, /rateLimit/],
    [{ rateLimit: { requests: 60, interval: Number.POSITIVE_INFINITY } }, /rateLimit/],
    [{ rateLimit: null }, /rateLimit/],
    [{ rateLimit: 60 }, /e\.g\. \{ requests: 60, interval: 60000 \}/],
  ])("refuses %j", (options, message) => {
    expect(() => new Limiter(options as never)).toThrow(InvalidConfiguration);
    expect(() => new Limiter(options as never)).toThrow(message);
  });
});
