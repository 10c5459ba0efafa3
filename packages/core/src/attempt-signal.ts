/**
 * @module
 * One attempt's `AbortSignal`: it aborts when the caller's signal does, or with a `TimeoutError`
 * when the attempt's time is up, and it says which of the two happened. `clear()` ends it when
 * the attempt ends: its timer is cleared and its listener leaves the caller's signal, so that
 * nothing of a settled call runs on or holds a process open.
 *
 * An `AbortController` with a timer, rather than `AbortSignal.timeout()` and `AbortSignal.any()`:
 * a timeout signal cannot be cleared (its timer runs on for the whole timeout after the call),
 * and `any()` over a long-lived caller signal (one shutdown signal handed to every call) leaks
 * in Node 20 to 24 and in Deno releases before the spring of 2026 (nodejs/node#55351, #64476,
 * denoland/deno#24842).
 */

export interface AttemptSignal {
  /** Aborts on the caller's abort (with its reason) or on timeout (a `TimeoutError`). */
  readonly signal: AbortSignal;
  /** True when the time ran out before the caller aborted. */
  readonly timedOut: boolean;
  /** Ends the attempt's watch: clears the timer, drops the listener on the caller's signal. */
  clear(): void;
}

/** Starts the signal of an attempt of at most `timeout` ms, following `caller` when given. */
export function attemptSignal(timeout: number, caller?: AbortSignal): AttemptSignal {
  const controller = new AbortController();
  const { signal } = controller;
  let timedOut = false;
  const onAbort = () => controller.abort(caller?.reason);
  const timer = setTimeout(() => {
    timedOut = !signal.aborted;
    controller.abort(new DOMException(`No response within ${timeout} ms.`, "TimeoutError"));
  }, timeout);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener("abort", onAbort, { once: true });
  return {
    signal,
    get timedOut() {
      return timedOut;
    },
    clear() {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
    },
  };
}
