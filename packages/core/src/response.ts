/**
 * @module
 * A parsed response body together with what came with it: status and headers (the
 * `X-Pagination-*` ones, `X-Ovh-QueryID`…), for `client.callWithResponse()`.
 */
import type { RequestOptions } from "./types.ts";

/** What `client.callWithResponse()` resolves to. */
export interface ApiResponse<T> {
  /** The parsed JSON body (`null` for a 204). */
  data: T;
  /** The HTTP status. */
  status: number;
  /** The response headers (`X-Pagination-*`, `X-Ovh-QueryID`, …). */
  headers: Headers;
  /** `X-Ovh-QueryID`: quote it to OVH support. */
  queryId: string | undefined;
}

/** Whatever sends calls and hands back an {@link ApiResponse}: the client. */
export interface CallsWithResponse {
  /** Sends a call; resolves with its parsed body, status and headers. */
  callWithResponse<T>(
    method: string,
    path: string,
    data?: unknown,
    needAuth?: boolean,
    options?: RequestOptions,
  ): Promise<ApiResponse<T>>;
}
