/**
 * @module
 * `@asyncovh/core/internal`: what the runtime adapters, the mock, the signing proxy and the
 * workspace's tests need of core's insides. Not part of the public API: it may change in any
 * release.
 */

export { type AccessRulePattern, rulesGrant } from "./access-rules.ts";
export {
  ANSWER_TRANSPORT,
  type Answer,
  type AnswerRequest,
  type AnswerTransport,
} from "./answer.ts";
export type { SignalLike } from "./attempt-signal.ts";
export {
  CONFIG_KEYS,
  type ConfigLoader,
  type ConfigSources,
  type EnvRecord,
  type IniFile,
  type LoadedSettings,
  resolveSources,
  type SettingsLoader,
  settingsFrom,
} from "./config.ts";
export { announcedLength } from "./read-body.ts";
export { FRAMING_HEADERS } from "./request-options.ts";
export type { CallsWithResponse } from "./response.ts";
// The machinery of typed calls, which the client's method signatures name.
export type {
  BatchArgs,
  BatchIds,
  BatchItem,
  CallArgs,
  CallResult,
  IdOf,
  ItemOf,
  NoParams,
  Part,
  PathOf,
  Rest,
  RouteParams,
  RoutePath,
} from "./routes.ts";
export { type SignatureInput, sign } from "./signer.ts";
