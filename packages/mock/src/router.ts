/**
 * @module
 * The route table's types and its matcher: a route is data (a method, a path pattern such as
 * `/me/bill/{billId}`, who may call it, and a handler); `{name}` matches one path segment,
 * percent-decoded, so `/dedicated/server/{serviceName}` matches `ns1.ip-1-2-3.eu`.
 */
import type { Application, Credential } from "./model.ts";
import type { MockState } from "./state.ts";

/**
 * Who may call a route: `signed` (the default) needs a valid signed request whose access rules
 * grant the call; `application` needs a known `X-Ovh-Application` (like `POST /auth/credential`);
 * `none` is open (like `GET /auth/time`).
 */
export type RouteAuth = "signed" | "application" | "none";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RouteContext {
  state: MockState;
  /** Path parameters, decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, or `undefined` when there was none. */
  body: unknown;
  /** The origin the request was sent to (`http://127.0.0.1:8080`), for the URLs answered. */
  origin: string;
  /** The server's time, in ms since the epoch (clock skew included). */
  now: number;
  /** The caller's application, once known. */
  application?: Application | undefined;
  /** The caller's credential, for signed routes. */
  credential?: Credential | undefined;
  request: Request;
}

/** A handler returns the JSON to answer (`undefined` answers `null`), or a whole `Response`. */
export type Handler = (context: RouteContext) => unknown;

export interface Route {
  method: Method;
  /** The path as the client writes it: `/me/bill/{billId}`, or `/v2/iam/resource`. */
  path: string;
  auth?: RouteAuth;
  handle: Handler;
}

interface CompiledRoute {
  route: Route;
  segments: readonly string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

const PARAM = /^\{(\w+)\}$/;

/** Compiles a route table into a matcher of `(method, path)`. */
export function createRouter(
  routes: readonly Route[],
): (method: string, path: string) => RouteMatch | undefined {
  const compiled: CompiledRoute[] = routes.map((route) => ({
    route,
    segments: route.path.split("/").slice(1),
  }));
  return (method, path) => {
    const parts = path.split("/").slice(1);
    for (const { route, segments } of compiled) {
      if (route.method !== method || segments.length !== parts.length) continue;
      const params = matchSegments(segments, parts);
      if (params) return { route, params };
    }
    return undefined;
  };
}

function matchSegments(
  segments: readonly string[],
  parts: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = parts[i] as string;
    const name = PARAM.exec(segment)?.[1];
    if (name === undefined) {
      if (segment !== part) return undefined;
      continue;
    }
    if (part === "") return undefined;
    try {
      params[name] = decodeURIComponent(part);
    } catch {
      return undefined;
    }
  }
  return params;
}
