/**
 * @module
 * The data the mock keeps in memory. Field names and types follow OVH's API descriptions
 * (`nichandle.Nichandle`, `billing.Bill`, `auth.ApiCredential`, `email.domain.*`,
 * `dedicated.server.*`); each resource file turns them into the JSON OVH answers.
 */
import type { AccessRulePattern } from "./access-rules.ts";

export type CredentialStatus = "pendingValidation" | "validated" | "refused" | "expired";

/** An API application (`auth.ApiApplication`) and its secret. */
export interface Application {
  applicationId: number;
  applicationKey: string;
  applicationSecret: string;
  name: string;
  description: string;
  status: "active" | "blocked" | "inactive" | "trusted";
}

/** A consumer key and what OVH knows of it (`auth.ApiCredential`). */
export interface Credential {
  credentialId: number;
  applicationId: number;
  consumerKey: string;
  /** The token of the validation URL (`/auth/?credentialToken=…`). */
  credentialToken: string;
  rules: AccessRulePattern[];
  status: CredentialStatus;
  creation: number;
  /** ms since the epoch, or null for a credential that never expires. */
  expiration: number | null;
  lastUse: number | null;
  allowedIPs: string[] | null;
  redirection: string | null;
}

export interface Price {
  currencyCode: string;
  priceInUcents: number;
  text: string;
  value: number;
}

export interface Bill {
  billId: string;
  category: string;
  date: number;
  orderId: number;
  password: string;
  priceWithTax: Price;
  priceWithoutTax: Price;
  tax: Price;
}

export interface Redirection {
  id: string;
  from: string;
  to: string;
  localCopy: boolean;
}

/** `email.domain.TaskSpecialAccount`. */
export interface RedirectionTask {
  id: string;
  account: string;
  action: "add" | "change" | "delete";
  date: number;
  domain: string;
  type: "forward";
}

export interface EmailDomain {
  domain: string;
  service: Record<string, unknown>;
  redirections: Map<string, Redirection>;
  tasks: Map<string, RedirectionTask>;
}

/** `dedicated.server.Task`. */
export interface ServerTask {
  taskId: number;
  function: string;
  status: "cancelled" | "customerError" | "doing" | "done" | "init" | "ovhError" | "todo";
  comment: string | null;
  startDate: number;
  doneDate: number | null;
  lastUpdate: number | null;
}

export interface IpmiAccess {
  value: string;
  expiration: number;
}

export interface DedicatedServer {
  name: string;
  /** `dedicated.server.Dedicated` without `name` and `iam`. */
  properties: Record<string, unknown>;
  iamId: string;
  burst: {
    status: "active" | "inactive" | "inactiveLocked";
    capacity: { unit: string; value: number };
  };
  ipmiFeatures: Record<string, boolean>;
  ipmiAccess: Map<string, IpmiAccess>;
  tasks: Map<number, ServerTask>;
}

/** Everything `reset()` puts back. */
export interface MockData {
  me: Record<string, unknown>;
  bills: Map<string, Bill>;
  domains: Map<string, EmailDomain>;
  servers: Map<string, DedicatedServer>;
  applications: Map<number, Application>;
  credentials: Map<number, Credential>;
  nextIds: {
    application: number;
    credential: number;
    redirection: number;
    emailTask: number;
    serverTask: number;
  };
}
