/**
 * @module
 * One attempt's abort: it fires when the caller's signal aborts, or with a `TimeoutError` when
 * the attempt's time is up, and it says which of the two happened. `clear()` ends it when the
 * attempt ends: its timer is cleared and its listener leaves the caller's signal, so that
 * nothing of a settled call runs on or holds a process open.
 *
 * A fetch gets it as a real `AbortSignal` (`signal`), made when first asked for. The private
 * answer transport (the Node client's) listens to the attempt itself, a `SignalLike`: an
 * `AbortController` and the listeners on it cost that client about a fifth of its throughput at
 * concurrency 32 (docs/guide/performance.md), for an abort that almost never fires.
 *
 * An `AbortController` with a timer, rather than `AbortSignal.timeout()` and `AbortSignal.any()`:
 * a timeout signal cannot be cleared (its timer runs on for the whole timeout after the call),
 * and `any()` over a long-lived caller signal (one shutdown signal handed to every call) leaks
 * in Node 20 to 24 and in Deno releases before the spring of 2026 (nodejs/node#55351, #64476,
 * denoland/deno#24842).
 */

/** What listens for an abort needs of an `AbortSignal`; an `AbortSignal` is one. */
export interface SignalLike {
  /** Whether the abort has happened. */
  readonly aborted: boolean;
  /** Why: the caller's reason, or a `TimeoutError`. */
  readonly reason: unknown;
  /** Calls `listener` once, when the abort happens. */
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  /** Forgets a listener given to `addEventListener`. */
  removeEventListener(type: "abort", listener: () => void): void;
}

export interface AttemptSignal extends SignalLike {
  /** The same abort as an `AbortSignal`, made when first asked for. */
  readonly signal: AbortSignal;
  /** True when the time ran out before the caller aborted. */
  readonly timedOut: boolean;
  /** Ends the attempt's watch: clears the timer, drops the listener on the caller's signal. */
  clear(): void;
}

/** Starts the abort of an attempt of at most `timeout` ms, following `caller` when given. */
export function attemptSignal(timeout: number, caller?: AbortSignal): AttemptSignal {
  let controller: AbortController | undefined;
  let listeners: (() => void)[] = [];
  const attempt = {
    aborted: false,
    reason: undefined as unknown,
    timedOut: false,
    get signal() {
      if (!controller) {
        controller = new AbortController();
        if (attempt.aborted) controller.abort(attempt.reason);
      }
      return controller.signal;
    },
    addEventListener: (_type: "abort", listener: () => void) => {
      listeners.push(listener);
    },
    removeEventListener: (_type: "abort", listener: () => void) => {
      listeners = listeners.filter((other) => other !== listener);
    },
    clear() {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
    },
  };
  const abort = (reason: unknown) => {
    if (attempt.aborted) return;
    attempt.aborted = true;
    attempt.reason = reason;
    controller?.abort(reason);
    for (const listener of listeners.splice(0)) listener();
  };
  const onAbort = () => abort(caller?.reason);
  const timer = setTimeout(() => {
    attempt.timedOut = !attempt.aborted;
    abort(new DOMException(`No response within ${timeout} ms.`, "TimeoutError"));
  }, timeout);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener("abort", onAbort, { once: true });
  return attempt;
}
