/**
 * @module
 * `@asyncovh/core`: the runtime-free OVHcloud API client, and what its users name: the client,
 * its options and results, the access-rule constants, the endpoint table and the errors.
 * Runtime packages (and `asyncovh`) add configuration sources on top of it; what they need of
 * core's insides is in `@asyncovh/core/internal`.
 */

export type { AccessRulePattern } from "./access-rules.ts";
export type { BatchGetOptions, BatchResult } from "./batch.ts";
export { Client } from "./client.ts";
export type { Credentials } from "./config.ts";
export {
  type AccessRule,
  API_READ_ONLY,
  API_READ_WRITE,
  API_READ_WRITE_SAFE,
  type ConsumerKeyRequest,
  type ConsumerKeyResponse,
  type HttpMethod,
} from "./consumer-key.ts";
export type { PaginateOptions } from "./cursor-pagination.ts";
export { ENDPOINTS, type EndpointName } from "./endpoints.ts";
export * from "./errors/index.ts";
export type {
  ClientEvent,
  ErrorEvent,
  EventBase,
  EventHook,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
} from "./events.ts";
export type { RateLimit } from "./limiter.ts";
export type { ListObjectsOptions } from "./object-list.ts";
export type { ApiResponse } from "./response.ts";
export type { RetryOptions, RetrySetting } from "./retry.ts";
export type { QueryParams, QueryValue } from "./serialize.ts";
export type {
  ClientOptions,
  FetchLike,
  InitOptions,
  OAuth2Options,
  RequestOptions,
} from "./types.ts";
