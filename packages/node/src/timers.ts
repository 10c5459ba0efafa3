/**
 * @module
 * Node's and Bun's hold on timers, for the client's shared deadline timer: their timers are
 * objects that unref and ref themselves.
 */
import type { TimerHold } from "@asyncovh/core";

interface NodeTimer {
  ref(): void;
  unref(): void;
}

export const nodeTimers: TimerHold = {
  ref: (timer) => (timer as NodeTimer).ref(),
  unref: (timer) => (timer as NodeTimer).unref(),
};
