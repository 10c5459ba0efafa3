/**
 * @module
 * A signing proxy as a fetch handler (`Request -> Response`): it holds the credentials in its
 * client, lets in only the callers its `authorize` accepts (or anyone, when built `public`),
 * forwards only the calls its rules allow, signs them with core, and answers pages of the
 * configured origins with CORS. The OVH API answers no CORS preflight, so a page cannot call it
 * directly; a page's client pointed at this proxy holds no secret.
 *
 * Each request goes through, in order: the page's origin, the base path, the path's form, the
 * caller check, the access rules, the body (under `maxBodySize`), then the API. A refusal at any
 * step answers at once, and nothing reaches the API.
 */
import { InvalidConfiguration, isAPIError, NetworkError } from "@asyncovh/core";
import { type AccessRulePattern, rulesGrant } from "@asyncovh/core/internal";
import { readBodyUnder } from "./body.ts";
import { corsHeaders, originAllowed, pageOrigin, preflight } from "./cors.ts";
import { checkProxyOptions, type ProxySettings, type SigningProxyOptions } from "./options.ts";
import { pathRefusal } from "./request-path.ts";

export type { ProxiedCall, SigningProxyOptions } from "./options.ts";

/** The calls OVH answers without a signature; the proxy forwards them unsigned too. */
const UNSIGNED_CALLS: readonly AccessRulePattern[] = Object.freeze([
  { method: "GET", path: "/auth/time" },
  { method: "POST", path: "/auth/credential" },
]);

/** Methods whose body is read and forwarded; others are sent without one. */
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

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

/**
 * Set on every answer: an API answer is data, never a page to render or frame, and holds the
 * account's data, which no shared cache may keep.
 */
const ANSWER_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Cache-Control": "no-store",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
});

function withAnswerHeaders(cors: Headers | undefined): Headers {
  const headers = new Headers(cors);
  for (const [name, value] of Object.entries(ANSWER_HEADERS)) headers.set(name, value);
  return headers;
}

/** An error body shaped like OVH's, so that the page's client maps it to the same class. */
function refuse(status: number, errorCode: string, message: string, cors?: Headers): Response {
  return Response.json(
    { errorCode, message, class: `Proxy::${errorCode}` },
    { status, headers: withAnswerHeaders(cors) },
  );
}

/** `authorize`'s verdict: only `true` lets a call through; a throw refuses it. */
async function authorized(
  settings: ProxySettings,
  request: Request,
  method: string,
  path: string,
): Promise<boolean> {
  if (settings.authorize === undefined) return true;
  try {
    return (await settings.authorize(request, { method, path })) === true;
  } catch {
    return false;
  }
}

/**
 * Builds the proxy's fetch handler. Throws `InvalidConfiguration` for options that would leave
 * it open: no `authorize` without `public: true`, `*` origins with `authorize`, wildcard rules
 * that reach the routes managing access to the account.
 */
export function createSigningProxy(
  options: SigningProxyOptions,
): (request: Request) => Promise<Response> {
  const settings = checkProxyOptions(options);
  const { client, allow, allowedOrigins, basePath, maxBodySize } = settings;
  const credentials = settings.authorize !== undefined;

  return async (request) => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const origin = pageOrigin(request);
    // A page served by the proxy's own origin needs no listing.
    const cors =
      origin !== undefined && (origin === url.origin || originAllowed(allowedOrigins, origin))
        ? corsHeaders(origin, credentials)
        : undefined;
    if (origin !== undefined && cors === undefined) {
      return refuse(403, "FORBIDDEN_ORIGIN", `This proxy does not answer pages of ${origin}.`);
    }
    if (method === "OPTIONS") {
      return origin === undefined
        ? new Response(null, { status: 204, headers: { Allow: "GET, POST, PUT, DELETE, OPTIONS" } })
        : preflight(origin, credentials);
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
    const malformed = pathRefusal(path);
    if (malformed !== undefined) {
      return refuse(400, "INVALID_PATH", `The path ${path} has ${malformed}.`, cors);
    }
    if (!(await authorized(settings, request, method, path))) {
      return refuse(
        401,
        "NOT_AUTHORIZED",
        `The proxy refused this caller for ${method} ${path}.`,
        cors,
      );
    }
    if (!rulesGrant(allow, method, path)) {
      return refuse(
        403,
        "NOT_GRANTED_CALL",
        `This proxy does not forward ${method} ${path}.`,
        cors,
      );
    }

    let body: unknown;
    if (WITH_BODY.has(method)) {
      const read = await readBodyUnder(request, maxBodySize);
      if ("refused" in read) {
        return read.refused === "too-large"
          ? refuse(
              413,
              "BODY_TOO_LARGE",
              `The body of ${method} ${path} is larger than the ${maxBodySize} bytes this proxy forwards.`,
              cors,
            )
          : refuse(400, "INVALID_BODY", `The body of ${method} ${path} is not UTF-8 text.`, cors);
      }
      if (read.text !== "") {
        try {
          body = JSON.parse(read.text);
        } catch {
          return refuse(400, "INVALID_BODY", `The body of ${method} ${path} is not JSON.`, cors);
        }
      }
    } else {
      await request.body?.cancel().catch(() => undefined);
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

    const answer = withAnswerHeaders(cors);
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
