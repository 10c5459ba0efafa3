/**
 * @module
 * One attempt's signal: it aborts when the caller's signal does or when the attempt's time is
 * up, and says which of the two happened, so the two give different errors.
 *
 * It is a small signal of the client's own rather than an `AbortController`: every attempt
 * makes one, and an `AbortSignal` (an `EventTarget`) costs about a tenth of a call's CPU time in
 * Node. A transport that wants a real `AbortSignal` gets one from {@link toAbortSignal}. Where
 * the adapter gives a hold on timers, a client's attempts share one timer ({@link Deadlines}).
 */

/** What the client and its transports use of an `AbortSignal` (which fits it as it is). */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/**
 * A signal that aborts once; its listeners run once, in the order they were added, each at
 * most once (as on an `AbortSignal`), and one that throws does not stop the others.
 */
class AttemptSignal implements CancelSignal {
  aborted = false;
  reason: unknown;
  #listeners: (() => void)[] = [];

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  addEventListener(_type: "abort", listener: () => void): void {
    if (!this.aborted && !this.#listeners.includes(listener)) this.#listeners.push(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    const index = this.#listeners.indexOf(listener);
    if (index >= 0) this.#listeners.splice(index, 1);
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.#listeners;
    this.#listeners = [];
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        // Reported as an uncaught error, as an AbortSignal's listener error is, after the rest ran.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

/** `signal` as an `AbortSignal`, for `fetch()` and other web APIs. */
export function toAbortSignal(signal: CancelSignal): AbortSignal {
  if (signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener("abort", () => controller.abort(signal.reason));
  return controller.signal;
}

export interface Deadline {
  /** Aborts on the caller's abort or on timeout; hand it to the transport and the body read. */
  readonly signal: CancelSignal;
  /** True when the timeout fired (and not the caller's signal first). */
  readonly timedOut: boolean;
  /** Ends the deadline and drops the listener on the caller's signal; call it when the attempt ends. */
  clear(): void;
}

/**
 * How a runtime lets a timer stop holding its process open, and hold it again: Node's and Bun's
 * `timer.unref()` and `timer.ref()`, Deno's `Deno.unrefTimer(id)` and `Deno.refTimer(id)`. Given
 * one (the {@link TIMERS} client option, which the Node and Deno clients set), a client's
 * attempts share one timer.
 */
export interface TimerHold {
  ref(timer: unknown): void;
  unref(timer: unknown): void;
}

/** The client option (a symbol, as `SHA1` is) through which an adapter hands core its {@link TimerHold}. */
export const TIMERS: unique symbol = Symbol.for("asyncovh.timers") as never;

/**
 * One attempt's deadline, pending in its {@link Deadlines} until cleared or expired; it is its
 * own signal (one object an attempt).
 */
class PendingDeadline extends AttemptSignal implements Deadline {
  timedOut = false;
  /** Its own timer, when the client's attempts do not share one. */
  timer: ReturnType<typeof setTimeout> | undefined;
  readonly #owner: Deadlines;
  readonly #caller: AbortSignal | undefined;
  readonly #onAbort = () => this.abort(this.#caller?.reason);

  constructor(
    owner: Deadlines,
    /** When it expires, on `performance.now()`'s clock. */
    readonly at: number,
    readonly timeout: number,
    caller: AbortSignal | undefined,
  ) {
    super();
    this.#owner = owner;
    this.#caller = caller;
    if (caller?.aborted) this.#onAbort();
    else caller?.addEventListener("abort", this.#onAbort, { once: true });
  }

  get signal(): CancelSignal {
    return this;
  }

  expire(): void {
    if (this.aborted) return;
    this.timedOut = true;
    this.abort(new DOMException(`No response within ${this.timeout} ms.`, "TimeoutError"));
  }

  clear(): void {
    this.#caller?.removeEventListener("abort", this.#onAbort);
    this.#owner.drop(this);
  }
}

/**
 * The deadlines of a client's attempts. Given a {@link TimerHold}, one timer, set for the
 * earliest, serves them all: a timer per attempt, set and cleared on every call, was the largest
 * single cost of a call's own code in Deno (whose timers, in an npm package, are Node's). While
 * the client is idle that timer stays set but unheld, so that the next call need not set one and
 * no process is kept open.
 *
 * Without one (browsers, Workers) each attempt has a timer of its own, cleared when it ends:
 * there is no process to keep open, and a Worker's timer belongs to the request that set it (it
 * never fires once that request is over), so a client serving several requests must not share.
 */
export class Deadlines {
  readonly #hold: TimerHold | undefined;
  readonly #pending = new Set<PendingDeadline>();
  /** The shared timer, when there is a hold. */
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the shared timer fires; `Infinity` when it is not set. */
  #armedFor = Infinity;

  constructor(hold?: TimerHold) {
    this.#hold = hold;
  }

  /** Starts a deadline of `timeout` ms, linked to the caller's `signal` when there is one. */
  start(timeout: number, signal?: AbortSignal): Deadline {
    const pending = new PendingDeadline(this, performance.now() + timeout, timeout, signal);
    if (this.#hold === undefined) {
      pending.timer = setTimeout(() => pending.expire(), timeout);
      return pending;
    }
    this.#pending.add(pending);
    if (pending.at < this.#armedFor) this.#arm(pending.at);
    // The first attempt after an idle spell: the timer holds the process open again.
    else if (this.#pending.size === 1) this.#hold.ref(this.#timer);
    return pending;
  }

  /** Forgets a deadline; with the last one, the shared timer stops holding the process open. */
  drop(pending: PendingDeadline): void {
    if (pending.timer !== undefined) clearTimeout(pending.timer);
    else if (this.#pending.delete(pending) && this.#pending.size === 0 && this.#timer !== undefined)
      this.#hold?.unref(this.#timer);
  }

  #arm(at: number): void {
    clearTimeout(this.#timer);
    this.#armedFor = at;
    // At least 1 ms: a timer that fires a little early (timers count from the event loop's
    // cached time) sets itself again rather than spinning.
    this.#timer = setTimeout(() => this.#expire(), Math.max(1, Math.ceil(at - performance.now())));
  }

  #expire(): void {
    this.#timer = undefined;
    this.#armedFor = Infinity;
    const now = performance.now();
    for (const pending of this.#pending) {
      if (pending.at > now) continue;
      this.#pending.delete(pending);
      pending.expire();
    }
    // The listeners that ran may have started or cleared deadlines: set the timer from what is left.
    let earliest = Infinity;
    for (const pending of this.#pending) earliest = Math.min(earliest, pending.at);
    if (earliest < this.#armedFor) this.#arm(earliest);
  }
}
