/**
 * @module
 * `/me/api/credential` and `/me/api/application`: the consumer keys and applications of the
 * account (`auth.ApiCredential`, `auth.ApiApplication`). Keys requested through
 * `POST /auth/credential` appear here; deleting one revokes it at once.
 */
import { bodyFields, enumQuery, integerQuery, stringField } from "../body.ts";
import { ovhDateTime } from "../dates.ts";
import { badParameter, objectNotFound } from "../errors.ts";
import type { Application, Credential, CredentialStatus } from "../model.ts";
import type { Route, RouteContext } from "../router.ts";
import type { MockState } from "../state.ts";

const STATUSES: readonly CredentialStatus[] = [
  "expired",
  "pendingValidation",
  "refused",
  "validated",
];

/** `auth.ApiCredential`. */
export const credentialView = (state: MockState, credential: Credential, now: number) => ({
  allowedIPs: credential.allowedIPs,
  applicationId: credential.applicationId,
  creation: ovhDateTime(credential.creation),
  credentialId: credential.credentialId,
  expiration: credential.expiration === null ? null : ovhDateTime(credential.expiration),
  lastUse: credential.lastUse === null ? null : ovhDateTime(credential.lastUse),
  ovhSupport: false,
  rules: credential.rules.map(({ method, path }) => ({ method, path })),
  status: state.statusOf(credential, now),
});

/** `auth.ApiApplication` (never the secret). */
export const applicationView = (app: Application) => ({
  applicationId: app.applicationId,
  applicationKey: app.applicationKey,
  description: app.description,
  name: app.name,
  status: app.status,
});

function longParam(name: string, value: string): number {
  if (!/^\d+$/.test(value)) {
    throw badParameter(`[${name}] Given data (${value}) is not valid for type long`);
  }
  return Number(value);
}

function credentialOf({ state, params }: RouteContext): Credential {
  const id = longParam("credentialId", params.credentialId as string);
  const credential = state.data.credentials.get(id);
  if (!credential) throw objectNotFound("credentialId", String(id));
  return credential;
}

function applicationOf({ state, params }: RouteContext): Application {
  const id = longParam("applicationId", params.applicationId as string);
  const app = state.data.applications.get(id);
  if (!app) throw objectNotFound("applicationId", String(id));
  return app;
}

const CREDENTIAL_FIELDS = [
  "allowedIPs",
  "applicationId",
  "creation",
  "credentialId",
  "expiration",
  "lastUse",
  "ovhSupport",
  "rules",
  "status",
];

export const meApiRoutes: readonly Route[] = [
  {
    method: "GET",
    path: "/me/api/credential",
    handle: ({ state, query, now }) => {
      const status = enumQuery(query, "status", "auth.CredentialStateEnum", STATUSES);
      const applicationId = integerQuery(query, "applicationId");
      return [...state.data.credentials.values()]
        .filter((c) => status === undefined || state.statusOf(c, now) === status)
        .filter((c) => applicationId === undefined || c.applicationId === applicationId)
        .map((c) => c.credentialId);
    },
  },
  {
    method: "GET",
    path: "/me/api/credential/{credentialId}",
    handle: (context) => credentialView(context.state, credentialOf(context), context.now),
  },
  {
    method: "PUT",
    path: "/me/api/credential/{credentialId}",
    // allowedIPs is the only writable property; the others are read-only and left as they are.
    handle: (context) => {
      const credential = credentialOf(context);
      const fields = bodyFields(context.body, CREDENTIAL_FIELDS);
      const { allowedIPs } = fields;
      if (allowedIPs !== undefined) {
        if (allowedIPs !== null && !Array.isArray(allowedIPs)) {
          throw badParameter("[allowedIPs] Given data is not valid for type ipBlock[]");
        }
        credential.allowedIPs =
          allowedIPs === null ? null : allowedIPs.map((ip) => stringField("allowedIPs", ip));
      }
      return null;
    },
  },
  {
    method: "DELETE",
    path: "/me/api/credential/{credentialId}",
    handle: (context) => {
      context.state.data.credentials.delete(credentialOf(context).credentialId);
      return null;
    },
  },
  {
    method: "GET",
    path: "/me/api/credential/{credentialId}/application",
    handle: (context) => {
      const app = context.state.data.applications.get(credentialOf(context).applicationId);
      if (!app) throw objectNotFound("credentialId", context.params.credentialId as string);
      return applicationView(app);
    },
  },
  {
    method: "GET",
    path: "/me/api/application",
    handle: ({ state }) => [...state.data.applications.keys()],
  },
  {
    method: "GET",
    path: "/me/api/application/{applicationId}",
    handle: (context) => applicationView(applicationOf(context)),
  },
  {
    method: "DELETE",
    path: "/me/api/application/{applicationId}",
    // Deleting an application revokes its consumer keys.
    handle: (context) => {
      const app = applicationOf(context);
      const { applications, credentials } = context.state.data;
      applications.delete(app.applicationId);
      for (const [id, credential] of credentials) {
        if (credential.applicationId === app.applicationId) credentials.delete(id);
      }
      return null;
    },
  },
];
