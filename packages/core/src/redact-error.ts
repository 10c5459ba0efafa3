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
import { REDACTED, scrub } from "./redact.ts";

type Secrets = readonly (string | undefined)[];

/**
 * `value` scrubbed: a string, an Error (a scrubbed copy when it holds a secret), or parsed JSON
 * (every string in it, keys included).
 */
function scrubbed(value: unknown, secrets: Secrets): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (value instanceof Error) {
    const message = scrub(value.message, secrets);
    return message === value.message && scrub(`${value.stack}`, secrets) === `${value.stack}`
      ? value
      : Object.assign(new Error(message), { name: value.name, stack: undefined });
  }
  try {
    const text = JSON.stringify(value);
    // In JSON text, a secret with a quote or a backslash shows escaped.
    const all = [...secrets, ...secrets.map((secret) => JSON.stringify(secret).slice(1, -1))];
    const clean = text && scrub(text, all);
    return clean === text ? value : JSON.parse(clean as string);
  } catch {
    // Not JSON, or a secret that held JSON punctuation: nothing of it is kept.
    return REDACTED;
  }
}

/**
 * `response` with its headers scrubbed, and a body read from the original only when someone
 * reads it, then scrubbed whole (a secret may straddle two chunks).
 */
export function redactResponse(response: Response, secrets: Secrets): Response {
  const { status, statusText, url, body } = response;
  // An opaque answer (status 0) has no headers nor body to show.
  if (status < 200) return response;
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    headers.append(name, scrub(value, secrets));
  });
  const clean =
    body === null || response.bodyUsed
      ? null
      : new ReadableStream(
          {
            async pull(controller) {
              controller.enqueue(new TextEncoder().encode(scrub(await response.text(), secrets)));
              controller.close();
            },
            cancel: (reason) => body.cancel(reason),
          },
          // No read ahead: the original is read when, and if, someone reads this one.
          { highWaterMark: 0 },
        );
  return Object.defineProperty(new Response(clean, { status, statusText, headers }), "url", {
    value: url,
  });
}

/**
 * Scrubs `error` in place of every secret and returns it. Idempotent, and a no-op for the texts
 * that hold none.
 */
export function redactError<E extends APIError>(error: E, given: Secrets): E {
  // OVH's keys and tokens are long: a shorter value (a test's "t") would shred every message.
  const secrets = given.filter((secret) => (secret?.length ?? 0) > 7);
  if (secrets.length > 0) {
    const fields = error as unknown as Record<string, unknown>;
    for (const field of [
      "message",
      "stack",
      "errorCode",
      "errorClass",
      "queryId",
      "details",
      "body",
      "cause",
    ]) {
      if (field in error) fields[field] = scrubbed(fields[field], secrets);
    }
    if (error.response) {
      Object.defineProperty(error, "response", { value: redactResponse(error.response, secrets) });
    }
  }
  return error;
}
