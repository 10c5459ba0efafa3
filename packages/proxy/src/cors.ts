/**
 * @module
 * CORS for the signing proxy: which origins may call it from a page, and the headers that say so.
 */

/** The request headers a page may send; anything else in a preflight is refused by omission. */
const ALLOWED_HEADERS =
  "Content-Type, Accept, Accept-Language, X-Pagination-Cursor, X-Pagination-Size";
/** The response headers a page may read. */
const EXPOSED_HEADERS = "X-Ovh-QueryID, X-Pagination-Cursor-Next, Retry-After";
const ALLOWED_METHODS = "GET, POST, PUT, DELETE";

/** True when `origin` is listed, or when the list holds `*`. */
export const originAllowed = (allowed: readonly string[], origin: string): boolean =>
  allowed.includes("*") || allowed.includes(origin);

/** The headers of any answer to an allowed origin. */
export function corsHeaders(origin: string): Headers {
  return new Headers({
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": EXPOSED_HEADERS,
    Vary: "Origin",
  });
}

/** The answer to a preflight from an allowed origin. */
export function preflight(origin: string): Response {
  const headers = corsHeaders(origin);
  headers.set("Access-Control-Allow-Methods", ALLOWED_METHODS);
  headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
  headers.set("Access-Control-Max-Age", "600");
  return new Response(null, { status: 204, headers });
}
