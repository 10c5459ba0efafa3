/**
 * @module
 * Checks a request the way OVH does, in OVH's order: the application key, the consumer key
 * (known, of that application, validated and unexpired), the timestamp, the signature
 * (recomputed by `ovhSignature` over the URL and the raw body actually received), and last the
 * access rules of the consumer key.
 */
import { rulesGrant } from "./access-rules.ts";
import { authError } from "./errors.ts";
import type { Application, Credential } from "./model.ts";
import type { RouteAuth } from "./router.ts";
import { ovhSignature } from "./signature.ts";
import type { MockState } from "./state.ts";

export interface AuthInput {
  auth: RouteAuth;
  request: Request;
  /** The body exactly as received (`""` for none). */
  rawBody: string;
  /** The path the access rules are matched against (`/me/bill/42`, `/v2/iam/resource`). */
  rulePath: string;
  state: MockState;
  /** The server's time in ms. */
  now: number;
  /** How many seconds a timestamp may differ from the server's time. */
  timestampWindow: number;
}

export interface Caller {
  application?: Application;
  credential?: Credential;
}

/** Returns who is calling, or throws the `OvhError` OVH would answer. */
export function authenticate(input: AuthInput): Caller {
  const { auth, request, state, now } = input;
  if (auth === "none") return {};
  const applicationKey = request.headers.get("X-Ovh-Application");
  const consumerKey = request.headers.get("X-Ovh-Consumer");
  if (auth === "application") {
    const application =
      applicationKey === null ? undefined : state.applicationByKey(applicationKey);
    if (!application) throw authError("INVALID_KEY");
    return { application };
  }

  if (applicationKey === null && consumerKey === null) throw authError("NOT_AUTHENTICATED");
  const application = applicationKey === null ? undefined : state.applicationByKey(applicationKey);
  if (!application) throw authError("INVALID_KEY");
  if (consumerKey === null) throw authError("NOT_AUTHENTICATED");
  const credential = state.credentialByConsumerKey(consumerKey);
  if (!credential) throw authError("NOT_CREDENTIAL");
  if (
    credential.applicationId !== application.applicationId ||
    state.statusOf(credential, now) !== "validated"
  ) {
    throw authError("INVALID_CREDENTIAL");
  }

  const timestampHeader = request.headers.get("X-Ovh-Timestamp") ?? "";
  const timestamp = Number(timestampHeader);
  if (
    !/^\d{1,12}$/.test(timestampHeader) ||
    Math.abs(timestamp - Math.floor(now / 1000)) > input.timestampWindow
  ) {
    throw authError("QUERY_TIME_OUT");
  }

  const expected = ovhSignature({
    applicationSecret: application.applicationSecret,
    consumerKey,
    method: request.method,
    url: request.url,
    body: input.rawBody,
    timestamp,
  });
  if (request.headers.get("X-Ovh-Signature") !== expected) throw authError("INVALID_SIGNATURE");

  if (!rulesGrant(credential.rules, request.method, input.rulePath)) {
    throw authError("NOT_GRANTED_CALL");
  }
  credential.lastUse = now;
  return { application, credential };
}
