/**
 * @module
 * A `fetch` that reports to a client's `onEvent` hook, for the requests a client makes outside a
 * call's loop (OAuth2 token requests): their secret headers redacted, like the calls' own.
 */
import { type EventHook, emit } from "./events.ts";
import { redactHeaders } from "./redact.ts";
import type { FetchLike } from "./types.ts";

/**
 * `fetch`, reporting each request it sends and each response it gets to `hook` (for requests the
 * client makes outside a call's loop, such as OAuth2 token requests).
 */
export function observeFetch(fetch: FetchLike, hook: EventHook): FetchLike {
  return async (input, init = {}) => {
    const method = (init.method ?? "GET").toUpperCase();
    const url = String(input instanceof Request ? input.url : input);
    const where = { method, url, attempt: 1 };
    emit(hook, { type: "request", ...where, headers: redactHeaders(init.headers) });
    const started = performance.now();
    const response = await fetch(input, init);
    emit(hook, {
      type: "response",
      ...where,
      status: response.status,
      queryId: response.headers.get("X-Ovh-QueryID") ?? undefined,
      durationMs: Math.round(performance.now() - started),
    });
    return response;
  };
}
