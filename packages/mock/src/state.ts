/**
 * @module
 * The in-memory state of one mock: its data, and the look-ups that authentication and the
 * resources share.
 */
import type { AccessRulePattern } from "./access-rules.ts";
import type { Application, Credential, CredentialStatus, MockData } from "./model.ts";
import { randomToken } from "./random.ts";
import { type ApplicationKeys, seed } from "./seed.ts";

export interface NewCredential {
  applicationId: number;
  rules: AccessRulePattern[];
  status: CredentialStatus;
  creation: number;
  expiration?: number | null;
  allowedIPs?: string[] | null;
  redirection?: string | null;
}

export class MockState {
  data: MockData;
  readonly #initial: readonly ApplicationKeys[];

  constructor(applications: readonly ApplicationKeys[]) {
    this.#initial = applications.map((app) => ({ ...app }));
    this.data = seed(this.#initial);
  }

  /** Puts the initial data back. */
  reset(): void {
    this.data = seed(this.#initial);
  }

  applicationByKey(applicationKey: string): Application | undefined {
    for (const app of this.data.applications.values()) {
      if (app.applicationKey === applicationKey) return app;
    }
    return undefined;
  }

  credentialByConsumerKey(consumerKey: string): Credential | undefined {
    for (const credential of this.data.credentials.values()) {
      if (credential.consumerKey === consumerKey) return credential;
    }
    return undefined;
  }

  credentialByToken(token: string): Credential | undefined {
    for (const credential of this.data.credentials.values()) {
      if (credential.credentialToken === token) return credential;
    }
    return undefined;
  }

  /** The status of a credential at a time: a validated one past its expiration has expired. */
  statusOf(credential: Credential, nowMs: number): CredentialStatus {
    if (
      credential.status === "validated" &&
      credential.expiration !== null &&
      credential.expiration <= nowMs
    ) {
      return "expired";
    }
    return credential.status;
  }

  addApplication(keys: Partial<ApplicationKeys>): Application {
    const applicationKey = keys.applicationKey ?? randomToken(16);
    if (this.applicationByKey(applicationKey)) {
      throw new Error("An application with this application key is already registered.");
    }
    const applicationId = this.data.nextIds.application++;
    const app: Application = {
      applicationId,
      applicationKey,
      applicationSecret: keys.applicationSecret ?? randomToken(32),
      name: `app-${applicationId}`,
      description: "Registered in the mock",
      status: "active",
    };
    this.data.applications.set(applicationId, app);
    return app;
  }

  addCredential(init: NewCredential): Credential {
    const credentialId = this.data.nextIds.credential++;
    const credential: Credential = {
      credentialId,
      applicationId: init.applicationId,
      consumerKey: randomToken(32),
      credentialToken: randomToken(64),
      rules: init.rules.map(({ method, path }) => ({ method: method.toUpperCase(), path })),
      status: init.status,
      creation: init.creation,
      expiration: init.expiration ?? null,
      lastUse: null,
      allowedIPs: init.allowedIPs ?? null,
      redirection: init.redirection ?? null,
    };
    this.data.credentials.set(credentialId, credential);
    return credential;
  }
}
