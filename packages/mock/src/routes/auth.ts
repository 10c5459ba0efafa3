/**
 * @module
 * `/auth/*`: the server time, consumer-key requests, and the caller's own credential.
 */
import { bodyFields, stringField } from "../body.ts";
import { badParameter } from "../errors.ts";
import type { Route, RouteContext } from "../router.ts";
import { credentialView } from "./me-api.ts";

const METHODS = ["GET", "POST", "PUT", "DELETE"];

/** The credential of a signed call (authentication has found it). */
function callerOf({ credential }: RouteContext) {
  if (!credential) throw new Error("A signed route was called without a credential.");
  return credential;
}

function accessRules(value: unknown): { method: string; path: string }[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw badParameter("[accessRules] Given data is not valid for type auth.AccessRuleRequest[]");
  }
  return value.map((rule) => {
    const { method, path } = bodyFields(rule, ["method", "path"], ["method", "path"]);
    if (typeof method !== "string" || !METHODS.includes(method)) {
      throw badParameter(
        `[accessRules.method] Given data (${String(method)}) does not belong to the auth.HTTPMethodEnum enumeration`,
      );
    }
    if (typeof path !== "string" || !path.startsWith("/")) {
      throw badParameter(`[accessRules.path] Given data (${String(path)}) is not a valid path`);
    }
    return { method, path };
  });
}

export const authRoutes: readonly Route[] = [
  {
    method: "GET",
    path: "/auth/time",
    auth: "none",
    handle: ({ now }) => Math.floor(now / 1000),
  },
  {
    method: "POST",
    path: "/auth/credential",
    auth: "application",
    handle: ({ state, body, origin, now, application }) => {
      const fields = bodyFields(
        body,
        ["accessRules", "redirection", "allowedIPs"],
        ["accessRules"],
      );
      const rules = accessRules(fields.accessRules);
      const redirection =
        fields.redirection == null ? null : stringField("redirection", fields.redirection);
      const { allowedIPs } = fields;
      if (allowedIPs != null && !Array.isArray(allowedIPs)) {
        throw badParameter("[allowedIPs] Given data is not valid for type ipBlock[]");
      }
      const credential = state.addCredential({
        applicationId: (application as { applicationId: number }).applicationId,
        rules,
        status: "pendingValidation",
        creation: now,
        allowedIPs:
          allowedIPs == null ? null : allowedIPs.map((ip) => stringField("allowedIPs", ip)),
        redirection,
      });
      return {
        consumerKey: credential.consumerKey,
        state: "pendingValidation",
        validationUrl: `${origin}/auth/?credentialToken=${credential.credentialToken}`,
      };
    },
  },
  {
    method: "GET",
    path: "/auth/currentCredential",
    handle: (context) => credentialView(context.state, callerOf(context), context.now),
  },
  {
    method: "POST",
    path: "/auth/logout",
    // Expires the consumer key that signed the call.
    handle: (context) => {
      const current = callerOf(context);
      current.status = "expired";
      current.expiration = context.now;
      return null;
    },
  },
];
