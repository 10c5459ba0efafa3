/**
 * @module
 * The OVHcloud API client: configuration, time sync, signing once per attempt, and parsing.
 */

import {
  ANSWER_TRANSPORT,
  type Answer,
  type AnswerTransport,
  answerOf,
  toResponse,
} from "./answer.ts";
import type { AttemptSignal } from "./attempt-signal.ts";
import { type BatchGetOptions, type BatchResult, batchGet } from "./batch.ts";
import { type BearerToken, sendWithBearer } from "./bearer-token.ts";
import { assertNoSecretInBrowser } from "./browser.ts";
import { type Credentials, resolveConfig } from "./config.ts";
import {
  type AccessRule,
  accessRule,
  ConsumerKeyRequest,
  type ConsumerKeyResponse,
} from "./consumer-key.ts";
import { type PaginateOptions, paginateCursor } from "./cursor-pagination.ts";
import { buildUrl, resolveEndpoint } from "./endpoints.ts";
import { APIError } from "./errors/api-error.ts";
import { describe, errorFromResponse } from "./errors/from-response.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidKey } from "./errors/invalid-key.ts";
import { InvalidRegion } from "./errors/invalid-region.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { RequestAbortedError } from "./errors/request-aborted-error.ts";
import { checkEventHook, emit } from "./events.ts";
import { exchange } from "./exchange.ts";
import { Limiter } from "./limiter.ts";
import { oauth2From } from "./oauth2-config.ts";
import { type ListObjectsOptions, listObjectPages } from "./object-list.ts";
import { observeFetch } from "./observe-fetch.ts";
import { collectionOf, fillPath, routeTarget } from "./path-template.ts";
import { checkMaxResponseSize, DEFAULT_MAX_RESPONSE_SIZE, readAnswer } from "./read-body.ts";
import { redactHeaders, scrub } from "./redact.ts";
import { redactError } from "./redact-error.ts";
import { checkRequestOptions } from "./request-options.ts";
import type { ApiResponse } from "./response.ts";
import { DEFAULT_RETRY, type RetryPolicy, retryPolicy } from "./retry.ts";
import type {
  BatchArgs,
  BatchIds,
  BatchItem,
  CallArgs,
  CallResult,
  ItemOf,
  ProjectRoutes,
  RouteMap,
  RoutePath,
} from "./routes.ts";
import { encodeBody, type QueryParams } from "./serialize.ts";
import { sign } from "./signer.ts";
import { abortable } from "./sleep.ts";
import type { ClientOptions, FetchLike, InitOptions, RequestOptions } from "./types.ts";

/** What a client without a runtime adapter (a browser page, an unknown runtime) can read. */
const NO_SOURCES =
  "This runtime reads no environment variable nor ovh.conf file: pass the values as options (in a browser, point the client at a signing proxy).";

/** python-ovh's default timeout: 180 s. */
export const DEFAULT_TIMEOUT = 180_000;

const MAX_TIMEOUT = 2_147_483_647;

function checkTimeout(timeout: unknown, where: string): number | undefined {
  if (timeout === undefined) return undefined;
  if (typeof timeout !== "number" || !(timeout > 0) || timeout > MAX_TIMEOUT) {
    throw new InvalidConfiguration(
      `${where} must be a number of milliseconds between 1 and ${MAX_TIMEOUT} (got ${String(timeout)}).`,
    );
  }
  return timeout;
}

function checkMethod(method: unknown): string {
  if (typeof method !== "string" || !/^[A-Za-z]+$/.test(method)) {
    throw new InvalidConfiguration(`Invalid HTTP method ${JSON.stringify(method)}.`);
  }
  return method.toUpperCase();
}

const pathOnly = (path: string): string => {
  const query = path.indexOf("?");
  return query < 0 ? path : path.slice(0, query);
};

/**
 * Characters that the WHATWG URL serializer keeps as they are in a path and an http(s) query
 * (no space, quote, `<>`, backtick, braces, `|`, `^`, brackets or non-ASCII).
 */
const PLAIN_PATH = /^[\w\-.~!$&()*+,;=:@/?%]*$/;

/** What every attempt of a call sends. */
interface Wire {
  method: string;
  /** The path without its query, for messages. */
  path: string;
  url: string;
  /** The call's own headers, names in lower case; each attempt adds its credentials. */
  headers: Record<string, string>;
  body: string | undefined;
  signal: AttemptSignal;
  /** The largest body to read; `undefined` leaves it to the caller (`rawCall`). */
  maxBytes: number | undefined;
  /** The call's secrets, to which each attempt adds its signature or token. */
  secrets: (string | undefined)[];
}

