/**
 * @module
 * The object-list mode of the v1 API: with `X-Pagination-Mode: CachedObjectList-Pages`, a list
 * route answers full objects instead of ids, page by page (`X-Pagination-Size`,
 * `X-Pagination-Number` from 1), and tells the total in `X-Pagination-Elements`.
 */

import { describe } from "./errors/from-response.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { checkSize } from "./page-size.ts";
import { routeTarget } from "./path-template.ts";
import type { CallsWithResponse } from "./response.ts";
import type { QueryParams } from "./serialize.ts";
import type { RequestOptions } from "./types.ts";

/** Objects per page when `pageSize` is not given. */
export const DEFAULT_OBJECT_PAGE_SIZE = 100;

/** The options of `client.listObjects()`: a call's options, and the page size. */
export interface ListObjectsOptions extends RequestOptions {
  /** Objects per page (`X-Pagination-Size`, default 100). */
  pageSize?: number | undefined;
}

/**
 * Iterates over the full objects of a v1 list route (e.g. `/me/bill`), one page per request, for
 * `for await`, until the `X-Pagination-Elements` objects the server announced are read. A server
 * that pages in a smaller size than asked is followed in its own size (its answer's
 * `X-Pagination-Size`, or else the objects of its first page), and pages that end before the
 * announced count are an `InvalidResponse`: never fewer objects without an error. A route that
 * ignores the mode (no `X-Pagination-Elements`) is an `InvalidResponse` too: list its ids and
 * use `batchGet` there.
 */
export async function* listObjectPages<T>(
  client: CallsWithResponse,
  path: string,
  params?: QueryParams,
  options: ListObjectsOptions = {},
): AsyncGenerator<T, void, undefined> {
  const { pageSize: size, ...request } = options;
  let pageSize = checkSize(size, "pageSize") ?? DEFAULT_OBJECT_PAGE_SIZE;
  const target = routeTarget(path, params);
  const where = { method: "GET", path: target.split("?")[0] as string };
  let read = 0;
  for (let number = 1; ; number++) {
    const headers = new Headers(request.headers);
    headers.set("X-Pagination-Mode", "CachedObjectList-Pages");
    headers.set("X-Pagination-Size", String(pageSize));
    headers.set("X-Pagination-Number", String(number));
    const page = await client.callWithResponse<T[]>("GET", target, undefined, request.needAuth, {
      ...request,
      headers,
    });
    const total = Number(page.headers.get("X-Pagination-Elements") ?? Number.NaN);
    const fail = (message: string) =>
      new InvalidResponse(describe(message, { ...where, status: page.status }), {
        ...where,
        status: page.status,
        queryId: page.queryId,
      });
    if (!Number.isInteger(total) || total < 0) {
      throw fail(
        "This route does not page objects (no X-Pagination-Elements header): list its ids and fetch them with batchGet",
      );
    }
    if (!Array.isArray(page.data)) throw fail("A paginated list did not answer a JSON array");
    yield* page.data;
    read += page.data.length;
    if (read >= total) return;
    if (number === 1) {
      // Pages are numbered in the server's size: past page 1, ask in it.
      // A header that echoes the size asked for, over a shorter page, is not believed.
      const served = Number(page.headers.get("X-Pagination-Size"));
      const own = Math.min(
        Number.isInteger(served) && served >= 1 ? served : pageSize,
        page.data.length,
      );
      if (own >= 1 && own < pageSize) pageSize = own;
    }
    if (page.data.length === 0 || number * pageSize >= total) {
      throw fail(`The pages ended after ${read} of the ${total} objects of X-Pagination-Elements`);
    }
  }
}
