/**
 * @module
 * The signing proxy's options, checked once when it is built: a proxy that would forward the
 * owner's credentials to anyone, to any site's pages, or to the routes that manage access to the
 * account is refused with `InvalidConfiguration` rather than served.
 */
import { type Client, InvalidConfiguration } from "@asyncovh/core";
import { type AccessRulePattern, rulesGrant } from "@asyncovh/core/internal";

/** 1 MiB: far above any OVH request body, far below harm. */
export const DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

/** What `authorize` is told about the call, next to the request. */
export interface ProxiedCall {
  /** The method, in upper case. */
  method: string;
  /** The API path, without the base path and the query string (`/me/bill`). */
  path: string;
}

/** How `createSigningProxy` forwards calls and whom it lets through; checked when it is built. */
export interface SigningProxyOptions {
  /** The client that signs forwarded calls: it holds the application secret and consumer key. */
  client: Client;
  /**
   * The calls forwarded, as consumer-key access rules (`*` spans any characters, slashes
   * included). Anything else is refused with 403 NOT_GRANTED_CALL before it leaves the proxy.
   * A rule with `*` may not reach the routes that manage access to the account (`/auth/*`,
   * `/me/api/*`, `/me/accessRestriction/*`, `/me/identity/*`, `/v2/iam/*`) with a method that
   * changes them: list such a route without `*` if the pages really need it.
   */
  allow: readonly AccessRulePattern[];
  /**
   * Your check of the caller, required unless `public` is `true`: a session cookie, a bearer
   * token, an access gateway's identity header… Return `true` to let the call through; anything
   * else, or a throw, answers 401 and nothing is forwarded. It runs before the access rules, so
   * an anonymous caller learns nothing about them; it must not read the request's body.
   */
  authorize?: ((request: Request, call: ProxiedCall) => boolean | Promise<boolean>) | undefined;
  /**
   * `true` turns the caller check off: anyone who can reach the proxy (any machine on the
   * network, any script, any page once its origin is allowed) makes every call of `allow` with
   * the owner's credentials, as the owner. Only for calls you would publish anyway, or a proxy
   * reachable by you alone. Either this or `authorize` is required.
   */
  public?: boolean | undefined;
  /**
   * Origins whose pages may call the proxy (exact `scheme://host[:port]`), besides the proxy's
   * own origin. `*` (any site) is accepted only with `public: true`: with `authorize`, it would
   * let any site's pages make calls with your users' cookies.
   */
  allowedOrigins?: readonly string[] | undefined;
  /** The path the proxy is mounted at, e.g. `/api`: a page's client uses `origin + basePath`. */
  basePath?: string | undefined;
  /** The largest request body forwarded, in bytes (default 1 MiB); larger ones get 413. */
  maxBodySize?: number | undefined;
}

/** The options once checked. */
export interface ProxySettings {
  client: Client;
  allow: readonly AccessRulePattern[];
  authorize: SigningProxyOptions["authorize"];
  allowedOrigins: readonly string[];
  basePath: string;
  maxBodySize: number;
}

/**
 * Where a wildcard rule must not reach with a method that changes something: the routes that
 * create, change or revoke credentials, applications, account access and IAM policies. Probed
 * with and without the `/v1` prefix, which the client sends to the same API.
 */
export const ACCOUNT_ACCESS_ROUTES: readonly string[] = Object.freeze([
  "/auth/credential",
  "/auth/logout",
  "/me/api/credential/1",
  "/me/api/application/1",
  "/me/accessRestriction/ip",
  "/me/identity/user",
  "/v2/iam/policy",
]);
const SAFE_METHODS = new Set(["GET", "HEAD"]);

const fail = (message: string): never => {
  throw new InvalidConfiguration(message);
};

