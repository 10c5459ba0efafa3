/**
 * Requests built by hand, signed (or mis-signed) on purpose, for the mock's own tests. Every
 * URL is on 127.0.0.1, so nothing could leave the machine even if a request escaped the
 * in-memory handler.
 */
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY } from "../constants.ts";
import type { MockOvh } from "../mock.ts";
import { ovhSignature } from "../signature.ts";

/** The origin of in-memory requests: loopback, on a port where nothing listens. */
export const ORIGIN = "http://127.0.0.1:9";
export const BASE = `${ORIGIN}/1.0`;

export interface Keys {
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
}

export const DEMO_KEYS: Keys = {
  applicationKey: DEMO_APPLICATION_KEY,
  applicationSecret: DEMO_APPLICATION_SECRET,
  consumerKey: DEMO_CONSUMER_KEY,
};

export interface SignedInit {
  method?: string;
  body?: string;
  keys?: Keys;
  /** Unix seconds; default: now (by `Date.now`). */
  timestamp?: number;
  /** Replaces the computed signature. */
  signature?: string;
  /** Signs this URL instead of the one sent. */
  signedUrl?: string;
  /** Signs this body instead of the one sent. */
  signedBody?: string;
  /** Extra headers; `undefined` values are left out. */
  headers?: Record<string, string | undefined>;
}

/** A request signed like the official clients sign it. `path` is appended to BASE. */
export function signedRequest(path: string, init: SignedInit = {}): Request {
  const { method = "GET", body, keys = DEMO_KEYS } = init;
  const url = new Request(path.startsWith("http") ? path : `${BASE}${path}`).url;
  const timestamp = init.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    init.signature ??
    ovhSignature({
      applicationSecret: keys.applicationSecret,
      consumerKey: keys.consumerKey,
      method,
      url: init.signedUrl ?? url,
      body: init.signedBody ?? body ?? "",
      timestamp,
    });
  return new Request(url, {
    method,
    body,
    headers: {
      "X-Ovh-Application": keys.applicationKey,
      "X-Ovh-Consumer": keys.consumerKey,
      "X-Ovh-Timestamp": String(timestamp),
      "X-Ovh-Signature": signature,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...Object.fromEntries(
        Object.entries(init.headers ?? {}).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      ),
    },
  });
}

/** Sends a signed request to the mock and returns the status and the parsed body. */
export async function call(
  mock: MockOvh,
  path: string,
  init: SignedInit = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field.
): Promise<{ status: number; body: any; response: Response }> {
  const response = await mock.handler(signedRequest(path, init));
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text), response };
}

/** Sends a signed JSON body. */
export const send = (mock: MockOvh, method: string, path: string, value: unknown, keys?: Keys) =>
  call(mock, path, { method, body: JSON.stringify(value), keys });
