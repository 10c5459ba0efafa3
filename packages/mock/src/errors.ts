/**
 * @module
 * The errors the mock answers, with the bodies OVH answers for them.
 *
 * Authentication errors carry `errorCode`, `httpCode`, `message` and `class`
 * (`{"class":"Client::Forbidden","errorCode":"NOT_CREDENTIAL","httpCode":"403 Forbidden",
 * "message":"This credential does not exist"}`); errors of the resources carry `class` and
 * `message` (`{"class":"Client::NotFound","message":"Got an invalid (or empty) URL"}`).
 */

/** The JSON body of an OVH error response. */
export interface OvhErrorBody {
  /** OVH's error class, such as `Client::Forbidden`. */
  class: string;
  /** What went wrong, for a person. */
  message: string;
  /** The code of an authentication error, such as `NOT_GRANTED_CALL`. */
  errorCode?: string;
  /** The status line of an authentication error, such as `403 Forbidden`. */
  httpCode?: string;
  /** More about the error, when OVH gives it. */
  details?: Record<string, string>;
}

const REASONS: Readonly<Record<number, string>> = Object.freeze({
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
});

const CLASSES: Readonly<Record<number, string>> = Object.freeze({
  400: "Client::BadRequest",
  401: "Client::Unauthorized",
  403: "Client::Forbidden",
  404: "Client::NotFound",
  409: "Client::Conflict",
  429: "Client::TooManyRequests",
  500: "Server::InternalServerError",
  502: "Server::BadGateway",
  503: "Server::ServiceUnavailable",
  504: "Server::GatewayTimeout",
});

/** `403 Forbidden`, as OVH writes `httpCode`. */
export const httpCode = (status: number): string =>
  `${status} ${REASONS[status] ?? "Error"}`.trim();

/** `Client::Forbidden`, as OVH writes `class`. */
export const errorClass = (status: number): string =>
  CLASSES[status] ?? (status >= 500 ? "Server::Error" : "Client::Error");

/** An error answer: route handlers throw it, the mock turns it into a response. */
export class OvhError extends Error {
  override name = "OvhError";
  readonly status: number;
  readonly body: OvhErrorBody;

  constructor(status: number, message: string, errorCode?: string) {
    super(message);
    this.status = status;
    this.body =
      errorCode === undefined
        ? { class: errorClass(status), message }
        : { class: errorClass(status), errorCode, httpCode: httpCode(status), message };
  }
}

/** The authentication failures of OVH, by `errorCode`, kept as data. */
export const AUTH_ERRORS = Object.freeze({
  NOT_AUTHENTICATED: { status: 401, message: "You must login first" },
  INVALID_KEY: { status: 403, message: "This application key is invalid" },
  NOT_CREDENTIAL: { status: 403, message: "This credential does not exist" },
  INVALID_CREDENTIAL: { status: 403, message: "This credential is not valid" },
  QUERY_TIME_OUT: { status: 400, message: "Query out of time" },
  INVALID_SIGNATURE: { status: 400, message: "Invalid signature" },
  NOT_GRANTED_CALL: { status: 403, message: "This call has not been granted" },
} as const);

export type AuthErrorCode = keyof typeof AUTH_ERRORS;

/** The error of one authentication failure. */
export const authError = (code: AuthErrorCode): OvhError =>
  new OvhError(AUTH_ERRORS[code].status, AUTH_ERRORS[code].message, code);

/** 404 for a path that no route serves. */
export const invalidUrl = (): OvhError => new OvhError(404, "Got an invalid (or empty) URL");

/** 404 for a path parameter that names nothing: `The requested object (billId = X) does not exist`. */
export const objectNotFound = (name: string, value: string): OvhError =>
  new OvhError(404, `The requested object (${name} = ${value}) does not exist`);

/** 400 for a body that is not JSON. */
export const invalidJson = (): OvhError =>
  new OvhError(400, "The input that you provided isn't valid JSON or not well formatted");

/** 400 for a parameter that is missing or of the wrong type. */
export const badParameter = (message: string): OvhError => new OvhError(400, message);

/** 409 for something that already exists. */
export const conflict = (message: string): OvhError => new OvhError(409, message);
