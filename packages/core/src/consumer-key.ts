/**
 * @module
 * Building the access rules of a new consumer key (`POST /auth/credential`).
 */
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

/** A method an access rule can grant. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** The methods of read-only access: `GET`. */
export const API_READ_ONLY: readonly HttpMethod[] = Object.freeze(["GET"]);
/** The methods of full access: `GET`, `POST`, `PUT` and `DELETE`. */
export const API_READ_WRITE: readonly HttpMethod[] = Object.freeze([
  "GET",
  "POST",
  "PUT",
  "DELETE",
]);
/** The methods of access that creates and changes but never deletes: `GET`, `POST` and `PUT`. */
export const API_READ_WRITE_SAFE: readonly HttpMethod[] = Object.freeze(["GET", "POST", "PUT"]);

/** One rule of a consumer key: a method on a path, where `*` stands for any characters. */
export interface AccessRule {
  /** The method the rule grants. */
  method: HttpMethod;
  /** The path it grants it on, such as `/me` or `/sms/*`. */
  path: string;
}

/** What `POST /auth/credential` answers. */
export interface ConsumerKeyResponse {
  /** The page where the account's owner logs in to validate the key. */
  validationUrl: string;
  /** The new consumer key, valid once validated; the client keeps it. */
  consumerKey: string;
  /** The key's state: `pendingValidation` until its owner validates it. */
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

  /** A request sent through `client`; `client.newConsumerKeyRequest()` is the usual way. */
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
