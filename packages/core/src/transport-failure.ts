/**
 * @module
 * What a transport's failure means, decided once for any `fetch` (Node's undici, the Node
 * adapter, Bun, Deno, browsers), from the codes, names and messages along the error's `cause`
 * chain:
 *
 * - an answer that is not valid HTTP (undici's and Node's `HPE_*` parser errors, Bun's
 *   `Malformed_HTTP_Response`, Deno's "invalid HTTP header parsed"…) is an `InvalidResponse`:
 *   the server is broken, and asking again would get the same answer;
 * - a TLS certificate the runtime refuses (expired, untrusted, for another host) is a
 *   `NetworkError` that names the problem, and is not retried either;
 * - an `APIError` the transport throws itself passes as it is;
 * - anything else (a refused or reset connection, a body cut short) is a `NetworkError` that the
 *   retry policy may retry.
 *
 * Messages are built from these tables, never from the server's bytes; a transport's own
 * message is kept only when it holds no credential.
 */
import { type APIError, isAPIError } from "./errors/api-error.ts";
import { describe } from "./errors/from-response.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { NetworkError } from "./errors/network-error.ts";
import { scrub } from "./redact.ts";

/** Why a runtime refused a server's certificate, in words a user can act on. */
const EXPIRED = "has expired (or this machine's clock is wrong)";
const NOT_YET_VALID = "is not valid yet (or this machine's clock is wrong)";
const UNTRUSTED = "is not trusted (self-signed, or from an authority this runtime does not trust)";
const WRONG_HOST = "is for another host name";

/** OpenSSL's verification codes as Node and Bun report them. */
const CERTIFICATE_CODES: Readonly<Record<string, string>> = Object.freeze({
  CERT_HAS_EXPIRED: EXPIRED,
  CERT_NOT_YET_VALID: NOT_YET_VALID,
  DEPTH_ZERO_SELF_SIGNED_CERT: UNTRUSTED,
  SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT: UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED,
  CERT_UNTRUSTED: UNTRUSTED,
  CERT_SIGNATURE_FAILURE: UNTRUSTED,
  CERT_REVOKED: UNTRUSTED,
  ERR_TLS_CERT_ALTNAME_INVALID: WRONG_HOST,
  HOSTNAME_MISMATCH: WRONG_HOST,
});

/** rustls' refusals as Deno words them ("invalid peer certificate: …"), the first match wins. */
const CERTIFICATE_MESSAGES: readonly (readonly [RegExp, string])[] = Object.freeze([
  [/peer certificate: (?:certificate expired|Expired)/, EXPIRED],
  [/peer certificate: (?:certificate not valid yet|NotValidYet)/, NOT_YET_VALID],
  [/peer certificate: (?:certificate not valid for name|NotValidForName)/, WRONG_HOST],
  [/invalid peer certificate/, UNTRUSTED],
] as const);

/**
 * Signs of an answer that is not valid HTTP: undici's and Node's parser (`HPE_*` codes, or an
 * `HTTPParserError` without a code in Node 24), undici's length check, Bun's codes, and hyper's
 * parse errors as Deno words them.
 */
const MALFORMED_CODES: ReadonlySet<string> = new Set([
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  "Malformed_HTTP_Response",
  "InvalidHTTPResponse",
  "InvalidContentLength",
]);
const MALFORMED_MESSAGE =
  /\b(?:invalid (?:HTTP (?:version|header|status-code)|content-length) parsed|unexpected transfer-encoding parsed|message head is too large)\b/;

export interface FailureContext {
  method: string;
  path: string;
  /** The status, when the failure came after the status line (a body that broke off). */
  status?: number | undefined;
  queryId?: string | undefined;
  response?: Response | undefined;
  /** Credentials that must not reach a message. */
  secrets: readonly (string | undefined)[];
  /** Whether the request or the body read failed, for the message. */
  during: "request" | "body";
}

/** Failures that a retry may cure: network errors, as opposed to broken answers. */
const retryable = new WeakSet<APIError>();

/** True for a failure the retry policy may retry. */
export const isRetryable = (error: APIError): boolean => retryable.has(error);

interface Cause {
  name?: unknown;
  code?: unknown;
  message?: unknown;
}

/** The errors along `error`'s `cause` chain, itself first (at most 8, in case of a loop). */
function causes(error: unknown): Cause[] {
  const chain: Cause[] = [];
  for (let e = error; e !== null && typeof e === "object" && chain.length < 8; ) {
    chain.push(e as Cause);
    e = (e as { cause?: unknown }).cause;
  }
  return chain;
}

const stringOf = (value: unknown): string => (typeof value === "string" ? value : "");

/** What shows that `entry` reports an answer that is not valid HTTP, or `undefined`. */
function malformed({ name, code, message }: Cause): string | undefined {
  const text = stringOf(message);
  if (stringOf(code).startsWith("HPE_") || MALFORMED_CODES.has(stringOf(code)))
    return code as string;
  if (name === "HTTPParserError") return /\(([^()]+)\)$/.exec(text)?.[1] ?? name;
  if (name === "RangeError" && /\bstatus\b/.test(text)) return "a status HTTP does not define";
  return MALFORMED_MESSAGE.exec(text)?.[0];
}

/** Why a runtime refused the server's certificate, when that is what `entry` reports. */
const certificateProblem = ({ code, message }: Cause): string | undefined =>
  CERTIFICATE_CODES[stringOf(code)] ??
  CERTIFICATE_MESSAGES.find(([pattern]) => pattern.test(stringOf(message)))?.[1];

/** The error the caller gets for what a transport threw. */
export function transportFailure(caught: unknown, context: FailureContext): APIError {
  if (isAPIError(caught)) return caught;
  const { secrets, during, response, ...where } = context;
  const init = { ...where, response };
  const chain = causes(caught);
  for (const entry of chain) {
    const detail = malformed(entry);
    if (detail !== undefined) {
      return new InvalidResponse(
        describe(
          `The server's answer is not valid HTTP (${scrub(detail, secrets)}); it is not retried`,
          where,
        ),
        init,
      );
    }
    const problem = certificateProblem(entry);
    if (problem !== undefined) {
      return new NetworkError(
        describe(`The server's TLS certificate ${problem}; the call is not retried`, where),
        { ...init, errorCode: "TLS_CERTIFICATE", cause: clean(caught, chain, secrets).cause },
      );
    }
  }
  const { text, cause } = clean(caught, chain, secrets);
  const error = new NetworkError(
    describe(
      during === "body"
        ? `The response body could not be read: ${text}`
        : `Network failure: ${text}`,
      where,
    ),
    { ...init, cause },
  );
  retryable.add(error);
  return error;
}

/**
 * The transport's message (and its deepest cause's, undici's "fetch failed" says little) with
 * credentials scrubbed, and the error as a cause when they held none: one that held a credential
 * may hold it elsewhere too, so it is dropped.
 */
function clean(caught: unknown, chain: Cause[], secrets: readonly (string | undefined)[]) {
  const top = stringOf(chain[0]?.message) || String(caught);
  const deepest = stringOf(chain.at(-1)?.message);
  const message = deepest && deepest !== top ? `${top}: ${deepest}` : top;
  const text = scrub(message, secrets);
  return { text, cause: text === message ? caught : undefined };
}
