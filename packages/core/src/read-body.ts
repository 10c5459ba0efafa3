/**
 * @module
 * Reading a response body with a size limit: the transport drops the body as soon as it goes
 * over, so an enormous (or endless) body costs at most the limit in memory.
 */

import type { CancelSignal } from "./deadline.ts";
import { describe } from "./errors/from-response.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { NetworkError } from "./errors/network-error.ts";
import type { TransportAnswer } from "./transport.ts";

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
 * Reads an answer's body as UTF-8 text, at most `maxBytes` bytes. Fails with `InvalidResponse`
 * when the body is larger (announced or actual), `NetworkError` when it breaks off, and the
 * signal's reason when `signal` aborts.
 */
export async function readBody(
  answer: TransportAnswer,
  where: BodyContext,
  maxBytes: number,
  signal: CancelSignal,
): Promise<string> {
  let text: string | undefined;
  try {
    text = await answer.text(maxBytes, signal);
  } catch (cause) {
    signal.throwIfAborted();
    throw new NetworkError(describe("The response body could not be read", where), {
      ...where,
      response: answer.response(),
      cause,
    });
  }
  if (text !== undefined) return text;
  throw new InvalidResponse(
    describe(
      `The response body is larger than maxResponseSize (${maxBytes} bytes); raise maxResponseSize if it is expected`,
      where,
    ),
    { ...where, response: answer.response() },
  );
}
