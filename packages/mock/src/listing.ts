/**
 * @module
 * Two ways the v1 API reads many objects at once, for every route that has an item route
 * (`/me/bill` and `/me/bill/{billId}`…):
 *
 * - object-list pages: `GET /me/bill` with `X-Pagination-Mode: CachedObjectList-Pages` answers
 *   page `X-Pagination-Number` (from 1) of `X-Pagination-Size` full objects instead of ids (at
 *   most `maxPageSize`, the size then answered), with the total in `X-Pagination-Elements`;
 * - batch: `GET /me/bill/A,B,C` with `X-Ovh-Batch: ,` answers `[{ key, value, error }]`, one
 *   entry per id in the order asked, `error` holding the message of an id that failed.
 *
 * A route without item route ignores both headers, as OVH's do.
 */
import { badParameter, OvhError } from "./errors.ts";
import { jsonResponse } from "./http.ts";
import type { RouteContext, RouteMatch } from "./router.ts";

type Lookup = (method: string, path: string) => RouteMatch | undefined;

/** Objects per page when `X-Pagination-Size` is absent. */
export const DEFAULT_PAGE_SIZE = 100;

const ends = (path: string) => /\/\{\w+\}$/.test(path);

async function json(result: unknown): Promise<unknown> {
  return result instanceof Response ? result.json() : (result ?? null);
}

function positive(header: string | null, name: string, fallback: number): number {
  if (header === null) return fallback;
  const value = Number(header);
  if (!/^\d+$/.test(header) || !(value >= 1)) throw badParameter(`Invalid ${name}: ${header}`);
  return value;
}

/** Runs the item route of `path` (raw, percent-encoded) in the list's context. */
async function item(lookup: Lookup, path: string, context: RouteContext) {
  const found = lookup("GET", path);
  if (!found || !ends(found.route.path)) return undefined;
  return json(
    await found.route.handle({ ...context, params: found.params, query: new URLSearchParams() }),
  );
}

async function batch(
  lookup: Lookup,
  path: string,
  separator: string,
  context: RouteContext,
): Promise<unknown> {
  const cut = path.lastIndexOf("/");
  const parent = path.slice(0, cut);
  const entries = [];
  for (const raw of path.slice(cut + 1).split(separator)) {
    let key = raw;
    try {
      key = decodeURIComponent(raw);
      const value = await item(lookup, `${parent}/${raw}`, context);
      entries.push({ key, value, error: null });
    } catch (error) {
      if (!(error instanceof OvhError)) throw error;
      entries.push({ key, value: null, error: error.body.message });
    }
  }
  return entries;
}

async function objectPages(
  lookup: Lookup,
  path: string,
  list: unknown,
  context: RouteContext,
  maxPageSize: number,
): Promise<unknown> {
  const ids = await json(list);
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string" || typeof id === "number")) {
    return list;
  }
  const headers = context.request.headers;
  const asked = positive(headers.get("X-Pagination-Size"), "X-Pagination-Size", DEFAULT_PAGE_SIZE);
  const size = Math.min(asked, maxPageSize);
  const number = positive(headers.get("X-Pagination-Number"), "X-Pagination-Number", 1);
  // Probe the item route with the first id; a list without one answers its ids as usual.
  const probe =
    ids.length === 0 ? undefined : lookup("GET", `${path}/${encodeURIComponent(String(ids[0]))}`);
  if (ids.length > 0 && !(probe && ends(probe.route.path))) return ids;
  const objects = [];
  for (const id of ids.slice((number - 1) * size, number * size)) {
    try {
      objects.push(await item(lookup, `${path}/${encodeURIComponent(String(id))}`, context));
    } catch (error) {
      // An object gone between the list and its read is left out, as a cached list does.
      if (!(error instanceof OvhError)) throw error;
    }
  }
  return jsonResponse(objects, 200, {
    "X-Pagination-Mode": "CachedObjectList-Pages",
    "X-Pagination-Elements": String(ids.length),
    "X-Pagination-Number": String(number),
    "X-Pagination-Size": String(size),
  });
}

/**
 * Runs a matched route, in batch or object-list mode when the request asks for it and the route
 * allows it. `path` is the looked-up path, still percent-encoded.
 */
export async function runListing(
  lookup: Lookup,
  found: RouteMatch,
  path: string,
  maxPageSize: number,
  context: RouteContext,
): Promise<unknown> {
  const { request } = context;
  if (request.method === "GET") {
    const separator = request.headers.get("X-Ovh-Batch");
    if (separator !== null && separator !== "" && ends(found.route.path)) {
      return batch(lookup, path, separator, context);
    }
    const mode = request.headers.get("X-Pagination-Mode");
    // v2 lists answer objects already, and page with cursors.
    if (mode === "CachedObjectList-Pages" && !ends(found.route.path) && !path.startsWith("/v2/")) {
      return objectPages(lookup, path, await found.route.handle(context), context, maxPageSize);
    }
  }
  return found.route.handle(context);
}
