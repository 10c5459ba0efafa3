/**
 * @module
 * Keeping credentials out of an error built from a server's text. A server (or a proxy, or a
 * debugging gateway in front of it) may echo what it received: the consumer key, the request's
 * signature, a bearer token, or what it knows, the application secret. Before a failed call's
 * error is thrown or reported, every text it holds is scrubbed of the call's secrets: message,
 * stack, codes, `details`, `body`, its cause, and the `response`, whose body is then read
 * through the same scrub.
 */
import type { APIError } from "./errors/api-error.ts";
import { scrub } from "./redact.ts";
import { NULL_BODY_STATUSES } from "./transport.ts";

type Secrets = readonly (string | undefined)[];

/** A JSON value with every string in it (keys included) scrubbed. */
function scrubValue(value: unknown, secrets: Secrets): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets));
  if (value !== null && typeof value === "object") {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    const clean: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(clean, scrub(key, secrets), {
        value: scrubValue(item, secrets),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return clean;
  }
  return value;
}

/**
 * `response` with its headers scrubbed, and a body read from the original only when someone
 * reads it, then scrubbed whole (a secret may straddle two chunks).
 */
export function redactResponse(response: Response, secrets: Secrets): Response {
  // An opaque answer (status 0) has no headers nor body to show.
  if (response.status < 200 || response.status > 599) return response;
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    headers.append(name, scrub(value, secrets));
  });
  // The body below is decoded text: the original's encoding and length no longer describe it.
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  const hasBody =
    response.body !== null && !response.bodyUsed && !NULL_BODY_STATUSES.has(response.status);
  const body = hasBody
    ? new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            try {
              const text = scrub(await response.text(), secrets);
              controller.enqueue(new TextEncoder().encode(text));
              controller.close();
            } catch (error) {
              controller.error(error);
            }
          },
          cancel: (reason) => response.body?.cancel(reason),
        },
        // No read ahead: the original is read when, and if, someone reads this one.
        { highWaterMark: 0 },
      )
    : null;
  const clean = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  Object.defineProperty(clean, "url", { value: response.url });
  if (response.redirected) Object.defineProperty(clean, "redirected", { value: true });
  return clean;
}

/** A cause whose message or stack holds a secret becomes a scrubbed copy; others stay. */
function redactCause(cause: unknown, secrets: Secrets): unknown {
  if (!(cause instanceof Error)) return scrubValue(cause, secrets);
  const message = scrub(cause.message, secrets);
  const stack = cause.stack === undefined ? undefined : scrub(cause.stack, secrets);
  if (message === cause.message && stack === cause.stack) return cause;
  const copy = new Error(message);
  copy.name = cause.name;
  copy.stack = stack;
  return copy;
}

/** The shortest value scrubbed as a secret. */
const MIN_SECRET_LENGTH = 8;

const TEXT_FIELDS = ["message", "stack", "errorCode", "errorClass", "queryId"] as const;

/**
 * Scrubs `error` in place of every secret and returns it. Idempotent, and a no-op for the texts
 * that hold none.
 */
export function redactError<E extends APIError>(error: E, given: Secrets): E {
  // OVH's keys and tokens are long: a shorter value (a test's "t") would shred every message.
  const secrets = given.filter(
    (secret) => secret !== undefined && secret.length >= MIN_SECRET_LENGTH,
  );
  if (secrets.length === 0) return error;
  const fields = error as unknown as Record<string, unknown>;
  for (const field of TEXT_FIELDS) {
    const value = fields[field];
    if (typeof value === "string") fields[field] = scrub(value, secrets);
  }
  fields.details = scrubValue(error.details, secrets);
  fields.body = scrubValue(error.body, secrets);
  if ("cause" in error) {
    Object.defineProperty(error, "cause", {
      value: redactCause(error.cause, secrets),
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
  if (error.response !== undefined) {
    Object.defineProperty(error, "response", {
      value: redactResponse(error.response, secrets),
      enumerable: false,
    });
  }
  return error;
}
