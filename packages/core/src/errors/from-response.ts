/**
 * @module
 * python-ovh's mapping from an error response to an error class, kept as data.
 */
import { APIError, type APIErrorInit } from "./api-error.ts";
import { BadParametersError } from "./bad-parameters-error.ts";
import { Forbidden } from "./forbidden.ts";
import { InvalidCredential } from "./invalid-credential.ts";
import { InvalidKey } from "./invalid-key.ts";
import { NotCredential } from "./not-credential.ts";
import { NotGrantedCall } from "./not-granted-call.ts";
import { ResourceConflictError } from "./resource-conflict-error.ts";
import { ResourceExpiredError } from "./resource-expired-error.ts";
import { ResourceNotFoundError } from "./resource-not-found-error.ts";

type ErrorConstructor = new (message: string, init?: APIErrorInit) => APIError;

/** 403 responses are told apart by their `errorCode`. */
export const FORBIDDEN_BY_ERROR_CODE: Readonly<Record<string, ErrorConstructor>> = Object.freeze({
  NOT_GRANTED_CALL: NotGrantedCall,
  NOT_CREDENTIAL: NotCredential,
  INVALID_KEY: InvalidKey,
  INVALID_CREDENTIAL: InvalidCredential,
  FORBIDDEN: Forbidden,
});

/** Other statuses map to one class each; anything else is a plain `APIError`. */
export const ERROR_BY_STATUS: Readonly<Record<number, ErrorConstructor>> = Object.freeze({
  400: BadParametersError,
  404: ResourceNotFoundError,
  409: ResourceConflictError,
  460: ResourceExpiredError,
});

export interface ErrorContext {
  method: string;
  path: string;
  response: Response;
  body: unknown;
}

/** `body[key]` when the decoded body is an object, else `undefined`. */
export const field = (body: unknown, key: string): unknown =>
  body !== null && typeof body === "object" ? (body as Record<string, unknown>)[key] : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;

/** Builds the error for a non-2xx response whose body was decoded. */
export function errorFromResponse({ method, path, response, body }: ErrorContext): APIError {
  const { status } = response;
  const errorCode = text(field(body, "errorCode"));
  const Class =
    (status === 403 && errorCode !== undefined && Object.hasOwn(FORBIDDEN_BY_ERROR_CODE, errorCode)
      ? FORBIDDEN_BY_ERROR_CODE[errorCode]
      : ERROR_BY_STATUS[status]) ?? APIError;
  const queryId = response.headers.get("X-Ovh-QueryID") ?? undefined;
  const message = text(field(body, "message")) ?? (response.statusText || "API error");
  return new Class(describe(message, { method, path, status, queryId }), {
    status,
    errorCode,
    errorClass: text(field(body, "class")),
    details: field(body, "details"),
    queryId,
    body,
    method,
    path,
    response,
  });
}

/** `message (GET /me: HTTP 404, OVH-Query-ID: EU.ext-1.abc)`: what, where, and whom to ask. */
export function describe(
  message: string,
  where: {
    method: string;
    path: string;
    status?: number | undefined;
    queryId?: string | undefined;
  },
): string {
  const facts = [
    where.status === undefined ? undefined : `HTTP ${where.status}`,
    where.queryId === undefined ? undefined : `OVH-Query-ID: ${where.queryId}`,
  ].filter(Boolean);
  return `${message} (${where.method} ${where.path}${facts.length ? `: ${facts.join(", ")}` : ""})`;
}
