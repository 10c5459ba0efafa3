/**
 * @module
 * A signing proxy as a fetch handler (`Request -> Response`): it holds the credentials in its
 * client, forwards only the calls its rules allow, signs them with core, and answers pages of
 * the configured origins with CORS. The OVH API answers no CORS preflight, so a page cannot call
 * it directly; a page's client pointed at this proxy holds no secret.
 */
import { type Client, InvalidConfiguration, isAPIError, NetworkError } from "@asyncovh/core";
import { type AccessRulePattern, rulesGrant } from "@asyncovh/core/internal";
import { corsHeaders, originAllowed, preflight } from "./cors.ts";

/** The calls OVH answers without a signature; the proxy forwards them unsigned too. */
const UNSIGNED_CALLS: readonly AccessRulePattern[] = Object.freeze([
  { method: "GET", path: "/auth/time" },
  { method: "POST", path: "/auth/credential" },
]);

/** Request headers passed on to the API; the rest (cookies, X-Ovh-* auth, …) stay here. */
const FORWARDED_REQUEST_HEADERS: readonly string[] = Object.freeze([
  "accept-language",
  "x-pagination-cursor",
  "x-pagination-size",
]);

/** Response headers passed back to the page. */
const FORWARDED_RESPONSE_HEADERS: readonly string[] = Object.freeze([
  "content-type",
  "x-ovh-queryid",
  "x-pagination-cursor-next",
  "retry-after",
]);

export interface SigningProxyOptions {
  /** The client that signs forwarded calls: it holds the application secret and consumer key. */
  client: Client;
  /**
   * The calls forwarded, as consumer-key access rules (`*` spans any characters, slashes
   * included). Anything else is refused with 403 NOT_GRANTED_CALL before it leaves the proxy.
   */
  allow: readonly AccessRulePattern[];
  /** Origins whose pages may call the proxy (exact `scheme://host:port`, or `*`). */
  allowedOrigins?: readonly string[] | undefined;
  /** The path the proxy is mounted at, e.g. `/api`: a page's client uses `origin + basePath`. */
  basePath?: string | undefined;
  /**
   * The application's own check of the caller (a session cookie, an access header…): return
   * `false` to answer 401. Without it, whoever can reach the proxy may make the allowed calls.
   */
  authorize?: ((request: Request) => boolean | Promise<boolean>) | undefined;
}

/** An error body shaped like OVH's, so that the page's client maps it to the same class. */
function refuse(status: number, errorCode: string, message: string, headers?: Headers): Response {
  return Response.json({ errorCode, message, class: `Proxy::${errorCode}` }, { status, headers });
}

/** Builds the proxy's fetch handler. */
export function createSigningProxy(
  options: SigningProxyOptions,
): (request: Request) => Promise<Response> {
  const { client, allow, authorize } = options;
  if (client === null || typeof client?.rawCall !== "function") {
    throw new InvalidConfiguration(
      "The signing proxy needs `client`: an asyncovh Client with credentials.",
    );
  }
  if (!Array.isArray(allow)) {
    throw new InvalidConfiguration(
      'The signing proxy needs `allow`: the calls it forwards, e.g. [{ method: "GET", path: "/me" }].',
    );
  }
  const allowedOrigins = options.allowedOrigins ?? [];
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  if (basePath !== "" && !basePath.startsWith("/")) {
    throw new InvalidConfiguration(
      `basePath must start with "/" (got ${JSON.stringify(basePath)}).`,
    );
  }

  return async (request) => {
    const url = new URL(request.url);
    const origin = request.headers.get("Origin");
    // A page served by the proxy's own origin needs no listing.
    const cors =
      origin !== null && (origin === url.origin || originAllowed(allowedOrigins, origin))
        ? corsHeaders(origin)
        : undefined;
    if (origin !== null && cors === undefined) {
      return refuse(403, "FORBIDDEN_ORIGIN", `This proxy does not answer pages of ${origin}.`);
    }
    if (request.method === "OPTIONS") {
      return origin === null
        ? new Response(null, { status: 204, headers: { Allow: "GET, POST, PUT, DELETE, OPTIONS" } })
        : preflight(origin);
    }

    if (basePath !== "" && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      return refuse(
        404,
        "NOT_FOUND",
        `No API under ${url.pathname}: the proxy serves ${basePath}/…`,
        cors,
      );
    }
    const path = url.pathname.slice(basePath.length) || "/";
    const method = request.method.toUpperCase();
    if (!rulesGrant(allow, method, path)) {
      return refuse(
        403,
        "NOT_GRANTED_CALL",
        `This proxy does not forward ${method} ${path}.`,
        cors,
      );
    }
    if (authorize !== undefined && !(await authorize(request))) {
      return refuse(
        401,
        "NOT_AUTHORIZED",
        `The proxy refused this caller for ${method} ${path}.`,
        cors,
      );
    }

    let body: unknown;
    const text = method === "GET" || method === "DELETE" ? "" : await request.text();
    if (text !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        return refuse(400, "INVALID_BODY", `The body of ${method} ${path} is not JSON.`, cors);
      }
    }

    const headers = new Headers();
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    const signed = !rulesGrant(UNSIGNED_CALLS, method, path);

    let upstream: Response;
    try {
      upstream = await client.rawCall(method, `${path}${url.search}`, body, signed, {
        headers,
        signal: request.signal,
      });
    } catch (error) {
      // A path the client refuses is the caller's fault, a failed exchange the API's, anything
      // else (missing credentials) the proxy's. Core's messages never hold a secret.
      if (!isAPIError(error)) throw error;
      const status = InvalidConfiguration.is(error) ? 400 : NetworkError.is(error) ? 502 : 500;
      return refuse(status, error.name, error.message, cors);
    }

    const answer = new Headers(cors);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) answer.set(name, value);
    }
    return new Response(upstream.body, {
      status: upstream.status,
      statusText: upstream.statusText,
      headers: answer,
    });
  };
}
