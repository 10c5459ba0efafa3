/**
 * @module
 * Which pages may call the signing proxy, and the CORS headers that say so. A browser names the
 * page's origin (`Origin`, and `Sec-Fetch-Site`); a request from another site's page is refused
 * whatever its method, so that a page elsewhere cannot use a signed-in user's cookies (CSRF).
 */

/**
 * The request headers a page may send; anything else in a preflight is refused by omission.
 * `Authorization` is for the proxy's own caller check: it is never forwarded to the API.
 */
const ALLOWED_HEADERS =
  "Content-Type, Accept, Accept-Language, Authorization, X-Pagination-Cursor, X-Pagination-Size";
/** The response headers a page may read. */
const EXPOSED_HEADERS = "X-Ovh-QueryID, X-Pagination-Cursor-Next, Retry-After";
const ALLOWED_METHODS = "GET, POST, PUT, DELETE";

/** True when `origin` is listed, or when the list holds `*`. */
export const originAllowed = (allowed: readonly string[], origin: string): boolean =>
  allowed.includes("*") || allowed.includes(origin);

/**
 * What the browser says of the page behind `request`: `undefined` when it is the proxy's own
 * page, the user's own navigation, or no browser at all; else the page's origin, or
 * `"another site"` when the browser names none.
 */
export function pageOrigin(request: Request): string | undefined {
  // Sec-Fetch-Site is set by the browser alone. It is the one to trust for a same-origin call:
  // under `Referrer-Policy: no-referrer`, a page's own POST says `Origin: null`.
  const site = request.headers.get("Sec-Fetch-Site");
  if (site === "same-origin" || site === "none") return undefined;
  const origin = request.headers.get("Origin");
  if (origin !== null) return origin;
  // Browsers leave Origin out of some requests (a GET of an <img>, a navigation), never
  // Sec-Fetch-Site: such a request from another site, or a sibling subdomain, is no page's call.
  return site === "cross-site" || site === "same-site" ? "another site" : undefined;
}

/** The headers of any answer to an allowed origin. */
export function corsHeaders(origin: string, credentials = false): Headers {
  const headers = new Headers({
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": EXPOSED_HEADERS,
    Vary: "Origin",
  });
  // Cookies of a listed origin's page reach `authorize` only when the answer allows them.
  if (credentials) headers.set("Access-Control-Allow-Credentials", "true");
  return headers;
}

/** The answer to a preflight from an allowed origin. */
export function preflight(origin: string, credentials = false): Response {
  const headers = corsHeaders(origin, credentials);
  headers.set("Access-Control-Allow-Methods", ALLOWED_METHODS);
  headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
  headers.set("Access-Control-Max-Age", "600");
  return new Response(null, { status: 204, headers });
}
