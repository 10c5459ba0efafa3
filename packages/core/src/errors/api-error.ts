/**
 * @module
 * The base of every error asyncovh throws. Errors carry what OVH said (status, errorCode, class,
 * details, query id) and never a credential.
 */

/** What an {@link APIError} carries besides its message. */
export interface APIErrorInit {
  /** HTTP status of the response, when there was one. */
  status?: number | undefined;
  /** OVH's `errorCode` (e.g. `NOT_GRANTED_CALL`), or a local code such as `MISSING_KEY`. */
  errorCode?: string | undefined;
  /** OVH's `class` field of the error body (e.g. `Client::Forbidden`). */
  errorClass?: string | undefined;
  /** OVH's `details` field of the error body. */
  details?: unknown;
  /** The `X-Ovh-QueryID` response header: quote it to OVH support. */
  queryId?: string | undefined;
  /** The parsed response body, when it could be parsed. */
  body?: unknown;
  /** The HTTP method of the failed call. */
  method?: string | undefined;
  /** The path of the failed call, without its query string. */
  path?: string | undefined;
  /** The response, when there was one (its body may have been read already). */
  response?: Response | undefined;
  /** The error that led to this one (a network failure, a parse error). */
  cause?: unknown;
}

const KINDS = Symbol.for("asyncovh.errorKinds");

interface ErrorClass {
  readonly errorName: string;
}

/** Base class of every asyncovh error. */
export class APIError extends Error {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static readonly errorName: string = "APIError";
  /** The class's name: `APIError`, `NotGrantedCall`, … */
  override name = "APIError";
  /** The HTTP status of the response, when there was one. */
  readonly status: number | undefined;
  /** OVH's `errorCode` (`NOT_GRANTED_CALL`, …), or a local code such as `MISSING_KEY`. */
  readonly errorCode: string | undefined;
  /** OVH's `class` field of the error body (`Client::Forbidden`, …). */
  readonly errorClass: string | undefined;
  /** OVH's `details` field of the error body. */
  readonly details: unknown;
  /** The `X-Ovh-QueryID` response header: quote it to OVHcloud support. */
  readonly queryId: string | undefined;
  /** The parsed response body, when it could be parsed. */
  readonly body: unknown;
  /** The HTTP method of the failed call. */
  readonly method: string | undefined;
  /** The path of the failed call, without its query string. */
  readonly path: string | undefined;
  /** The response, when there was one (its body may have been read already); not enumerable. */
  declare readonly response: Response | undefined;

  /** An error saying `message`, with what `init` knows of the call. */
  constructor(message: string, init: APIErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.errorClass = init.errorClass;
    this.details = init.details;
    this.queryId = init.queryId;
    this.body = init.body;
    this.method = init.method;
    this.path = init.path;
    // Kept out of enumeration so that logging an error stays short; configurable, so that a
    // response holding a secret can be swapped for a redacted one.
    Object.defineProperty(this, "response", {
      value: init.response,
      enumerable: false,
      configurable: true,
    });
    const kinds: string[] = [];
    // A subclass that declares no `errorName` of its own is known by its parent's names.
    for (let c = new.target as unknown; c && c !== Error; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, "errorName")) kinds.push((c as ErrorClass).errorName);
    }
    this.name = kinds[0] as string;
    Object.defineProperty(this, KINDS, { value: Object.freeze(kinds), enumerable: false });
  }

  /**
   * A name-based `instanceof` that also works across realms and duplicated copies of the
   * package: `NotGrantedCall.is(error)`.
   */
  static is<T extends abstract new (...args: never[]) => APIError>(
    this: T & ErrorClass,
    value: unknown,
  ): value is InstanceType<T> {
    const kinds = (value as { [KINDS]?: readonly string[] } | null | undefined)?.[KINDS];
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class the guard is called on (NotGrantedCall.is), not always APIError.
    return Array.isArray(kinds) && kinds.includes(this.errorName);
  }

  /** Its fields as plain data, for logs: no response, no secret. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      errorCode: this.errorCode,
      errorClass: this.errorClass,
      details: this.details,
      queryId: this.queryId,
      method: this.method,
      path: this.path,
    };
  }
}

/** True for any asyncovh error, whatever realm or copy of the package threw it. */
export const isAPIError = (value: unknown): value is APIError => APIError.is(value);
