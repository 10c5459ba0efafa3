/**
 * @module
 * Checking the `options` argument of a call, so that a wrong one is a typed error that says
 * what is expected rather than a `TypeError` from deep inside fetch. Values are never echoed:
 * a header may carry a credential.
 */

import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import type { RequestOptions } from "./types.ts";

/**
 * Headers that frame or route a request: the transport sets them, a caller must not. The Node
 * adapter's fetch refuses the same list.
 */
export const FRAMING_HEADERS: readonly string[] = Object.freeze([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authorization",
  "upgrade",
  "te",
  "trailer",
  "expect",
]);

const isSignal = (value: unknown): value is AbortSignal =>
  value !== null &&
  typeof value === "object" &&
  typeof (value as AbortSignal).aborted === "boolean" &&
  typeof (value as AbortSignal).addEventListener === "function" &&
  typeof (value as AbortSignal).removeEventListener === "function";

/** Returns `options` (`{}` when absent) once its shape is right; throws `InvalidConfiguration`. */
export function checkRequestOptions(options: unknown): RequestOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new InvalidConfiguration(
      "The options of a call must be an object: { signal, timeout, headers, needAuth, retry }.",
    );
  }
  const { needAuth, signal, headers } = options as RequestOptions;
  if (needAuth !== undefined && typeof needAuth !== "boolean") {
    throw new InvalidConfiguration("options.needAuth must be true or false.");
  }
  if (signal !== undefined && !isSignal(signal)) {
    throw new InvalidConfiguration(
      "options.signal must be an AbortSignal, e.g. AbortSignal.timeout(5000) or controller.signal.",
    );
  }
  if (headers !== undefined) {
    let names: string[];
    try {
      names = [...new Headers(headers).keys()];
    } catch {
      throw new InvalidConfiguration(
        "options.headers must be a Headers, an object or [name, value] pairs, with valid names and values.",
      );
    }
    // A caller's Content-Length or Transfer-Encoding next to the transport's own is the shape of
    // a smuggled request; Host would send signed calls elsewhere than where they were signed for.
    const framing = names.filter((name) => FRAMING_HEADERS.includes(name));
    if (framing.length > 0) {
      throw new InvalidConfiguration(
        `options.headers may not set ${framing.join(", ")}: the transport frames and routes each request itself.`,
      );
    }
  }
  return options as RequestOptions;
}