function checkRules(allow: unknown): readonly AccessRulePattern[] {
  if (!Array.isArray(allow)) {
    fail(
      'The signing proxy needs `allow`: the calls it forwards, e.g. [{ method: "GET", path: "/me" }].',
    );
  }
  return Object.freeze(
    (allow as unknown[]).map((rule) => {
      const { method, path } = (rule ?? {}) as Partial<AccessRulePattern>;
      if (typeof method !== "string" || !/^[A-Za-z]+$/.test(method)) {
        fail(`Each rule of \`allow\` needs a method such as "GET" (got ${JSON.stringify(rule)}).`);
      }
      if (typeof path !== "string" || !path.startsWith("/")) {
        fail(
          `Each rule of \`allow\` needs a path starting with "/" (got ${JSON.stringify(rule)}).`,
        );
      }
      const checked = { method: (method as string).toUpperCase(), path: path as string };
      if (checked.path.includes("*") && !SAFE_METHODS.has(checked.method)) {
        const reached = ACCOUNT_ACCESS_ROUTES.flatMap((route) => [route, `/v1${route}`]).find(
          (route) => rulesGrant([checked], checked.method, route),
        );
        if (reached !== undefined) {
          fail(
            `The rule ${checked.method} ${checked.path} of \`allow\` reaches ${checked.method} ${reached}, which manages access to the account: narrow the rule, or list such a route without "*" if the pages need it.`,
          );
        }
      }
      return checked;
    }),
  );
}

function checkOrigins(origins: unknown, isPublic: boolean): readonly string[] {
  if (origins === undefined) return [];
  if (!Array.isArray(origins)) fail("allowedOrigins must be an array of origins.");
  for (const origin of origins as unknown[]) {
    if (origin === "*") {
      if (!isPublic) {
        fail(
          'allowedOrigins: ["*"] would let any site\'s pages make calls with your users\' credentials (their cookies): list the origins of your pages, e.g. ["https://dashboard.example.com"].',
        );
      }
      continue;
    }
    let parsed: string | undefined;
    try {
      parsed = new URL(String(origin)).origin;
    } catch {
      parsed = undefined;
    }
    // `*` is no pattern here: `https://*.example.com` would be taken as a host name.
    if (typeof origin !== "string" || parsed !== origin || /^null$|\*/.test(origin)) {
      fail(
        `allowedOrigins holds ${JSON.stringify(origin)}, which is not an origin: write scheme://host[:port], without path or trailing slash (e.g. "https://dashboard.example.com").`,
      );
    }
  }
  return Object.freeze([...(origins as string[])]);
}

function checkBasePath(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value !== "string") fail('basePath must be a string such as "/api".');
  const basePath = (value as string).replace(/\/+$/, "");
  if (basePath === "") return "";
  if (!/^(\/[\w\-.~]+)+$/.test(basePath) || /\/\.\.?(\/|$)/.test(basePath)) {
    fail(
      `basePath must start with "/" and hold plain path segments (got ${JSON.stringify(value)}).`,
    );
  }
  return basePath;
}

/** Checks the options of `createSigningProxy`, or throws `InvalidConfiguration`. */
export function checkProxyOptions(options: SigningProxyOptions): ProxySettings {
  if (options === null || typeof options !== "object") {
    fail("createSigningProxy needs options: { client, allow, authorize }.");
  }
  const { client, authorize, public: isPublic, maxBodySize } = options;
  if (client === null || typeof client?.rawCall !== "function") {
    fail("The signing proxy needs `client`: an asyncovh Client with credentials.");
  }
  const allow = checkRules(options.allow);
  if (authorize !== undefined && typeof authorize !== "function") {
    fail(
      "authorize must be a function (request) => boolean that returns true for a caller you let in.",
    );
  }
  if (isPublic !== undefined && typeof isPublic !== "boolean") {
    fail(`public must be true or false (got ${JSON.stringify(isPublic)}).`);
  }
  if (authorize === undefined && isPublic !== true) {
    fail(
      "The signing proxy needs `authorize`, your check of the caller (a session cookie, a bearer token…): without it, anyone who can reach the proxy makes the allowed calls with your credentials. If that is what you want, say so with `public: true`.",
    );
  }
  if (authorize !== undefined && isPublic === true) {
    fail("`public: true` turns the caller check off: pass it or `authorize`, not both.");
  }
  if (
    maxBodySize !== undefined &&
    !(Number.isSafeInteger(maxBodySize) && (maxBodySize as number) >= 0)
  ) {
    fail(`maxBodySize must be a whole number of bytes (got ${String(maxBodySize)}).`);
  }
  return {
    client,
    allow,
    authorize,
    allowedOrigins: checkOrigins(options.allowedOrigins, isPublic === true),
    basePath: checkBasePath(options.basePath),
    maxBodySize: maxBodySize ?? DEFAULT_MAX_BODY_SIZE,
  };
}
