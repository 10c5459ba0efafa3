/**
 * @module
 * A client-side limiter: at most `maxConcurrency` requests in flight and, when asked, at most
 * `requests` started per `interval` ms (OVH advises 60 per minute per consumer key). Waiting
 * calls hold nothing but a queue entry, and leave the queue when their signal aborts.
 */
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

/** At most `requests` requests started in any `interval` ms. */
export interface RateLimit {
  requests: number;
  interval: number;
}

export interface LimiterOptions {
  rateLimit?: RateLimit | undefined;
  /** At most this many requests in flight (default {@link DEFAULT_MAX_CONCURRENCY}). */
  maxConcurrency?: number | undefined;
}

/** Gives the slot back; calling it again does nothing. */
export type Release = () => void;

/** Enough to keep a connection pool busy, few enough not to open thousands of sockets. */
export const DEFAULT_MAX_CONCURRENCY = 64;

interface Waiter {
  grant(release: Release): void;
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
  // Start times of the last `requests` requests, oldest at `#head`.
  readonly #starts: number[] = [];
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
   * Waits for a slot (first come, first served) and returns the function that gives it back.
   * Rejects with the signal's reason, leaving the queue, when the signal aborts first.
   */
  acquire(signal?: AbortSignal): Promise<Release> {
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
        grant: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#queue.add(waiter);
      this.#drain();
    });
  }

  #drain(): void {
    while (this.#queue.size > 0 && this.#active < this.#maxConcurrency) {
      const wait = this.#rateWait();
      if (wait > 0) {
        if (this.#timer === undefined) {
          this.#timer = setTimeout(() => {
            this.#timer = undefined;
            this.#drain();
          }, wait);
        }
        return;
      }
      const waiter = this.#queue.values().next().value as Waiter;
      this.#queue.delete(waiter);
      this.#active++;
      this.#recordStart();
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        this.#active--;
        this.#drain();
      });
    }
  }

  /** Milliseconds before the window lets one more request start (0: now). */
  #rateWait(): number {
    if (this.#rate === undefined || this.#starts.length < this.#rate.requests) return 0;
    const oldest = this.#starts[this.#head] as number;
    return Math.max(0, oldest + this.#rate.interval - this.#now());
  }

  #recordStart(): void {
    if (this.#rate === undefined) return;
    if (this.#starts.length < this.#rate.requests) {
      this.#starts.push(this.#now());
      return;
    }
    this.#starts[this.#head] = this.#now();
    this.#head = (this.#head + 1) % this.#rate.requests;
  }
}
