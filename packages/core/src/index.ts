/**
 * @module
 * `@asyncovh/core`: the runtime-free OVHcloud API client. Runtime packages (and `asyncovh`)
 * add configuration sources on top of it.
 */

export { type AccessRulePattern, ruleGrants, rulesGrant } from "./access-rules.ts";
export {
  type BatchGetOptions,
  type BatchResult,
  DEFAULT_BATCH_CHUNK_SIZE,
  DEFAULT_BATCH_CONCURRENCY,
} from "./batch.ts";
export { assertNoSecretInBrowser, type BrowserSecretOptions, isBrowser } from "./browser.ts";
export {
  Client,
  type ClientOptions,
  DEFAULT_TIMEOUT,
  type FetchLike,
  type InitOptions,
  type RequestOptions,
} from "./client.ts";
export {
  CONFIG_KEYS,
  type ConfigLoader,
  type ConfigSources,
  type Credentials,
  type EnvRecord,
  type IniFile,
  type IniSections,
  mergeIni,
  parseIni,
  resolveConfig,
  resolveSources,
} from "./config.ts";
export {
  type AccessRule,
  API_READ_ONLY,
  API_READ_WRITE,
  API_READ_WRITE_SAFE,
  ConsumerKeyRequest,
  type ConsumerKeyResponse,
  type HttpMethod,
} from "./consumer-key.ts";
export type { PaginateOptions } from "./cursor-pagination.ts";
export { type CancelSignal, TIMERS, type TimerHold, toAbortSignal } from "./deadline.ts";
export { buildUrl, ENDPOINTS, type EndpointName, resolveEndpoint } from "./endpoints.ts";
export * from "./errors/index.ts";
export type {
  ClientEvent,
  ErrorEvent,
  EventHook,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
} from "./events.ts";
export { DEFAULT_MAX_CONCURRENCY, type RateLimit } from "./limiter.ts";
export { OAUTH2_TOKEN_URLS, type OAuth2Options } from "./oauth2.ts";
export { DEFAULT_OBJECT_PAGE_SIZE, type ListObjectsOptions } from "./object-list.ts";
export { DEFAULT_MAX_RESPONSE_SIZE } from "./read-body.ts";
export { REDACTED, redactHeaders, SECRET_HEADERS } from "./redact.ts";
export { aliasReservedKeys, RESERVED_WORDS } from "./reserved-words.ts";
export type { ApiResponse, CallsWithResponse } from "./response.ts";
export { DEFAULT_RETRY, type RetryOptions, type RetrySetting } from "./retry.ts";
export type {
  BatchGetRoutes,
  DeleteRoutes,
  GetRoutes,
  ObjectListRoutes,
  PaginateRoutes,
  PostRoutes,
  ProjectRoutes,
  PutRoutes,
  RouteMap,
  RouteSpec,
} from "./routes.ts";
export {
  encodeBody,
  encodeQuery,
  type QueryParams,
  type QueryValue,
  withQuery,
} from "./serialize.ts";
export { SHA1, type Sha1Hex, type SignatureInput, sha1Hex, sign } from "./signer.ts";
export {
  announcedLength,
  NULL_BODY_STATUSES,
  TRANSPORT,
  type Transport,
  type TransportAnswer,
  type TransportRequest,
  textResponse,
} from "./transport.ts";
