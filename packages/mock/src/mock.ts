/**
 * @module
 * `createMockOvh()`: an offline OVHcloud API as a fetch handler (`Request -> Response`), with
 * web standards only, so it runs wherever `fetch` does.
 */
import type { AccessRulePattern } from "./access-rules.ts";
import { authenticate, type Caller } from "./authenticate.ts";
import { addBills } from "./bulk-bills.ts";
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET } from "./constants.ts";
import { invalidJson, invalidUrl, OvhError } from "./errors.ts";
import { interrupt, statusFaultResponse, truncate } from "./fault-response.ts";
import { FaultController, type FaultKind, faultKind, type MockFaults } from "./faults.ts";
import { errorResponse, jsonResponse } from "./http.ts";
import { runListing } from "./listing.ts";
import { OAuth2Server, type ServiceAccountKeys, TOKEN_PATH } from "./oauth2.ts";
import { queryIdGenerator } from "./query-id.ts";
import { createRouter, type RouteMatch } from "./router.ts";
import { API_ROUTES, SITE_ROUTES } from "./routes/index.ts";
import { MockState } from "./state.ts";

/** An application's keys. */
export interface ApplicationKeys {
  /** The application key, sent in `X-Ovh-Application`. */
  applicationKey: string;
  /** The application secret, which signs its calls. */
  applicationSecret: string;
}

/** The options of `createMockOvh()`. */
export interface MockOvhOptions {
  /** The registered applications (default: the demo application alone). */
  applications?: ApplicationKeys[];
  /** The mock's clock, in ms since the epoch (default `Date.now`). */
  now?: () => number;
  /**
   * Answers CORS preflights and adds CORS headers, for tests in browsers: `true` allows any
   * origin, `{ origins }` only those (e.g. `["http://127.0.0.1:5173"]`). Default: off.
   */
  cors?: boolean | { origins: string[] };
  /** How many seconds a request's timestamp may differ from the server's time (default 180). */
  timestampWindow?: number;
  /** Lifetime of the OAuth2 access tokens handed out, in seconds (default 3600). */
  tokenLifetime?: number;
  /**
   * The most objects an object-list page holds, whatever `X-Pagination-Size` asks (default: no
   * cap). A capped page says its real size in the answer's `X-Pagination-Size`, and pages are
   * numbered in that size, as a server that pages in its own size does.
   */
  maxPageSize?: number;
}

/** One request the mock received. No header, body or key is kept. */
export interface RequestRecord {
  /** The request's method. */
  method: string;
  /** The full URL, query string included. */
  url: string;
  /** The path as the client writes it, without `/1.0` and the query (`/me`, `/v2/iam/resource`). */
  path: string;
  /** The status answered; 0 when there was no answer (a drop fault, or the client gave up). */
  status: number;
  /** The `X-Ovh-QueryID` of the answer. */
  queryId: string;
  /** The fault applied to this request, if any. */
  fault?: FaultKind;
}

/** What `addConsumerKey()` needs to create a consumer key. */
export interface NewConsumerKey {
  /** The registered application the key is for. */
  applicationKey: string;
  /** The calls the key grants (`*` stands for any characters). */
  rules: AccessRulePattern[];
  /** Default `true`; `false` leaves the key pending until `validateConsumerKey()`. */
  validated?: boolean;
  /** When the key expires (a Date or ms since the epoch); default: never. */
  expiration?: Date | number;
}

/** The OAuth2 side of a mock (`mock.oauth2`). */
export interface OAuth2Controls {
  /** The lifetime of the access tokens handed out from now on, in seconds. */
  tokenLifetime: number;
  /** Forgets every access token handed out: the next call with one gets a 401. */
  revokeTokens(): void;
}

/** An offline OVHcloud API: `createMockOvh()` returns one. */
export interface MockOvh {
  /** The fetch handler: serve it with `serve()` or any server that speaks `Request`/`Response`. */
  handler(request: Request): Promise<Response>;
  /**
   * The handler shaped like `fetch`, for `new Client({ fetch: mock.fetch })`: whatever host the
   * URL names, the mock answers. A drop fault rejects with a `TypeError`, like `fetch`.
   */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Registers an application; keys not given are generated. */
  addApplication(app?: Partial<ApplicationKeys>): ApplicationKeys;
  /** Creates a consumer key for a registered application and returns it. */
  addConsumerKey(init: NewConsumerKey): string;
  /** Validates a pending consumer key, as its user does at the `validationUrl`. */
  validateConsumerKey(consumerKey: string): void;
  /**
   * Registers an OAuth2 service account (what is not given is generated); its tokens come from
   * `POST {origin}/auth/oauth2/token` and it may call every route.
   */
  addServiceAccount(keys?: Partial<ServiceAccountKeys>): ServiceAccountKeys;
  /** OAuth2 access tokens: their lifetime (s) from now on, and `revokeTokens()`. */
  readonly oauth2: OAuth2Controls;
  /** Adds `count` bills to the account (for listing benchmarks); returns their ids. */
  addBills(count: number): string[];
  /** The requests received, oldest first (the last 10 000). */
  readonly requests: ReadonlyArray<RequestRecord>;
  /** Failures on demand: see {@link MockFaults}. */
  readonly faults: MockFaults;
  /** Back to the initial data, no faults, and an empty request log. */
  reset(): void;
}

