/**
 * @module
 * The OVHcloud API request signature, as a pure function.
 *
 * `X-Ovh-Signature = "$1$" + hex(sha1(AS + "+" + CK + "+" + METHOD + "+" + URL + "+" + BODY + "+" + TS))`
 * where URL is exactly the URL sent (query string included) and BODY exactly the bytes sent
 * (empty when there is no body). See https://help.ovhcloud.com/csm/en-gb-api-getting-started-ovhcloud-api
 */
import { sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export interface SignatureInput {
  applicationSecret: string;
  consumerKey: string;
  method: string;
  url: string;
  body: string;
  /** Unix time in seconds, already corrected by the server's time delta. */
  timestamp: number;
}

/** Computes the `X-Ovh-Signature` header value of one request. */
export function sign(input: SignatureInput): string {
  const { applicationSecret, consumerKey, method, url, body, timestamp } = input;
  const payload = [applicationSecret, consumerKey, method.toUpperCase(), url, body, timestamp].join(
    "+",
  );
  return `$1$${bytesToHex(sha1(utf8ToBytes(payload)))}`;
}