interface Signing {
  applicationSecret: string;
  consumerKey: string;
  delta: number;
}

/**
 * A client of one OVHcloud API endpoint. `R` is the routes its calls know (typed path,
 * params and result): by default the project's (`import type {} from "@asyncovh/api/me"`), or
 * a map of its own (`new Client<MeRoutes>(…)`).
 */
export class Client<R extends RouteMap = ProjectRoutes> {
  readonly #options: ClientOptions;
  readonly #fetch: FetchLike;
  /** The fetch's own way to answer calls without a web `Response`, when it has one. */
  readonly #answers: AnswerTransport | undefined;
  readonly #retry: RetryPolicy;
  readonly #limiter: Limiter;
  #settings: Credentials = {};
  #base: string | undefined;
  /** The origin of `#base`: answers from anywhere else are refused. */
  #origin = "";
  #ready: Promise<void> | undefined;
  /** True once the latest `#ready` has resolved. */
  #loaded = false;
  #timeDelta: number | undefined;
  #timeDeltaSync: Promise<number> | undefined;
  /** What the runtime's sources say about themselves, for "missing value" errors. */
  #notes = "";
  /** Whether the runtime reads ovh.conf files (its loader hands some over, if only `[]`). */
  #readsFiles = true;
  /** Whether it reads the environment: not without an adapter (a page). */
  #readsEnv = true;
  /** The OAuth2 token source, when the client uses OAuth2 rather than application keys. */
  #bearer: BearerToken | undefined;

  /**
   * A client configured by `options`; what they leave out comes from the runtime's sources
   * (environment, ovh.conf files) when `init()` runs, at the latest with the first call.
   */
  constructor(options: ClientOptions = {}) {
    if (options === null || typeof options !== "object") {
      throw new InvalidConfiguration("Client options must be an object.");
    }
    checkTimeout(options.timeout, "timeout");
    if (options.timeDelta !== undefined && !Number.isInteger(options.timeDelta)) {
      throw new InvalidConfiguration("timeDelta must be an integer number of seconds.");
    }
    if (options.fetch !== undefined && typeof options.fetch !== "function") {
      throw new InvalidConfiguration("fetch must be a function with the signature of fetch().");
    }
    // Fail at construction for an explicit bad endpoint, like python-ovh.
    if (options.endpoint !== undefined) resolveEndpoint(options.endpoint);
    assertNoSecretInBrowser(options);
    this.#retry = retryPolicy(options.retry, DEFAULT_RETRY);
    this.#limiter = new Limiter(options);
    checkMaxResponseSize(options.maxResponseSize);
    checkEventHook(options.onEvent);
    this.#options = { ...options };
    this.#timeDelta = options.timeDelta;
    const fetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
    if (typeof fetch !== "function") {
      throw new InvalidConfiguration(
        "No fetch() in this runtime: pass one as the `fetch` option (Node >= 18, Deno, Bun, Workers and browsers have it).",
      );
    }
    this.#fetch = fetch;
    this.#answers = (fetch as { [ANSWER_TRANSPORT]?: AnswerTransport })[ANSWER_TRANSPORT];
  }

