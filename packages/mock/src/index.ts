/**
 * @module
 * `@asyncovh/mock`: an offline OVHcloud API for tests. `createMockOvh()` returns a fetch handler
 * that checks signatures, timestamps and access rules like OVH and serves `/me`, bills, API
 * credentials, mail redirections, dedicated servers and `/v2/iam/resource` from memory, with
 * failures on demand. Web standards only; `@asyncovh/mock/node` serves it over HTTP.
 */

export type { AccessRulePattern } from "./access-rules.ts";
export {
  DEMO_APPLICATION_KEY,
  DEMO_APPLICATION_SECRET,
  DEMO_CONSUMER_KEY,
  DEMO_CREDENTIALS,
} from "./constants.ts";
export type { OvhErrorBody } from "./errors.ts";
export type {
  DropFault,
  EnqueueOptions,
  Fault,
  FaultKind,
  FaultMatch,
  InterruptFault,
  MockFaults,
  StatusFault,
  TruncateFault,
} from "./faults.ts";
export {
  type ApplicationKeys,
  createMockOvh,
  type MockOvh,
  type MockOvhOptions,
  type NewConsumerKey,
  type OAuth2Controls,
  type RequestRecord,
} from "./mock.ts";
export type { ServiceAccountKeys } from "./oauth2.ts";
