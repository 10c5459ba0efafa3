/**
 * @module
 * What a client reports to an `onEvent` hook: each attempt's request (headers redacted), each
 * response, each retry and the final error of a failed call. The hook is opt-in, and a hook
 * that throws (or rejects) never breaks a call.
 */
import type { APIError } from "./errors/api-error.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

/** What every event carries: which call, and which attempt of it. */
export interface EventBase {
  /** The call's method. */
  method: string;
  /** The URL of the call, query string included. */
  url: string;
  /** 1 for the first attempt of the call, then 2, 3… */
  attempt: number;
}

/** An attempt is sent; secret headers read `[redacted]`. */
export interface RequestEvent extends EventBase {
  /** What happened: a request is sent. */
  type: "request";
  /** The headers sent, the secret ones redacted. */
  headers: Record<string, string>;
}

/** An attempt got a response (any status). */
export interface ResponseEvent extends EventBase {
  /** What happened: a response arrived. */
  type: "response";
  /** Its HTTP status. */
  status: number;
  /** The `X-Ovh-QueryID` header. */
  queryId: string | undefined;
  /** From sending to the end of the body read (to the headers for `rawCall`), in ms. */
  durationMs: number;
}

/** An attempt failed and the call will be tried again after `delayMs`. */
export interface RetryEvent extends EventBase {
  /** What happened: the attempt failed, and another follows. */
  type: "retry";
  /** The wait before the next attempt, in ms. */
  delayMs: number;
  /** `status`, `network` or `clock` (the server refused the timestamp; its time is re-read). */
  reason: "status" | "network" | "clock";
  /** The status of the failed attempt, when it had one. */
  status: number | undefined;
}

/** The call failed for good with `error`. */
export interface ErrorEvent extends EventBase {
  /** What happened: the call failed for good. */
  type: "error";
  /** The error the call rejects with. */
  error: APIError;
}

/** Any event a client reports to its `onEvent` hook, told apart by `type`. */
export type ClientEvent = RequestEvent | ResponseEvent | RetryEvent | ErrorEvent;

/** The `onEvent` option. */
export type EventHook = (event: ClientEvent) => unknown;

/** Checks an `onEvent` option. */
export function checkEventHook(value: unknown): EventHook | undefined {
  if (value !== undefined && typeof value !== "function") {
    throw new InvalidConfiguration(
      "onEvent must be a function that receives each request, response, retry and error event.",
    );
  }
  return value as EventHook | undefined;
}

/** Hands `event` to the hook, if any; whatever the hook does wrong stays in the hook. */
export function emit(hook: EventHook | undefined, event: ClientEvent): void {
  if (hook === undefined) return;
  try {
    const result = hook(event);
    if (typeof (result as Promise<unknown> | undefined)?.then === "function") {
      (result as Promise<unknown>).then(undefined, () => undefined);
    }
  } catch {
    // A logging mistake must not turn a successful call into a failure.
  }
}
