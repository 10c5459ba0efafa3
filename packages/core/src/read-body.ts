/**
 * @module
 * Reading a response body with a size limit: a body announced larger is refused unread, and any
 * other is read chunk by chunk and dropped as soon as it goes over, so an enormous (or endless)
 * body costs at most the limit in memory.
 */
import { type Answer, answerOf, toResponse } from "./answer.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { transportFailure } from "./transport-failure.ts";

/** 64 MiB: far above any OVH answer (the largest catalogs are a few MB), far below harm. */
export const DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024;

/** Checks a `maxResponseSize` option: a whole number of bytes, 1 or more. */
export function checkMaxResponseSize(
  value: unknown,
  where = "maxResponseSize",
): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new InvalidConfiguration(
      `${where} must be a whole number of bytes, 1 or more (got ${String(value)}).`,
    );
  }
  return value as number;
}

export interface ReadContext {
  method: string;
  path: string;
  /** Credentials to keep out of messages built from a transport's error. */
  secrets: readonly (string | undefined)[];
}

/**
 * The body size a Content-Length header announces, or `NaN` when it announces none that can be
 * trusted: only digits count (`""`, `"-1"` or `"0x10"` would otherwise read as a number and let
 * a body skip the size cap).
 */
export const announcedLength = (header: string | null): number =>
  header !== null && /^\d+$/.test(header) ? Number(header) : Number.NaN;

/**
 * The body as UTF-8 text, or `undefined` when it is larger than `maxBytes` bytes (the rest is
 * then dropped unread). Rejects with the signal's reason when it aborts, or with the stream's
 * error when the body breaks off.
 */
export async function readText(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
): Promise<string | undefined> {
  const body = response.body;
  if (body === null) return "";
  if (announcedLength(response.headers.get("Content-Length")) > maxBytes) {
    body.cancel().catch(() => undefined);
    return undefined;
  }
  const reader = body.getReader();
  // A fetch errors its body when its signal aborts; a Response built by other code may not.
  const onAbort = () => {
    reader.cancel(signal.reason).catch(() => undefined);
  };
  signal.addEventListener("abort", onAbort, { once: true });
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  try {
    for (;;) {
      signal.throwIfAborted();
      const chunk = await reader.read().catch((cause: unknown) => {
        signal.throwIfAborted();
        throw cause;
      });
      signal.throwIfAborted();
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) {
        reader.cancel().catch(() => undefined);
        return undefined;
      }
      text += decoder.decode(chunk.value, { stream: true });
    }
  } catch (error) {
    // Free the connection: whatever stopped the read, the rest of the body is not wanted.
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  return text + decoder.decode();
}

/**
 * A fetch's `Response` as an answer, its body read as UTF-8 text under `maxBytes` (`text` is
 * `undefined` past them). Fails with the transport's failure as `transportFailure` classifies it
 * when the body breaks off, and with the signal's reason when `signal` aborts.
 */
export async function readAnswer(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
  where: ReadContext,
): Promise<Answer> {
  try {
    return answerOf(response, await readText(response, maxBytes, signal));
  } catch (cause) {
    signal.throwIfAborted();
    const { status } = response;
    throw transportFailure(cause, {
      ...where,
      status,
      queryId: response.headers.get("X-Ovh-QueryID") ?? undefined,
      response: toResponse(answerOf(response, "")),
      during: "body",
    });
  }
}
