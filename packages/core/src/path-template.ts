/**
 * @module
 * Path templates, python-style: each `{name}` of a path takes the parameter of that name,
 * percent-encoded as one path segment, and the other parameters stay for the query or the body.
 * `("/me/bill/{billId}", { billId: "FR1", x: 1 })` -> `["/me/bill/FR1", { x: 1 }]`.
 */
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { encodeQuery, type QueryParams, withQuery } from "./serialize.ts";

/** `{billId}`: a name, as OVH writes them (`{1}` stays text, sent as `%7B1%7D`). */
const PLACEHOLDER = /\{([A-Za-z_]\w*)\}/g;

/**
 * Fills the placeholders of `path` from `params` and returns the path with the params left.
 * A path without `{` comes back as it is, params untouched. A placeholder without a string,
 * number or bigint value, or whose value is empty, `.` or `..` (which would move up the path),
 * is an `InvalidConfiguration`.
 */
export function fillPath(path: string, params?: unknown): [path: string, rest: unknown] {
  if (!path.includes("{")) return [path, params];
  const object = params !== null && typeof params === "object" && !Array.isArray(params);
  const rest: Record<string, unknown> = object ? { ...params } : {};
  const filled = path.replace(PLACEHOLDER, (_, name: string) => {
    let value = rest[name];
    delete rest[name];
    if (typeof value === "number" ? Number.isFinite(value) : typeof value === "bigint") {
      value = String(value);
    }
    try {
      if (typeof value === "string" && !/^\.{0,2}$/.test(value)) return encodeURIComponent(value);
    } catch {
      // A lone surrogate, which UTF-8 cannot carry: refused below.
    }
    throw new InvalidConfiguration(
      `${path} needs {${name}} in its params: a string or a number, other than "", "." and "..".`,
    );
  });
  return [filled, object ? rest : params];
}

/** The path and query string of a GET or DELETE: placeholders filled, the other params queried. */
export function routeTarget(path: string, params: QueryParams | undefined): string {
  const [filled, query] = fillPath(path, params);
  return withQuery(filled, encodeQuery(query as QueryParams | undefined));
}

/**
 * The collection of an item route (`/dedicated/server/{serviceName}/task/{taskId}` ->
 * `/dedicated/server/{serviceName}/task`), or `undefined` for a path that does not end with a
 * placeholder.
 */
export const collectionOf = (path: string): string | undefined =>
  /^(.*)\/\{[A-Za-z_]\w*\}$/.exec(path)?.[1];
