/**
 * @module
 * The lighter transport contract core used to read before it took a plain `fetch`: kept here,
 * for `node-fetch.ts` and `http1.ts` alone, until the Node transport is rewritten on node:http.
 * Core no longer reads `TRANSPORT`; nothing else should import this module.
 */

/** What the transport uses of an `AbortSignal` (which fits it as it is). */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** One attempt as the client sends it. */
export interface TransportRequest {
  method: string;
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string | undefined;
  /**
   * Aborts the request and the body read (the attempt's deadline or the caller's abort); an
   * `AbortSignal` for web APIs.
   */
  signal: CancelSignal;
}

/** An answer whose body has not been read yet. */
export interface TransportAnswer {
  readonly status: number;
  /** The URL that answered ("" when the transport does not know it). */
  readonly url: string;
  /** True when the answer comes after a followed redirect. */
  readonly redirected: boolean;
  /** One header's value (`null` when absent). */
  header(name: string): string | null;
  /** Every header. */
  headers(): Headers;
  /**
   * The body as UTF-8 text, or `undefined` when it is larger than `maxBytes` bytes (the rest is
   * then dropped unread). Rejects with the signal's reason on abort, or the transport's error
   * when the body breaks off.
   */
  text(maxBytes: number, signal: CancelSignal): Promise<string | undefined>;
  /** Drops the unread body (and frees its connection). */
  cancel(): void;
  /** The answer as a web `Response`: its body unread if `text` was not called, else that text. */
  response(): Response;
}

/** Sends one attempt; what `createNodeFetch()` and friends provide next to their `fetch`. */
export type Transport = (request: TransportRequest) => Promise<TransportAnswer>;

/**
 * The property under which a `fetch` function carries a {@link Transport} of its own: a client
 * given that `fetch` sends through the transport, other code keeps calling it as `fetch`.
 */
export const TRANSPORT: unique symbol = Symbol.for("asyncovh.transport") as never;

/**
 * A `Response` of `answer`'s status and headers, with `text` as its body. The body is decoded
 * text now: the answer's Content-Encoding and Content-Length no longer describe it.
 */
export function textResponse(answer: TransportAnswer, text: string): Response {
  const headers = new Headers(answer.headers());
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  const response = new Response(NULL_BODY_STATUSES.has(answer.status) ? null : text, {
    status: answer.status,
    headers,
  });
  // A constructed Response has no URL and was never redirected: both come from the answer.
  Object.defineProperty(response, "url", { value: answer.url });
  if (answer.redirected) Object.defineProperty(response, "redirected", { value: true });
  return response;
}

/** Statuses whose answers have no body. */
export const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

/**
 * The body size a Content-Length header announces, or `NaN` when it announces none that can be
 * trusted: only digits count (`""`, `"-1"` or `"0x10"` would otherwise read as a number and let
 * a body skip the size cap).
 */
export function announcedLength(header: string | null): number {
  return header !== null && /^\d+$/.test(header) ? Number(header) : Number.NaN;
}
