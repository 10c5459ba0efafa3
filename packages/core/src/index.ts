/**
 * @module
 * `@asyncovh/core`: the runtime-free OVHcloud API client. Runtime packages (and `asyncovh`)
 * add configuration sources on top of it.
 */
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
export { buildUrl, ENDPOINTS, type EndpointName, resolveEndpoint } from "./endpoints.ts";
export * from "./errors/index.ts";
export { aliasReservedKeys, RESERVED_WORDS } from "./reserved-words.ts";
export {
  encodeBody,
  encodeQuery,
  type QueryParams,
  type QueryValue,
  withQuery,
} from "./serialize.ts";
export { type SignatureInput, sign } from "./signer.ts";
