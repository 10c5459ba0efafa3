/**
 * @module
 * Deno's hold on timers, for the client's shared deadline timer: Deno's own `setTimeout` gives
 * ids, which `Deno.unrefTimer()` and `Deno.refTimer()` take; inside an npm package it is Node's,
 * whose timer objects unref and ref themselves.
 */
import type { TimerHold } from "@asyncovh/core";

/** What the hold uses of the `Deno` namespace. */
export interface DenoTimers {
  refTimer(id: number): void;
  unrefTimer(id: number): void;
}

interface NodeTimer {
  ref(): void;
  unref(): void;
}

/** The hold of `deno` (default: the global `Deno`), or `undefined` where it has no such calls. */
export function denoTimers(
  deno: Partial<DenoTimers> | undefined = (globalThis as { Deno?: Partial<DenoTimers> }).Deno,
): TimerHold | undefined {
  const { refTimer, unrefTimer } = deno ?? {};
  if (typeof refTimer !== "function" || typeof unrefTimer !== "function") return undefined;
  return {
    ref: (timer) =>
      typeof timer === "number" ? refTimer.call(deno, timer) : (timer as NodeTimer).ref(),
    unref: (timer) =>
      typeof timer === "number" ? unrefTimer.call(deno, timer) : (timer as NodeTimer).unref(),
  };
}