  /**
   * Loads the configuration of the runtime (options > environment > ini files), once. Calls run
   * it themselves when it has not run; call it to choose a `configFile` or to fail early.
   */
  init(options: InitOptions = {}): Promise<this> {
    const configFile = options?.configFile ?? undefined;
    const ready = this.#load(configFile);
    this.#ready = ready;
    this.#loaded = false;
    ready.then(
      () => {
        // Calls skip the wait once the latest load is done.
        if (this.#ready === ready) this.#loaded = true;
      },
      () => {
        // A failed load may be retried by the next call.
        if (this.#ready === ready) this.#ready = undefined;
      },
    );
    return ready.then(() => this);
  }

  async #load(configFile: string | undefined): Promise<void> {
    const { loadConfig, ...explicit } = this.#options;
    if (!loadConfig && configFile !== undefined) {
      throw new InvalidConfiguration(
        'configFile needs a runtime adapter that can read files: import Client from "asyncovh" (Node, Bun, Deno).',
      );
    }
    const { settings, notes, readsFiles } = loadConfig
      ? await loadConfig({ configFile, options: explicit })
      : { settings: resolveConfig(explicit), notes: [NO_SOURCES], readsFiles: false };
    this.#notes = notes.map((note) => ` ${note}`).join("");
    this.#readsFiles = readsFiles;
    this.#readsEnv = loadConfig !== undefined;
    if (settings.endpoint === undefined) {
      throw new InvalidRegion(
        `No endpoint configured: pass \`endpoint\` (e.g. "ovh-eu")${this.#readsFiles ? ", set OVH_ENDPOINT, or write `endpoint=ovh-eu` in the [default] section of ovh.conf" : this.#readsEnv ? " or set OVH_ENDPOINT" : ""}.${this.#notes}`,
      );
    }
    this.#base = resolveEndpoint(settings.endpoint);
    this.#origin = new URL(this.#base).origin;
    this.#bearer = oauth2From(settings, {
      tokenUrl: this.#options.tokenUrl,
      // Token requests are reported to onEvent too (their Basic credentials redacted).
      fetch: this.#options.onEvent ? observeFetch(this.#fetch, this.#options.onEvent) : this.#fetch,
      timeout: this.#options.timeout ?? DEFAULT_TIMEOUT,
    });
    this.#settings = settings;
  }

  #ensureReady(): Promise<void> {
    // The load's failure reaches the caller through #ready; the copy init() returns is unobserved.
    if (this.#ready === undefined) this.init().catch(() => undefined);
    return this.#ready as Promise<void>;
  }

  /** The base URL of the endpoint, once configured. */
  get endpoint(): string | undefined {
    return this.#base;
  }

  /** The application key (public); never the secret. */
  get applicationKey(): string | undefined {
    return this.#settings.applicationKey ?? this.#options.applicationKey;
  }

  /**
   * Server time minus local time, in seconds: fetched from `GET /auth/time` once per client,
   * with a single request however many calls need it at the same moment.
   */
  async timeDelta(): Promise<number> {
    if (this.#timeDelta !== undefined) return this.#timeDelta;
    this.#timeDeltaSync ??= this.#syncTime().finally(() => {
      this.#timeDeltaSync = undefined;
    });
    return this.#timeDeltaSync;
  }

  /**
   * Re-reads the server's clock after it refused a timestamp signed with delta `used`, unless
   * another call has re-read it since: many calls refused at once make one request.
   */
  async #resync(used: number): Promise<number> {
    if (this.#timeDelta !== undefined && this.#timeDelta !== used) return this.#timeDelta;
    this.#timeDelta = undefined;
    return this.timeDelta();
  }

  async #syncTime(): Promise<number> {
    const serverTime = await this.call<unknown>("GET", "/auth/time", undefined, false);
    if (typeof serverTime !== "number" || !Number.isInteger(serverTime)) {
      throw new InvalidResponse("GET /auth/time did not answer an integer Unix time.", {
        method: "GET",
        path: "/auth/time",
        body: serverTime,
      });
    }
    this.#timeDelta = serverTime - Math.floor(Date.now() / 1000);
    return this.#timeDelta;
  }

  /**
   * Sends a request and returns the raw `Response`, whatever its status. Its timeout, signal
   * and limiter slot cover the request up to the response headers; the body is yours to read.
   */
  rawCall(
    method: string,
    path: string,
    data?: unknown,
    needAuth?: boolean,
    options: RequestOptions = {},
  ): Promise<Response> {
    return this.#request(method, path, data, needAuth, options, toResponse, undefined);
  }

  /**
   * One call through the request loop; each attempt reads at most `maxBytes` of the body
   * (`undefined`: none, for `rawCall`), and `read` turns the last answer into the result.
   */
  async #request<T>(
    method: string,
    path: string,
    data: unknown,
    needAuth: boolean | undefined,
    callOptions: RequestOptions,
    read: (answer: Answer) => T,
    maxBytes: number | undefined,
  ): Promise<T> {
    const options = checkRequestOptions(callOptions);
    const verb = checkMethod(method);
    const timeout =
      checkTimeout(options.timeout, "timeout") ?? this.#options.timeout ?? DEFAULT_TIMEOUT;
    const policy = retryPolicy(options.retry, this.#retry, "options.retry");
    if (!this.#loaded) await this.#ensureReady();
    // Signed as fetch will send it: in its WHATWG serialization ("é" becomes %C3%A9…).
    const built = buildUrl(this.#base as string, path);
    // A path of characters the WHATWG serializer leaves as they are is sent as written.
    const url = PLAIN_PATH.test(path) ? built : new URL(built).href;
    const where = { method: verb, path: pathOnly(path) };
    const body = encodeBody(data);
    const headers: Record<string, string> = {};
    if (options.headers !== undefined) {
      new Headers(options.headers).forEach((value, name) => {
        headers[name] = value;
      });
    }
    const { applicationKey, applicationSecret, consumerKey } = this.#settings;
    if (applicationKey !== undefined) headers["x-ovh-application"] = applicationKey;
    if (body !== undefined) headers["content-type"] = "application/json";

    const authenticated = needAuth ?? this.#options.needAuth ?? true;
    const bearer = authenticated ? this.#bearer : undefined;
    let signing: Signing | undefined;
    if (authenticated && !bearer) {
      if (
        applicationKey === undefined ||
        applicationSecret === undefined ||
        consumerKey === undefined
      ) {
        const missing = [
          applicationKey === undefined && "application key",
          applicationSecret === undefined && "application secret",
          consumerKey === undefined && "consumer key",
        ].filter(Boolean);
        throw new InvalidKey(
          `A signed call needs ${missing.join(", ")}: pass them as options${this.#readsEnv ? `${this.#readsFiles ? "," : " or"} set OVH_APPLICATION_KEY / OVH_APPLICATION_SECRET / OVH_CONSUMER_KEY${this.#readsFiles ? ", or write them in ovh.conf" : ""}` : ""}; a service account instead takes clientId and clientSecret${this.#readsEnv ? " (OVH_CLIENT_ID / OVH_CLIENT_SECRET)" : ""} (${verb} ${pathOnly(path)}).${this.#notes}`,
          { errorCode: "MISSING_KEY", method: verb, path: pathOnly(path) },
        );
      }
      // Known after the first call: no promise to wait for (an aborted signal is caught below).
      const delta =
        this.#timeDelta ??
        (await abortable(this.timeDelta(), options.signal).catch((error: unknown) => {
          if (!options.signal?.aborted) throw error;
          throw new RequestAbortedError(describe("The call was aborted", where), {
            ...where,
            cause: options.signal.reason,
          });
        }));
      signing = { applicationSecret, consumerKey, delta };
    }

    const secrets = this.#secrets();
    // Spelled out rather than spread: a spread here cost more than the rest of the call setup.
    return await exchange({
      method: verb,
      path: where.path,
      url,
      origin: this.#origin,
      policy,
      limiter: this.#limiter,
      timeout,
      signal: options.signal,
      onEvent: this.#options.onEvent,
      secrets,
      read,
      resync: signing
        ? async () => {
            const current = signing as Signing;
            current.delta = await this.#resync(current.delta);
          }
        : undefined,
      // Straight to the transport: a ky instance here cost more than a third of the client's
      // time per call (a Request built and cloned per attempt) for nothing the loop needs.
      send: (signal, attempt, sent) => {
        const wire: Wire = {
          method: verb,
          path: where.path,
          url,
          headers,
          body,
          signal,
          maxBytes,
          secrets,
        };
        const turn = { attempt, sent };
        return bearer
          ? sendWithBearer(bearer, signal.signal, (authorization) =>
              this.#attempt(wire, undefined, turn, authorization),
            )
          : this.#attempt(wire, signing, turn);
      },
    });
  }

  /** One attempt on the wire: signed here, with a fresh timestamp, over the URL actually sent. */
  #attempt(
    wire: Wire,
    signing: Signing | undefined,
    turn: { attempt: number; sent: () => void },
    authorization?: string,
  ): Promise<Answer> {
    const { method, url, body, signal, maxBytes } = wire;
    // A new object per attempt (the transport may keep it): the attempt's own headers in a
    // literal, then the call's copied in. A copy that then gets new keys (`{ ...a, b: 1 }`, or a
    // clone plus assignments) costs V8 about 4 us, some fifty times more.
    let headers: Record<string, string>;
    if (signing) {
      const timestamp = Math.floor(Date.now() / 1000) + signing.delta;
      const signature = sign({
        applicationSecret: signing.applicationSecret,
        consumerKey: signing.consumerKey,
        method,
        url,
        body: body ?? "",
        timestamp,
      });
      headers = {
        "x-ovh-consumer": signing.consumerKey,
        "x-ovh-timestamp": String(timestamp),
        "x-ovh-signature": signature,
      };
      // A server may echo the signature whole, or its hex digest alone.
      wire.secrets.push(signature, signature.slice(3));
    } else {
      headers = {};
    }
    if (authorization !== undefined) {
      headers.authorization = authorization;
      wire.secrets.push(authorization.slice("Bearer ".length));
    }
    const own = wire.headers;
    for (const name in own) {
      if (!Object.hasOwn(headers, name)) headers[name] = own[name] as string;
    }
    if (this.#options.onEvent) {
      const headerCopy = redactHeaders(headers);
      emit(this.#options.onEvent, {
        type: "request",
        method,
        url,
        attempt: turn.attempt,
        headers: headerCopy,
      });
    }
    // The rate limit counts from here, when the request goes on the wire.
    turn.sent();
    if (maxBytes !== undefined && this.#answers !== undefined) {
      return this.#answers({ method, url, headers, body, signal, maxBytes });
    }
    const { signal: fetchSignal } = signal;
    return this.#fetch(url, {
      method,
      headers,
      body,
      signal: fetchSignal,
      redirect: "manual",
    }).then(async (response) => {
      // rawCall leaves a success's body to its caller. An error's is read: a signed call's 400
      // to tell a refused timestamp from other errors, and every one to scrub it of the call's
      // secrets, which a server may echo (a signing proxy hands this body to its pages).
      if (maxBytes === undefined && response.status < 400) return answerOf(response, undefined);
      const answer = await readAnswer(
        response,
        maxBytes ?? DEFAULT_MAX_RESPONSE_SIZE,
        fetchSignal,
        {
          method,
          path: wire.path,
          secrets: wire.secrets,
        },
      );
      return maxBytes === undefined && answer.text !== undefined
        ? { ...answer, text: scrub(answer.text, wire.secrets) }
        : answer;
    });
  }

  /** Sends a request and returns its parsed JSON body; non-2xx statuses throw. */
  call<T = unknown>(
    method: string,
    path: string,
    data?: unknown,
    needAuth?: boolean,
    options: RequestOptions = {},
  ): Promise<T> {
    return this.#json(method, path, data, needAuth, options, (body) => body as T);
  }

  /**
   * Like `call`, with the response's status, headers (`X-Pagination-*`…) and `X-Ovh-QueryID`
   * next to the parsed body.
   */
  callWithResponse<T = unknown>(
    method: string,
    path: string,
    data?: unknown,
    needAuth?: boolean,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    return this.#json(method, path, data, needAuth, options, (body, answer) => ({
      data: body as T,
      status: answer.status,
      headers: answer.headers(),
      queryId: answer.header("X-Ovh-QueryID") ?? undefined,
    }));
  }

  /** A call whose JSON body (`null` for a 204) is handed to `result` on success. */
  async #json<R>(
    method: string,
    path: string,
    data: unknown,
    needAuth: boolean | undefined,
    options: RequestOptions,
    result: (body: unknown, answer: Answer) => R,
  ): Promise<R> {
    const maxSize =
      checkMaxResponseSize(options?.maxResponseSize, "options.maxResponseSize") ??
      this.#options.maxResponseSize ??
      DEFAULT_MAX_RESPONSE_SIZE;
    const read = (answer: Answer) => result(this.#parse(method, path, answer, maxSize), answer);
    return await this.#request(method, path, data, needAuth, options, read, maxSize);
  }

  #parse(verb: string, fullPath: string, answer: Answer, maxSize: number): unknown {
    const { status, text } = answer;
    const method = verb.toUpperCase();
    const path = pathOnly(fullPath);
    const queryId = answer.header("X-Ovh-QueryID") ?? undefined;
    const where = { method, path, status, queryId };
    // Status 0: a browser's opaque answer to `redirect: "manual"`.
    if (status === 0 || (status >= 300 && status < 400)) {
      throw new APIError(
        describe("The API answered with a redirect, which is not followed", where),
        { ...where, response: toResponse(answer) },
      );
    }
    if (status === 204) return null;
    if (text === undefined) {
      throw new InvalidResponse(
        describe(
          `The response body is larger than maxResponseSize (${maxSize} bytes); raise maxResponseSize if it is expected`,
          where,
        ),
        { ...where, response: toResponse(answer) },
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (cause) {
      throw new InvalidResponse(describe("Failed to decode API response", where), {
        ...where,
        response: toResponse(answer),
        cause,
      });
    }
    if (status >= 200 && status < 300) return body;
    throw errorFromResponse({ method, path, response: toResponse(answer), body });
  }

  /**
   * `GET path?params`. On a route template (`"/me/bill/{billId}"`), each `{placeholder}` takes
   * the param of that name and the others become the query string; the call is typed when
   * the client knows the route.
   */
  get<T = unknown, P extends RoutePath<R["GET"]> = RoutePath<R["GET"]>>(
    path: P,
    ...args: CallArgs<R["GET"], P, "query", QueryParams, RequestOptions>
  ): Promise<CallResult<R["GET"], P, T>>;
  async get(path: string, params?: unknown, options: RequestOptions = {}): Promise<unknown> {
    // async, so that params that cannot be encoded reject the promise rather than throw.
    const target = routeTarget(path, params as QueryParams);
    return await this.call("GET", target, undefined, options?.needAuth, options);
  }

  /** `DELETE path?params`, placeholders filled like `get`. */
  delete<T = unknown, P extends RoutePath<R["DELETE"]> = RoutePath<R["DELETE"]>>(
    path: P,
    ...args: CallArgs<R["DELETE"], P, "query", QueryParams, RequestOptions>
  ): Promise<CallResult<R["DELETE"], P, T>>;
  async delete(path: string, params?: unknown, options: RequestOptions = {}): Promise<unknown> {
    const target = routeTarget(path, params as QueryParams);
    return await this.call("DELETE", target, undefined, options?.needAuth, options);
  }

  /** `POST path` with a JSON body; on a route template, the placeholders' params leave it. */
  post<T = unknown, P extends RoutePath<R["POST"]> = RoutePath<R["POST"]>>(
    path: P,
    ...args: CallArgs<R["POST"], P, "body", unknown, RequestOptions>
  ): Promise<CallResult<R["POST"], P, T>>;
  async post(path: string, body?: unknown, options: RequestOptions = {}): Promise<unknown> {
    const [target, data] = fillPath(path, body);
    return await this.call("POST", target, data, options?.needAuth, options);
  }

  /** `PUT path` with a JSON body; on a route template, the placeholders' params leave it. */
  put<T = unknown, P extends RoutePath<R["PUT"]> = RoutePath<R["PUT"]>>(
    path: P,
    ...args: CallArgs<R["PUT"], P, "body", unknown, RequestOptions>
  ): Promise<CallResult<R["PUT"], P, T>>;
  async put(path: string, body?: unknown, options: RequestOptions = {}): Promise<unknown> {
    const [target, data] = fillPath(path, body);
    return await this.call("PUT", target, data, options?.needAuth, options);
  }

  /**
   * Every item of a `/v2` list, page after page (`X-Pagination-Cursor`), for `for await`:
   * `for await (const r of client.paginate("/v2/iam/resource", {}, { pageSize: 100 }))`.
   */
  paginate<T = unknown, P extends RoutePath<R["paginate"]> = RoutePath<R["paginate"]>>(
    path: P,
    ...args: CallArgs<R["GET"], P, "query", QueryParams, PaginateOptions>
  ): AsyncGenerator<ItemOf<R["paginate"], P, T>, void, undefined>;
  paginate(
    path: string,
    params?: unknown,
    options: PaginateOptions = {},
  ): AsyncGenerator<unknown, void, undefined> {
    return paginateCursor(this, path, params as QueryParams, options);
  }

  /**
   * Every full object of a v1 list route, a page of objects per request
   * (`X-Pagination-Mode: CachedObjectList-Pages`), for `for await`.
   */
  listObjects<T = unknown, P extends RoutePath<R["listObjects"]> = RoutePath<R["listObjects"]>>(
    path: P,
    ...args: CallArgs<R["GET"], P, "query", QueryParams, ListObjectsOptions>
  ): AsyncGenerator<ItemOf<R["listObjects"], P, T>, void, undefined>;
  listObjects(
    path: string,
    params?: unknown,
    options: ListObjectsOptions = {},
  ): AsyncGenerator<unknown, void, undefined> {
    return listObjectPages(this, path, params as QueryParams, options);
  }

  /**
   * The objects `collection/id` of many ids, 50 per request (`X-Ovh-Batch: ,`); ids the API
   * could not read are in `errors`. Typed on an item route, whose last placeholder the ids fill:
   * `batchGet("/dedicated/server/{serviceName}/task/{taskId}", ids, { serviceName })`.
   */
  batchGet<T = unknown, P extends RoutePath<R["batchGet"]> = RoutePath<R["batchGet"]>>(
    path: P,
    ids: BatchIds<R, P>,
    ...args: BatchArgs<R, P, BatchGetOptions>
  ): Promise<BatchResult<BatchItem<R, P, T>>>;
  async batchGet(
    path: string,
    ids: readonly (string | number)[],
    params?: unknown,
    options?: BatchGetOptions,
  ): Promise<BatchResult<unknown>> {
    const collection = collectionOf(path);
    // An item route: the ids fill its last placeholder, the params the others.
    const result =
      collection === undefined
        ? await batchGet(this, path, ids, params as BatchGetOptions)
        : await batchGet(this, fillPath(collection, params)[0], ids, options);
    // Each id's error holds the API's text, which may echo a credential.
    for (const error of result.errors.values()) redactError(error, this.#secrets());
    return result;
  }

  /** Starts building the access rules of a new consumer key. */
  newConsumerKeyRequest(): ConsumerKeyRequest {
    return new ConsumerKeyRequest(this);
  }

  /**
   * `POST /auth/credential` (unsigned). The returned consumer key is stored in the client, so
   * calls can be made once the user has validated it at `validationUrl`.
   */
  async requestConsumerKey(
    accessRules: readonly AccessRule[],
    redirection?: string,
    allowedIPs?: readonly string[],
  ): Promise<ConsumerKeyResponse> {
    if (!Array.isArray(accessRules)) {
      throw new InvalidConfiguration("accessRules must be an array of { method, path }.");
    }
    const rules = accessRules.map((rule: AccessRule) => accessRule(rule?.method, rule?.path));
    if (redirection !== undefined && typeof redirection !== "string") {
      throw new InvalidConfiguration("redirection must be a URL string.");
    }
    if (
      allowedIPs !== undefined &&
      !(Array.isArray(allowedIPs) && allowedIPs.every((ip) => typeof ip === "string"))
    ) {
      throw new InvalidConfiguration("allowedIPs must be an array of IP or CIDR strings.");
    }
    const result = await this.call<ConsumerKeyResponse>(
      "POST",
      "/auth/credential",
      { accessRules: rules, redirection: redirection ?? null, allowedIPs: allowedIPs ?? null },
      false,
    );
    if (typeof result?.consumerKey !== "string") {
      throw new InvalidResponse("POST /auth/credential did not return a consumerKey.", {
        method: "POST",
        path: "/auth/credential",
      });
    }
    // Held like an explicit option, so a later init() keeps it over env and files.
    this.#options.consumerKey = result.consumerKey;
    this.#settings = { ...this.#settings, consumerKey: result.consumerKey };
    return result;
  }

  /** The credentials to keep out of messages built from text the client does not control. */
  #secrets(): (string | undefined)[] {
    const { applicationSecret, consumerKey, clientSecret, accessToken } = this.#settings;
    // The OAuth2 token fetched last, too: batchGet's per-id errors are scrubbed with these.
    return [applicationSecret, consumerKey, clientSecret, accessToken, this.#bearer?.held];
  }

  /** A summary without secrets, for logs. */
  toJSON(): Record<string, unknown> {
    return {
      endpoint: this.#base ?? this.#options.endpoint,
      applicationKey: this.applicationKey,
      applicationSecret:
        this.#settings.applicationSecret || this.#options.applicationSecret
          ? "[redacted]"
          : undefined,
      consumerKey:
        this.#settings.consumerKey || this.#options.consumerKey ? "[redacted]" : undefined,
      clientId: this.#settings.clientId ?? this.#options.clientId,
      clientSecret:
        this.#settings.clientSecret || this.#options.clientSecret ? "[redacted]" : undefined,
      accessToken:
        this.#settings.accessToken || this.#options.accessToken ? "[redacted]" : undefined,
    };
  }

  /** A one-line summary of the client's settings, every secret redacted. */
  toString(): string {
    return `Client ${JSON.stringify(this.toJSON())}`;
  }

  /** Node's `util.inspect` (and so `console.log`) show the summary too. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
