/**
 * @module
 * One attempt's signal: it aborts when the caller's signal does or when the attempt's time is
 * up, and says which of the two happened, so the two give different errors.
 *
 * It is a small signal of the client's own rather than an `AbortController`: every attempt
 * makes one, and an `AbortSignal` (an `EventTarget`) costs about a tenth of a call's CPU time in
 * Node. A transport that wants a real `AbortSignal` gets one from {@link toAbortSignal}.
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
  /** Stops the timer and the listener on the caller's signal; call it when the attempt ends. */
  clear(): void;
}

/** Starts a deadline of `timeout` ms, linked to the caller's `signal` when there is one. */
export function deadline(timeout: number, signal?: AbortSignal): Deadline {
  const own = new AttemptSignal();
  let timedOut = false;
  const onAbort = () => own.abort(signal?.reason);
  const timer = setTimeout(() => {
    if (own.aborted) return;
    timedOut = true;
    own.abort(new DOMException(`No response within ${timeout} ms.`, "TimeoutError"));
  }, timeout);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: own,
    get timedOut() {
      return timedOut;
    },
    clear() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  };
}