const MAX_RECORDS = 10_000;
const API_PATH = /^\/(1\.0|v1|v2)(\/.*)?$/;
const VERSIONED = /^\/v[12](?:\/|$)/;

interface Location {
  /** The routes to look in, and the path to look for. */
  table: "api" | "site";
  lookup: string | undefined;
  /** The path matched by access rules and faults, and logged. */
  path: string;
}

/** Where a pathname leads: `/1.0/me` and `/v1/me` to `/me`, `/v2/x` to `/v2/x`, others to the site. */
function locate(pathname: string): Location {
  const match = API_PATH.exec(pathname);
  if (!match) return { table: "site", lookup: pathname, path: pathname };
  const [, version, rest = "/"] = match;
  if (version === "v2") return { table: "api", lookup: `/v2${rest}`, path: `/v2${rest}` };
  // `/1.0/v2/...` is no API path: versions do not nest.
  const lookup = VERSIONED.test(rest) ? undefined : rest;
  return { table: "api", lookup, path: version === "v1" ? `/v1${rest}` : rest };
}

const CORS_ALLOW_HEADERS =
  "X-Ovh-Timestamp, X-Ovh-Consumer, X-Ovh-Application, X-Ovh-Signature, X-Ovh-Session, Authorization, Content-Type, X-Pagination-Cursor, X-Pagination-Size";
const CORS_EXPOSE_HEADERS = "X-Ovh-QueryID, Retry-After, X-Pagination-Cursor-Next";

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function checkApplications(applications: unknown): ApplicationKeys[] {
  if (!Array.isArray(applications)) {
    throw new TypeError("applications must be an array of { applicationKey, applicationSecret }.");
  }
  const keys = new Set<string>();
  return applications.map((app: ApplicationKeys) => {
    if (typeof app?.applicationKey !== "string" || typeof app.applicationSecret !== "string") {
      throw new TypeError("Each application needs a string applicationKey and applicationSecret.");
    }
    if (keys.has(app.applicationKey)) {
      throw new TypeError("Two applications have the same applicationKey.");
    }
    keys.add(app.applicationKey);
    return { applicationKey: app.applicationKey, applicationSecret: app.applicationSecret };
  });
}

