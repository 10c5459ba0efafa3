/**
 * @module
 * Path templates, python-style: each `{name}` of a path takes the parameter of that name,
 * percent-encoded as one path segment, and the other parameters stay for the query or the body.
 * `("/me/bill/{billId}", { billId: "FR1", x: 1 })` -> `["/me/bill/FR1", { x: 1 }]`.
 */
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { encodeQuery, LONE_SURROGATE, type QueryParams, withQuery } from "./serialize.ts";

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
  // Its own keys: params that are not an object have none a placeholder's name could match.
  const rest: Record<string, unknown> = { ...(params as object) };
  const filled = path.replace(PLACEHOLDER, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    const text =
      typeof value === "string" || typeof value === "bigint" || Number.isFinite(value)
        ? String(value)
        : "";
    // Not a lone surrogate either, which UTF-8 cannot carry (encodeURIComponent would throw).
    if (!/^\.{0,2}$/.test(text) && !LONE_SURROGATE.test(text)) return encodeURIComponent(text);
    throw new InvalidConfiguration(
      `${path} needs {${name}}: a string or number param, not "", "." or "..".`,
    );
  });
  // No placeholder matched when nothing changed (a filled one has its braces encoded).
  return [filled, filled === path ? params : rest];
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
