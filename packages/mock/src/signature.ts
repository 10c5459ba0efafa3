/**
 * @module
 * The `X-Ovh-Signature` OVH expects of a request: `"$1$" + hex(sha1(AS + "+" + CK + "+" + METHOD
 * + "+" + URL + "+" + BODY + "+" + TS))`, over the URL and the body as received. Computed here
 * rather than with the client's signer, so that the mock checks the client's signatures against
 * an implementation of its own.
 */
import { sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

export interface SignedParts {
  applicationSecret: string;
  consumerKey: string;
  method: string;
  url: string;
  body: string;
  timestamp: number;
}

/** The signature of a request made of `parts`. */
export const ovhSignature = (parts: SignedParts): string =>
  `$1$${bytesToHex(sha1(utf8ToBytes([parts.applicationSecret, parts.consumerKey, parts.method.toUpperCase(), parts.url, parts.body, parts.timestamp].join("+"))))}`;
