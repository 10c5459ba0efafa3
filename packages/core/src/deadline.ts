/**
 * @module
 * One attempt's signal: it aborts when the caller's signal does or when the attempt's time is
 * up, and says which of the two happened, so the two give different errors.
 */

export interface Deadline {
  /** Aborts on the caller's abort or on timeout; hand it to fetch and to the body read. */
  readonly signal: AbortSignal;
  /** True when the timeout fired (and not the caller's signal first). */
  readonly timedOut: boolean;
  /** Stops the timer and the listener on the caller's signal; call it when the attempt ends. */
  clear(): void;
}

/** Starts a deadline of `timeout` ms, linked to the caller's `signal` when there is one. */
export function deadline(timeout: number, signal?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(signal?.reason);
  const timer = setTimeout(() => {
    if (controller.signal.aborted) return;
    timedOut = true;
    controller.abort(new DOMException(`No response within ${timeout} ms.`, "TimeoutError"));
  }, timeout);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    clear() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  };
}
