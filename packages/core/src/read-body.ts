/**
 * @module
 * Reading a response body with a size limit: the stream is read chunk by chunk and dropped as
 * soon as it goes over, so an enormous (or endless) body costs at most the limit in memory.
 */
import { describe } from "./errors/from-response.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { NetworkError } from "./errors/network-error.ts";

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

export interface BodyContext {
  method: string;
  path: string;
  status: number;
  queryId?: string | undefined;
}

/**
 * Reads `response` as UTF-8 text, at most `maxBytes` bytes. Fails with `InvalidResponse` when
 * the body is larger (announced or actual), `NetworkError` when the stream breaks, and the
 * signal's reason when `signal` aborts.
 */
export async function readBody(
  response: Response,
  where: BodyContext,
  maxBytes: number = DEFAULT_MAX_RESPONSE_SIZE,
  signal?: AbortSignal,
): Promise<string> {
  const tooLarge = () =>
    new InvalidResponse(
      describe(
        `The response body is larger than maxResponseSize (${maxBytes} bytes); raise maxResponseSize if it is expected`,
        where,
      ),
      { ...where, response },
    );
  const body = response.body;
  if (body === null) return "";
  const announced = Number(response.headers.get("Content-Length") ?? Number.NaN);
  if (announced > maxBytes) {
    await body.cancel().catch(() => undefined);
    throw tooLarge();
  }
  const reader = body.getReader();
  const onAbort = () => {
    reader.cancel(signal?.reason).catch(() => undefined);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let size = 0;
  try {
    for (;;) {
      signal?.throwIfAborted();
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        signal?.throwIfAborted();
        throw new NetworkError(describe("The response body could not be read", where), {
          ...where,
          response,
          cause,
        });
      }
      signal?.throwIfAborted();
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) throw tooLarge();
      parts.push(decoder.decode(chunk.value, { stream: true }));
    }
  } catch (error) {
    // Free the connection: whatever stopped the read, the rest of the body is not wanted.
    reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  parts.push(decoder.decode());
  return parts.join("");
}
