/**
 * @module
 * The OVHcloud API request signature, as a pure function.
 *
 * `X-Ovh-Signature = "$1$" + hex(sha1(AS + "+" + CK + "+" + METHOD + "+" + URL + "+" + BODY + "+" + TS))`
 * where URL is exactly the URL sent (query string included) and BODY exactly the bytes sent
 * (empty when there is no body). See https://help.ovhcloud.com/csm/en-gb-api-getting-started-ovhcloud-api
 */
// The hash class rather than the `sha1` wrapper, and TextEncoder and a hex loop rather than
// noble's utils: the wrapper's option checks and the hex table cost page weight and do nothing
// for a string in and a hex string out.
import { _SHA1 } from "@noble/hashes/legacy.js";

/** What a signature covers. */
export interface SignatureInput {
  /** The application secret (AS). */
  applicationSecret: string;
  /** The consumer key (CK). */
  consumerKey: string;
  /** The method, upper case. */
  method: string;
  /** The URL exactly as sent, query string included. */
  url: string;
  /** The body exactly as sent; empty when there is none. */
  body: string;
  /** Unix time in seconds, already corrected by the server's time delta. */
  timestamp: number;
}

const utf8 = new TextEncoder();
/** The two hex digits of each byte value. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/** The SHA-1 of a string's UTF-8 bytes, as 40 lower-case hex digits (@noble/hashes). */
export const sha1Hex = (text: string): string => {
  const digest = new _SHA1().update(utf8.encode(text)).digest();
  let hex = "";
  for (let i = 0; i < digest.length; i++) hex += HEX[digest[i] as number];
  return hex;
};

/** Computes the `X-Ovh-Signature` header value of one request. */
export function sign(input: SignatureInput): string {
  const { applicationSecret, consumerKey, method, url, body, timestamp } = input;
  return `$1$${sha1Hex(`${applicationSecret}+${consumerKey}+${method.toUpperCase()}+${url}+${body}+${timestamp}`)}`;
}
