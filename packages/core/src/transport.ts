/**
 * @module
 * What the client needs of a transport, and how any `fetch()` provides it. A call needs the
 * status, a few headers and the body as text under a size cap; building a web `Response` (with
 * its `Headers` and its body stream) for that costs more than the rest of the call in some
 * runtimes, so a transport may answer with a lighter {@link TransportAnswer} of its own, and
 * builds a `Response` only when one is asked for (`rawCall`, an error's `response`).
 */
import type { FetchLike } from "./client.ts";
import { type CancelSignal, toAbortSignal } from "./deadline.ts";
import { abortable } from "./sleep.ts";

/** One attempt as the client sends it. */
export interface TransportRequest {
  method: string;
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string | undefined;
  /**
   * Aborts the request and the body read (the attempt's deadline or the caller's abort); an
   * `AbortSignal` for web APIs is `toAbortSignal(signal)`.
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

/** The transport of `fetch`: its own when it carries one, else a wrapper of its responses. */
export function transportOf(fetch: FetchLike): Transport {
  const own = (fetch as { [TRANSPORT]?: Transport })[TRANSPORT];
  if (typeof own === "function") return own;
  return async ({ method, url, headers, body, signal }) =>
    new FetchAnswer(
      await fetch(url, {
        method,
        headers,
        body,
        signal: toAbortSignal(signal),
        redirect: "manual",
      }),
    );
}

/** A `fetch` response seen as a {@link TransportAnswer}. */
export class FetchAnswer implements TransportAnswer {
  readonly #response: Response;
  #text: string | undefined;
  readonly status: number;
  readonly url: string;
  readonly redirected: boolean;
  constructor(response: Response) {
    this.#response = response;
    this.status = response.status;
    this.url = response.url;
    this.redirected = response.redirected;
  }
  header(name: string): string | null {
    return this.#response.headers.get(name);
  }
  headers(): Headers {
    return this.#response.headers;
  }
  response(): Response {
    return this.#text === undefined ? this.#response : textResponse(this, this.#text);
  }
  cancel(): void {
    this.#response.body?.cancel().catch(() => undefined);
  }
  async text(maxBytes: number, signal: CancelSignal): Promise<string | undefined> {
    const text = await this.#read(maxBytes, signal);
    this.#text = text;
    return text;
  }
  #read(maxBytes: number, signal: CancelSignal): Promise<string | undefined> {
    const response = this.#response;
    const announced = announcedLength(response.headers.get("Content-Length"));
    if (response.body === null) return Promise.resolve("");
    if (announced > maxBytes) {
      this.cancel();
      return Promise.resolve(undefined);
    }
    // A body whose size is announced, and whose headers are all visible (not a cross-origin
    // answer, which may hide Content-Encoding), cannot grow past a known size: its own, or 1032
    // times it when gzip or deflate (their largest ratio). Such a body is read whole, which
    // costs far less than a read chunk by chunk; others are read chunk by chunk under the cap.
    const encoding = response.headers.get("Content-Encoding");
    const largest =
      encoding === null ? announced : BOUNDED.test(encoding) ? announced * 1032 : Number.NaN;
    if (largest <= maxBytes && response.type !== "cors") return abortable(response.text(), signal);
    return streamText(response.body, maxBytes, signal);
  }
}

/** Reads a byte stream as UTF-8 text, chunk by chunk, giving up past `maxBytes`. */
export async function streamText(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  signal: CancelSignal,
): Promise<string | undefined> {
  const reader = body.getReader();
  const onAbort = () => {
    reader.cancel(signal.reason).catch(() => undefined);
  };
  signal.addEventListener("abort", onAbort, { once: true });
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  try {
    for (;;) {
      signal.throwIfAborted();
      const chunk = await reader.read().catch((cause: unknown) => {
        signal.throwIfAborted();
        throw cause;
      });
      signal.throwIfAborted();
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) {
        reader.cancel().catch(() => undefined);
        return undefined;
      }
      text += decoder.decode(chunk.value, { stream: true });
    }
  } catch (error) {
    // Free the connection: whatever stopped the read, the rest of the body is not wanted.
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  return text + decoder.decode();
}

/** An answer whose body was read already (`text`): it can be read again. */
export class BufferedAnswer implements TransportAnswer {
  readonly #answer: TransportAnswer;
  readonly #text: string;
  readonly status: number;
  readonly url: string;
  readonly redirected: boolean;
  constructor(answer: TransportAnswer, text: string) {
    this.#answer = answer;
    this.#text = text;
    this.status = answer.status;
    this.url = answer.url;
    this.redirected = answer.redirected;
  }
  header(name: string): string | null {
    return this.#answer.header(name);
  }
  headers(): Headers {
    return this.#answer.headers();
  }
  text(): Promise<string> {
    return Promise.resolve(this.#text);
  }
  cancel(): void {}
  response(): Response {
    return textResponse(this, this.#text);
  }
}

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
/** Codings whose output is at most 1032 times their input. */
const BOUNDED = /^\s*(x-gzip|gzip|deflate)\s*$/i;
