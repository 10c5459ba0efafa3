/**
 * @module
 * A client-side limiter: at most `maxConcurrency` requests in flight and, when asked, at most
 * `requests` sent per `interval` ms (OVH advises 60 per minute per consumer key). Waiting
 * calls hold nothing but a queue entry, and leave the queue when their signal aborts.
 *
 * The rate window counts from the moment a request goes on the wire (`slot.sent()`), not from
 * its grant: a busy process may take a while between the two, and counting from the grant would
 * let the API see up to twice the rate across a window's edge.
 */
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

/** At most `requests` requests started in any `interval` ms. */
export interface RateLimit {
  /** The most requests sent in one interval. */
  requests: number;
  /** The interval, in milliseconds. */
  interval: number;
}

export interface LimiterOptions {
  rateLimit?: RateLimit | undefined;
  /** At most this many requests in flight (default {@link DEFAULT_MAX_CONCURRENCY}). */
  maxConcurrency?: number | undefined;
}

/** A place granted by the limiter, held from the grant to the end of the request. */
export interface Slot {
  /** The request goes on the wire now: the rate window counts from here. */
  sent(): void;
  /** Gives the place back; calling it again does nothing. */
  release(): void;
}

/** Enough to keep a connection pool busy, few enough not to open thousands of sockets. */
export const DEFAULT_MAX_CONCURRENCY = 64;

interface Waiter {
  grant(slot: Slot): void;
}

/** When a request counted by the rate window went out; `waiting` until it has. */
interface Start {
  at: number;
  waiting: boolean;
}

function checkRateLimit(rateLimit: unknown): RateLimit | undefined {
  if (rateLimit === undefined) return undefined;
  const { requests, interval } = (rateLimit ?? {}) as Partial<RateLimit>;
  if (
    !Number.isInteger(requests) ||
    (requests as number) < 1 ||
    typeof interval !== "number" ||
    !Number.isFinite(interval) ||
    interval <= 0
  ) {
    throw new InvalidConfiguration(
      "rateLimit must be { requests, interval }: a whole number of requests (1 or more) per interval in ms, e.g. { requests: 60, interval: 60000 }.",
    );
  }
  return { requests: requests as number, interval };
}

function checkConcurrency(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_CONCURRENCY;
  if (value !== Number.POSITIVE_INFINITY && !(Number.isInteger(value) && (value as number) >= 1)) {
    throw new InvalidConfiguration(
      `maxConcurrency must be a whole number of requests, 1 or more, or Infinity (got ${String(value)}).`,
    );
  }
  return value as number;
}

export class Limiter {
  readonly #maxConcurrency: number;
  readonly #rate: RateLimit | undefined;
  readonly #now: () => number;
  // The last `requests` requests granted, oldest at `#head`.
  readonly #starts: Start[] = [];
  #head = 0;
  #active = 0;
  // A Set keeps arrival order and lets an aborted waiter leave in O(1).
  readonly #queue = new Set<Waiter>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LimiterOptions = {}, now: () => number = () => performance.now()) {
    this.#maxConcurrency = checkConcurrency(options.maxConcurrency);
    this.#rate = checkRateLimit(options.rateLimit);
    this.#now = now;
  }

  /** Requests in flight. */
  get active(): number {
    return this.#active;
  }

  /** Calls waiting for a slot. */
  get pending(): number {
    return this.#queue.size;
  }

  /**
   * Waits for a slot (first come, first served). Rejects with the signal's reason, leaving the
   * queue, when the signal aborts first.
   */
  acquire(signal?: AbortSignal): Promise<Slot> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        this.#queue.delete(waiter);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (slot) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(slot);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#queue.add(waiter);
      this.#drain();
    });
  }

  /**
   * A slot at once when one is free and nobody waits, else `undefined` (then `acquire`): most
   * calls find a free slot, and this spares them a promise.
   */
  tryAcquire(): Slot | undefined {
    if (this.#queue.size > 0 || this.#active >= this.#maxConcurrency || this.#rateWait() > 0) {
      return undefined;
    }
    return this.#take();
  }

  #drain(): void {
    while (this.#queue.size > 0 && this.#active < this.#maxConcurrency) {
      const wait = this.#rateWait();
      if (wait > 0) {
        // Infinity: the oldest request is not sent yet; its `sent()` or `release()` drains.
        if (this.#timer === undefined && wait !== Number.POSITIVE_INFINITY) {
          this.#timer = setTimeout(() => {
            this.#timer = undefined;
            this.#drain();
          }, wait);
        }
        return;
      }
      const waiter = this.#queue.values().next().value as Waiter;
      this.#queue.delete(waiter);
      waiter.grant(this.#take());
    }
  }

  /** Counts a request in flight (and in the rate window) and hands its slot over. */
  #take(): Slot {
    this.#active++;
    const start = this.#recordStart();
    let released = false;
    return {
      sent: () => {
        if (!start?.waiting) return;
        start.at = this.#now();
        start.waiting = false;
        this.#drain();
      },
      release: () => {
        if (released) return;
        released = true;
        if (start) start.waiting = false;
        this.#active--;
        this.#drain();
      },
    };
  }

  /** Milliseconds before the window lets one more request go (0: now). */
  #rateWait(): number {
    if (this.#rate === undefined || this.#starts.length < this.#rate.requests) return 0;
    const oldest = this.#starts[this.#head] as Start;
    if (oldest.waiting) return Number.POSITIVE_INFINITY;
    return Math.max(0, oldest.at + this.#rate.interval - this.#now());
  }

  #recordStart(): Start | undefined {
    if (this.#rate === undefined) return undefined;
    const start: Start = { at: this.#now(), waiting: true };
    if (this.#starts.length < this.#rate.requests) {
      this.#starts.push(start);
    } else {
      this.#starts[this.#head] = start;
      this.#head = (this.#head + 1) % this.#rate.requests;
    }
    return start;
  }
}
