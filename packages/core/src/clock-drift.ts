/**
 * @module
 * Recognising OVH's refusal of a signed call's timestamp, so that the client can re-read the
 * server's clock and try once more instead of failing every call after a local clock jump.
 */

/**
 * True for OVH's "timestamp out of window" answer: HTTP 400 with `errorCode` `QUERY_TIME_OUT`
 * (`{"errorCode":"QUERY_TIME_OUT","httpCode":"400 Bad Request","message":"Query out of time"}`).
 * The message is checked too, for answers that carry no `errorCode`.
 */
export function isTimestampRejected(status: number, body: unknown): boolean {
  if (status !== 400 || body === null || typeof body !== "object") return false;
  const { errorCode, message } = body as { errorCode?: unknown; message?: unknown };
  return (
    errorCode === "QUERY_TIME_OUT" || (typeof message === "string" && /out of time/i.test(message))
  );
}

/** Parses a small error body for {@link isTimestampRejected}; anything unreadable is `undefined`. */
export function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