/** Creates an offline OVHcloud API. */
export function createMockOvh(options: MockOvhOptions = {}): MockOvh {
  const applications = checkApplications(
    options.applications ?? [
      { applicationKey: DEMO_APPLICATION_KEY, applicationSecret: DEMO_APPLICATION_SECRET },
    ],
  );
  const clock = options.now ?? Date.now;
  const timestampWindow = options.timestampWindow ?? 180;
  if (!(Number.isFinite(timestampWindow) && timestampWindow >= 0)) {
    throw new TypeError("timestampWindow must be a number of seconds, 0 or more.");
  }
  const cors = options.cors ?? false;
  const maxPageSize = options.maxPageSize ?? Number.POSITIVE_INFINITY;
  if (
    !(
      maxPageSize === Number.POSITIVE_INFINITY ||
      (Number.isInteger(maxPageSize) && maxPageSize >= 1)
    )
  ) {
    throw new TypeError("maxPageSize must be a whole number of objects, 1 or more.");
  }
  const oauth2 = new OAuth2Server(options.tokenLifetime);
  const state = new MockState(applications);
  const faults = new FaultController();
  const nextQueryId = queryIdGenerator();
  const apiRouter = createRouter(API_ROUTES);
  const siteRouter = createRouter(SITE_ROUTES);
  let records: RequestRecord[] = [];

  /** The server's time: the mock's clock plus the clock skew fault. */
  const serverNow = () => clock() + faults.skewSeconds * 1000;

  function allowedOrigin(request: Request): string | undefined {
    if (cors === false) return undefined;
    if (cors === true) return "*";
    const origin = request.headers.get("Origin");
    return origin !== null && cors.origins.includes(origin) ? origin : undefined;
  }

  function finish(response: Response, request: Request, queryId: string): Response {
    response.headers.set("X-Ovh-QueryID", queryId);
    const origin = allowedOrigin(request);
    if (origin !== undefined) {
      response.headers.set("Access-Control-Allow-Origin", origin);
      response.headers.set("Access-Control-Expose-Headers", CORS_EXPOSE_HEADERS);
      if (origin !== "*") response.headers.append("Vary", "Origin");
    }
    return response;
  }

  function preflight(request: Request): Response {
    const response = new Response(null, { status: 204 });
    if (allowedOrigin(request) !== undefined) {
      response.headers.set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
      response.headers.set("Access-Control-Allow-Headers", CORS_ALLOW_HEADERS);
      response.headers.set("Access-Control-Max-Age", "600");
    }
    return response;
  }

  /** The API's answer to a request, errors included; never throws. */
  async function answer(request: Request, url: URL, location: Location): Promise<Response> {
    const found: RouteMatch | undefined =
      location.lookup === undefined
        ? undefined
        : (location.table === "api" ? apiRouter : siteRouter)(request.method, location.lookup);
    try {
      if (!found) throw invalidUrl();
      const now = serverNow();
      const rawBody = request.body === null ? "" : await request.text();
      const caller: Caller =
        oauth2.caller(found.route.auth, request, now) ??
        authenticate({
          auth: found.route.auth ?? "signed",
          request,
          rawBody,
          rulePath: location.path.replace(/^\/v1(?=\/|$)/, "") || "/",
          state,
          now,
          timestampWindow,
        });
      let body: unknown;
      if (rawBody !== "" && (request.method === "POST" || request.method === "PUT")) {
        try {
          body = JSON.parse(rawBody);
        } catch {
          throw invalidJson();
        }
      }
      const result = await runListing(
        location.table === "api" ? apiRouter : siteRouter,
        found,
        location.lookup as string,
        maxPageSize,
        {
          state,
          params: found.params,
          query: url.searchParams,
          body,
          origin: url.origin,
          now,
          application: caller.application,
          credential: caller.credential,
          request,
        },
      );
      return result instanceof Response ? result : jsonResponse(result);
    } catch (error) {
      if (error instanceof OvhError) return errorResponse(error);
      // A bug of the mock: say so, in OVH's shape.
      const message = error instanceof Error ? error.message : String(error);
      return jsonResponse(
        { class: "Server::InternalServerError", message: `Internal server error: ${message}` },
        500,
      );
    }
  }

  async function handler(request: Request): Promise<Response> {
    const queryId = nextQueryId(serverNow());
    const url = new URL(request.url);
    const location = locate(url.pathname);
    const method = request.method.toUpperCase();
    const record: RequestRecord = {
      method,
      url: request.url,
      path: location.path,
      status: 0,
      queryId,
    };
    try {
      if (method === "OPTIONS" && cors !== false) {
        const response = finish(preflight(request), request, queryId);
        record.status = response.status;
        return response;
      }
      const fault = faults.take(method, location.path);
      if (fault) record.fault = faultKind(fault);
      if (fault?.delay) await sleep(fault.delay, request.signal);
      if (faults.latencyMs > 0) await sleep(faults.latencyMs, request.signal);

      let response: Response;
      if (fault && "drop" in fault) return Response.error();
      if (fault && "status" in fault) response = statusFaultResponse(fault);
      else if (location.table === "site" && location.path === TOKEN_PATH)
        response = await oauth2.token(request, serverNow());
      else response = await answer(request, url, location);
      if (fault && "truncate" in fault) response = await truncate(response, fault);
      if (fault && "interrupt" in fault) response = await interrupt(response, fault);
      finish(response, request, queryId);
      record.status = response.status;
      return response;
    } finally {
      records.push(record);
      // Trimmed in batches: a copy of 10 000 records per request would slow a long load test.
      if (records.length >= 2 * MAX_RECORDS) records = records.slice(-MAX_RECORDS);
    }
  }

  function applicationOf(applicationKey: string) {
    const app = state.applicationByKey(applicationKey);
    if (!app) {
      throw new Error(
        "No application with this applicationKey is registered in the mock: register it with addApplication() or the applications option.",
      );
    }
    return app;
  }

  return {
    handler,
    async fetch(input, init) {
      const response = await handler(new Request(input, init));
      if (response.type === "error") {
        throw new TypeError("fetch failed", {
          cause: new Error("The mock OVH API dropped the connection (a drop fault)."),
        });
      }
      return response;
    },
    addApplication(app = {}) {
      const created = state.addApplication(app);
      return {
        applicationKey: created.applicationKey,
        applicationSecret: created.applicationSecret,
      };
    },
    addConsumerKey(init) {
      const app = applicationOf(init?.applicationKey);
      if (!Array.isArray(init.rules))
        throw new TypeError("rules must be an array of { method, path }.");
      const expiration = init.expiration === undefined ? null : new Date(init.expiration).getTime();
      if (expiration !== null && Number.isNaN(expiration)) {
        throw new TypeError("expiration must be a Date or a number of ms since the epoch.");
      }
      return state.addCredential({
        applicationId: app.applicationId,
        rules: init.rules,
        status: init.validated === false ? "pendingValidation" : "validated",
        creation: serverNow(),
        expiration,
      }).consumerKey;
    },
    validateConsumerKey(consumerKey) {
      const credential = state.credentialByConsumerKey(consumerKey);
      if (!credential) throw new Error("This consumer key is unknown to the mock.");
      if (credential.status === "pendingValidation") credential.status = "validated";
      if (credential.status !== "validated") {
        throw new Error(
          `This consumer key is ${credential.status}: it can no longer be validated.`,
        );
      }
    },
    addServiceAccount: (keys) => oauth2.addServiceAccount(keys),
    oauth2,
    addBills: (count) => addBills(state.data, count, serverNow()),
    get requests() {
      return records.slice(-MAX_RECORDS);
    },
    faults,
    reset() {
      state.reset();
      oauth2.reset();
      faults.clear();
      records = [];
    },
  };
}
