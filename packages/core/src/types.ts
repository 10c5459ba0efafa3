/**
 * @module
 * The shapes of a client's options, of a call's options and of its transport: types only, so
 * that every module can name them without importing the client.
 */
import type { Credentials, SettingsLoader } from "./config.ts";
import type { EventHook } from "./events.ts";
import type { RateLimit } from "./limiter.ts";
import type { RetrySetting } from "./retry.ts";

/**
 * The transport: a `fetch`. The client calls it as `fetch(url, { method, headers, body, signal,
 * redirect: "manual" })` and reads the web `Response` it resolves to.
 */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** OAuth2 options of the client, next to `clientId` / `clientSecret` / `accessToken`. */
export interface OAuth2Options {
  /**
   * The token URL of the client-credentials grant. Defaults to the endpoint's (see
   * `OAUTH2_TOKEN_URLS`); needed for custom endpoints, or to use the
   * `https://auth.eu.ovhcloud.com/oauth2/token`-style hosts.
   */
  tokenUrl?: string | undefined;
}

/** The options of `new Client()`: credentials, transport and the client's policies. */
export interface ClientOptions extends Credentials, OAuth2Options {
  /** Per-attempt timeout in milliseconds (default 180000). */
  timeout?: number | undefined;
  /** The transport (default: the global `fetch`, bound to `globalThis`). */
  fetch?: FetchLike | undefined;
  /** Server time minus local time, in seconds, when known: skips `GET /auth/time`. */
  timeDelta?: number | undefined;
  /** Merges the options with the runtime's configuration sources; adapters set it. */
  loadConfig?: SettingsLoader | undefined;
  /**
   * The default of each call's `needAuth` (default `true`). `false` suits a client whose calls
   * a signing proxy signs: it then holds and sends no secret.
   */
  needAuth?: boolean | undefined;
  /** Allows a secret in a browser page, where anyone who loads the page can read it. */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Retries of idempotent calls (default: 2, on network errors and 408/429/502/503/504). */
  retry?: RetrySetting | undefined;
  /** At most `requests` requests per `interval` ms, e.g. `{ requests: 60, interval: 60000 }`. */
  rateLimit?: RateLimit | undefined;
  /** At most this many requests in flight (default 64; `Infinity` for no cap). */
  maxConcurrency?: number | undefined;
  /** The largest response body read, in bytes (default 64 MiB). */
  maxResponseSize?: number | undefined;
  /** Receives request, response, retry and error events, secret headers redacted. */
  onEvent?: EventHook | undefined;
}

/** The options of one call: `get(path, params, options)` and the other methods. */
export interface RequestOptions {
  /** Sign the call (default: the client's `needAuth`, else `true`); `false` sends the key alone. */
  needAuth?: boolean | undefined;
  /** Aborts the call, its retries included: it then rejects with `RequestAbortedError`. */
  signal?: AbortSignal | undefined;
  /**
   * Extra request headers, in any form fetch takes. Those that frame or route a request
   * (`Host`, `Content-Length`, `Transfer-Encoding`, `Connection`…) are the transport's and are
   * refused. Typed as `RequestInit["headers"]`: `HeadersInit` is not declared by Node's types
   * (`@types/node`), only by the DOM lib.
   */
  headers?: RequestInit["headers"] | undefined;
  /** Overrides the client's timeout for this call (ms). */
  timeout?: number | undefined;
  /** Refines the client's retry policy for this call (`0` or `false`: no retry). */
  retry?: RetrySetting | undefined;
  /** Overrides the client's `maxResponseSize` for this call (bytes). */
  maxResponseSize?: number | undefined;
}

/** The options of `client.init()`. */
export interface InitOptions {
  /** Read this ini file alone (no environment); `null`/absent: the runtime's default sources. */
  configFile?: string | null | undefined;
}
