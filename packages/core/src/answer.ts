/**
 * @module
 * What a call reads of an HTTP answer: its status, where it came from, its headers, and its body
 * as text read under the size cap. The client's parsing, retries, clock re-sync and errors all
 * work on this one shape. A plain fetch's `Response` is turned into it by reading it
 * (`readAnswer`); a fetch may also carry, under `ANSWER_TRANSPORT`, a transport that answers in
 * this shape directly, without building a web `Response` per call (the Node adapter's does: see
 * docs/guide/performance.md). A `Response` is made from an answer only when one is asked for.
 */
import type { SignalLike } from "./attempt-signal.ts";

/** An answer to one attempt, its body read (or, for `rawCall`, left to the caller). */
export interface Answer {
  /** The HTTP status. */
  readonly status: number;
  /** The status line's reason phrase (empty under HTTP/2). */
  readonly statusText: string;
  /** The URL answered, `""` when the transport does not say. */
  readonly url: string;
  /** Whether the transport followed a redirect to get it (the client then refuses it). */
  readonly redirected: boolean;
  /** A header by name in any case, repeated ones joined with ", "; `null` when absent. */
  header(name: string): string | null;
  /** Every header, as a `Headers` made when asked for. */
  headers(): Headers;
  /**
   * The body as UTF-8 text; `undefined` when it was larger than the cap (the rest dropped
   * unread), or when it was left unread in `response`.
   */
  readonly text: string | undefined;
  /** The `Response` of a plain fetch that this answer was made from. */
  readonly response?: Response | undefined;
}

/** One attempt as the client hands it to an {@link AnswerTransport}. */
export interface AnswerRequest {
  /** The method, in upper case. */
  method: string;
  /** The URL to send, as signed. */
  url: string;
  /** Names in lower case. */
  headers: Record<string, string>;
  /** The JSON body, if any. */
  body: string | undefined;
  /** The attempt's deadline and the caller's abort: they cover the body read too. */
  signal: SignalLike;
  /** The largest body to read, in bytes; a larger one is dropped (`text` is then undefined). */
  maxBytes: number;
}

/**
 * Sends one attempt (redirects not followed) and resolves once its body is read; rejects like a
 * fetch (the signal's reason, or an error whose `cause` chain says what failed).
 */
export type AnswerTransport = (request: AnswerRequest) => Promise<Answer>;

/** Where a fetch carries its {@link AnswerTransport} for the client. */
export const ANSWER_TRANSPORT: unique symbol = Symbol.for("asyncovh.answerTransport");

/** A plain fetch's `Response` as an answer whose body is `text` (or unread, for `undefined`). */
export function answerOf(response: Response, text: string | undefined): Answer {
  return {
    status: response.status,
    statusText: response.statusText,
    url: response.url,
    redirected: response.redirected,
    header: (name) => response.headers.get(name),
    headers: () => response.headers,
    text,
    response,
  };
}

/** Drops the body of an answer left unread, freeing its connection. */
export const discard = (answer: Answer): void => {
  answer.response?.body?.cancel().catch(() => undefined);
};

/** Statuses whose answers have no body (a Response of one refuses a body). */
const NULL_BODY_STATUSES = [101, 103, 204, 205, 304];

/**
 * The answer as a `Response`, for `rawCall` and errors: the fetch's own while its body is unread,
 * else one of the same status, headers and URL holding the text read (empty when none was). The
 * Content-Encoding and Content-Length received no longer describe that text: they are dropped.
 */
export function toResponse(answer: Answer): Response {
  const { response } = answer;
  if (response !== undefined && !response.bodyUsed) return response;
  const headers = new Headers(answer.headers());
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  const copy = new Response(
    NULL_BODY_STATUSES.includes(answer.status) ? null : (answer.text ?? ""),
    {
      status: answer.status,
      statusText: answer.statusText,
      headers,
    },
  );
  // A constructed Response has no URL and was never redirected: both come from the answer.
  Object.defineProperty(copy, "url", { value: answer.url });
  if (answer.redirected) Object.defineProperty(copy, "redirected", { value: true });
  return copy;
}
