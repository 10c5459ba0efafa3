/**
 * @module
 * Building the access rules of a new consumer key (`POST /auth/credential`).
 */
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export const API_READ_ONLY: readonly HttpMethod[] = Object.freeze(["GET"]);
export const API_READ_WRITE: readonly HttpMethod[] = Object.freeze([
  "GET",
  "POST",
  "PUT",
  "DELETE",
]);
export const API_READ_WRITE_SAFE: readonly HttpMethod[] = Object.freeze(["GET", "POST", "PUT"]);

export interface AccessRule {
  method: HttpMethod;
  path: string;
}

/** What `POST /auth/credential` answers. */
export interface ConsumerKeyResponse {
  validationUrl: string;
  consumerKey: string;
  state: string;
}

/** Something that can send the credential request: the client. */
export interface ConsumerKeyRequester {
  requestConsumerKey(
    accessRules: readonly AccessRule[],
    redirection?: string,
    allowedIPs?: readonly string[],
  ): Promise<ConsumerKeyResponse>;
}

const METHODS: ReadonlySet<string> = new Set(API_READ_WRITE);

/** Checks one rule and upper-cases its method. */
export function accessRule(method: string, path: string): AccessRule {
  const upper = typeof method === "string" ? method.toUpperCase() : "";
  if (!METHODS.has(upper)) {
    throw new InvalidConfiguration(
      `Access rule method must be one of ${[...METHODS].join(", ")} (got ${JSON.stringify(method)}).`,
    );
  }
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new InvalidConfiguration(
      `Access rule path must start with "/" (got ${JSON.stringify(path)}), e.g. "/me" or "/sms/*".`,
    );
  }
  return { method: upper as HttpMethod, path };
}

/** Collects access rules, then asks the API for a consumer key restricted to them. */
export class ConsumerKeyRequest {
  readonly #client: ConsumerKeyRequester;
  readonly #rules: AccessRule[] = [];

  constructor(client: ConsumerKeyRequester) {
    this.#client = client;
  }

  /** The rules collected so far (a copy). */
  get rules(): AccessRule[] {
    return this.#rules.map((rule) => ({ ...rule }));
  }

  /** Allows one method on one path (`*` is a wildcard). */
  addRule(method: string, path: string): this {
    this.#rules.push(accessRule(method, path));
    return this;
  }

  /** Allows each method on one path. */
  addRules(methods: readonly string[], path: string): this {
    for (const method of methods) this.addRule(method, path);
    return this;
  }

  /**
   * Allows each method on a path and everything below it: `/sms/*` or `/sms` give `/sms` and
   * `/sms/*`; `/` gives `/*` alone.
   */
  addRecursiveRules(methods: readonly string[], path: string): this {
    if (typeof path !== "string") return this.addRules(methods, path);
    const root = path.replace(/[*/ ]+$/, "");
    if (root) this.addRules(methods, root);
    return this.addRules(methods, `${root}/*`);
  }

  /**
   * Requests the consumer key. Send the user to `validationUrl`; once validated, the key (also
   * stored in the client) can make the calls of the rules.
   */
  request(redirection?: string, allowedIPs?: readonly string[]): Promise<ConsumerKeyResponse> {
    return this.#client.requestConsumerKey(this.#rules, redirection, allowedIPs);
  }
}
