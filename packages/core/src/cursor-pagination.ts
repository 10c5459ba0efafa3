/**
 * @module
 * Cursor pagination of the `/v2` API: each request sends `X-Pagination-Size` and, after the first,
 * `X-Pagination-Cursor`; the next page's cursor comes back in `X-Pagination-Cursor-Next`, absent
 * on the last page.
 */

import { describe } from "./errors/from-response.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { checkSize } from "./page-size.ts";
import type { CallsWithResponse } from "./response.ts";
import { encodeQuery, type QueryParams, withQuery } from "./serialize.ts";
import type { RequestOptions } from "./types.ts";

/** The options of `client.paginate()`: a call's options, the page size and where to start. */
export interface PaginateOptions extends RequestOptions {
  /** Items per page (`X-Pagination-Size`); absent, the API's default. */
  pageSize?: number | undefined;
  /** Start from this cursor (one a previous iteration saw) instead of the first page. */
  cursor?: string | undefined;
}

/**
 * Iterates over every item of a `/v2` list, one page per request, for `for await`. Breaking out of
 * the loop stops the requests.
 */
export async function* paginateCursor<T>(
  client: CallsWithResponse,
  path: string,
  params?: QueryParams,
  options: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const { pageSize, cursor: start, ...request } = options;
  checkSize(pageSize, "pageSize");
  const target = withQuery(path, encodeQuery(params));
  const where = { method: "GET", path: path.split("?")[0] as string };
  const seen = new Set<string>();
  let cursor = start;
  for (;;) {
    const headers = new Headers(request.headers);
    if (pageSize !== undefined) headers.set("X-Pagination-Size", String(pageSize));
    if (cursor !== undefined) headers.set("X-Pagination-Cursor", cursor);
    const page = await client.callWithResponse<T[]>("GET", target, undefined, request.needAuth, {
      ...request,
      headers,
    });
    if (!Array.isArray(page.data)) {
      throw new InvalidResponse(describe("A paginated list did not answer a JSON array", where), {
        ...where,
        status: page.status,
        queryId: page.queryId,
      });
    }
    yield* page.data;
    const next = page.headers.get("X-Pagination-Cursor-Next");
    if (next === null || next === "") return;
    // A cursor seen before would loop forever.
    if (seen.has(next)) {
      throw new InvalidResponse(describe("The pagination cursor did not move forward", where), {
        ...where,
        status: page.status,
        queryId: page.queryId,
      });
    }
    seen.add(next);
    cursor = next;
  }
}
