/**
 * Transport failures shaped as each runtime's fetch throws them: the shapes were read from
 * Node 20, 22 and 24 (undici), Bun 1.4 and Deno 2.9 fetching from servers on 127.0.0.1 that
 * answer malformed HTTP or present an expired, untrusted or misnamed certificate.
 */
import { describe, expect, it } from "vitest";
import { APIError } from "./errors/api-error.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { NetworkError } from "./errors/network-error.ts";
import { isRetryable, transportFailure } from "./transport-failure.ts";

const URL_ME = "https://127.0.0.1:8443/me";
const where = { method: "GET", path: "/me", secrets: ["S3CRET"], during: "request" } as const;

/** An error with the fields a runtime sets on it. */
const error = <E extends Error>(base: E, fields: Record<string, unknown>) =>
  Object.assign(base, fields);

/** undici's fetch: `TypeError: fetch failed`, the reason in `cause`. */
const undici = (cause: Error) => new TypeError("fetch failed", { cause });
const undiciParser = (code: string | undefined, reason: string) =>
  undici(
    error(new Error(`Response does not match the HTTP/1.1 protocol (${reason})`), {
      name: "HTTPParserError",
      ...(code === undefined ? {} : { code }),
      // The bytes the parser stopped at: never to be shown.
      data: "\u0000S3CRET\r\n\r\n{}",
    }),
  );
const openssl = (code: string, message: string) => error(new Error(message), { code });
/** Bun's fetch: a TypeError carrying the code itself. */
const bun = (code: string, message = `${code} fetching "${URL_ME}".`) =>
  error(new TypeError(message), { code, path: URL_ME, errno: 0 });
/** Deno's fetch: `TypeError: fetch failed`, hyper's or rustls' words in the cause's message. */
const deno = (reason: string) =>
  undici(new Error(`error sending request for url (${URL_ME}): client error (${reason}`));

describe("transportFailure: an answer that is not valid HTTP", () => {
  it.each([
    ["Node 20, a bare LF", undiciParser("HPE_INVALID_HEADER_TOKEN", "Invalid header value char")],
    ["Node 22, a NUL in a header value", undiciParser("HPE_INVALID_HEADER_TOKEN", "x")],
    ["Node 20, two Content-Lengths", undiciParser("HPE_UNEXPECTED_CONTENT_LENGTH", "x")],
    ["Node 22, no status line", undiciParser("HPE_INVALID_CONSTANT", "Expected HTTP/")],
    ["Node 24, no code", undiciParser(undefined, "Missing expected CR after response line")],
    [
      "Node 22, two Content-Lengths",
      undici(
        error(new Error("Response body length does not match content-length header"), {
          name: "ResponseContentLengthMismatchError",
          code: "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
        }),
      ),
    ],
    [
      "node:http, as the Node adapter may pass it on",
      error(new Error("Parse Error: Invalid header value char"), {
        code: "HPE_INVALID_HEADER_TOKEN",
      }),
    ],
    ["Bun, a NUL in a header value", bun("Malformed_HTTP_Response")],
    ["Bun, two Content-Lengths", bun("InvalidContentLength")],
    ["Bun, a bad chunk", bun("InvalidHTTPResponse")],
    ["Deno, a NUL in a header value", deno("SendRequest): invalid HTTP header parsed")],
    ["Deno, two Content-Lengths", deno("SendRequest): invalid content-length parsed")],
    ["Deno, no status line", deno("SendRequest): invalid HTTP version parsed")],
    [
      "a Response that could not hold the status",
      new RangeError('init["status"] must be in the range of 200 to 599, inclusive.'),
    ],
  ])("%s: InvalidResponse, not retried, nothing of the bytes shown", (_runtime, thrown) => {
    const failure = transportFailure(thrown, where);
    expect(failure).toBeInstanceOf(InvalidResponse);
    expect(failure.message).toMatch(
      /^The server's answer is not valid HTTP \(.+\); it is not retried \(GET \/me\)$/,
    );
    expect(failure.message).not.toContain("S3CRET");
    expect(isRetryable(failure)).toBe(false);
  });

  it("names the parser's code, or its reason when it has no code", () => {
    expect(
      transportFailure(undiciParser("HPE_LF_EXPECTED", "LF expected"), where).message,
    ).toContain("(HPE_LF_EXPECTED)");
    expect(
      transportFailure(undiciParser(undefined, "Invalid header token"), where).message,
    ).toContain("(Invalid header token)");
    expect(
      transportFailure(deno("SendRequest): invalid HTTP header parsed"), where).message,
    ).toContain("(invalid HTTP header parsed)");
  });

  it("carries the status when the body broke after it", () => {
    const failure = transportFailure(undiciParser("HPE_INVALID_CHUNK_SIZE", "x"), {
      ...where,
      status: 200,
      during: "body",
    });
    expect(failure).toBeInstanceOf(InvalidResponse);
    expect(failure.status).toBe(200);
    expect(failure.message).toMatch(/\(GET \/me: HTTP 200\)$/);
  });
});

describe("transportFailure: a refused TLS certificate", () => {
  it.each([
    ["Node", undici(openssl("CERT_HAS_EXPIRED", "certificate has expired")), "has expired"],
    [
      "Node",
      undici(openssl("CERT_NOT_YET_VALID", "certificate is not yet valid")),
      "is not valid yet",
    ],
    [
      "Node",
      undici(openssl("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate")),
      "is not trusted",
    ],
    [
      "Node",
      undici(openssl("SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in chain")),
      "is not trusted",
    ],
    [
      "Node",
      undici(openssl("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate")),
      "is not trusted",
    ],
    [
      "Node",
      undici(openssl("UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer")),
      "is not trusted",
    ],
    [
      "Node",
      undici(
        openssl(
          "ERR_TLS_CERT_ALTNAME_INVALID",
          "Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: ",
        ),
      ),
      "is for another host name",
    ],
    ["Bun", bun("CERT_HAS_EXPIRED", "certificate has expired"), "has expired"],
    ["Bun", bun("DEPTH_ZERO_SELF_SIGNED_CERT", "self signed certificate"), "is not trusted"],
    ["Bun", bun("ERR_TLS_CERT_ALTNAME_INVALID"), "is for another host name"],
    [
      "Deno",
      deno(
        "Connect): invalid peer certificate: certificate expired: verification time 1796215286 (UNIX), but certificate is not valid after 1580515200",
      ),
      "has expired",
    ],
    [
      "Deno",
      deno("Connect): invalid peer certificate: certificate not valid yet: verification time 1"),
      "is not valid yet",
    ],
    ["Deno", deno("Connect): invalid peer certificate: UnknownIssuer"), "is not trusted"],
    [
      "Deno",
      deno(
        'Connect): invalid peer certificate: certificate not valid for name "127.0.0.1"; certificate is only valid for DnsName("example.com")',
      ),
      "is for another host name",
    ],
    ["older Deno", deno("Connect): invalid peer certificate: Expired"), "has expired"],
    [
      "older Deno",
      deno("Connect): invalid peer certificate: NotValidForName"),
      "is for another host name",
    ],
  ])("%s: a NetworkError that names the problem, not retried", (_runtime, thrown, words) => {
    const failure = transportFailure(thrown, where);
    expect(failure).toBeInstanceOf(NetworkError);
    expect(failure.errorCode).toBe("TLS_CERTIFICATE");
    expect(failure.message).toContain(`The server's TLS certificate ${words}`);
    expect(failure.message).toMatch(/; the call is not retried \(GET \/me\)$/);
    expect(failure.cause).toBe(thrown);
    expect(isRetryable(failure)).toBe(false);
  });

  it("keeps the cause out when its message holds a credential", () => {
    const thrown = undici(openssl("CERT_HAS_EXPIRED", "certificate has expired"));
    thrown.message = "fetch failed for S3CRET";
    expect(transportFailure(thrown, where).cause).toBeUndefined();
  });
});

describe("transportFailure: other failures", () => {
  it("passes an APIError of the transport as it is, not retried", () => {
    const own = new InvalidResponse("status 999 (GET /me)", { status: 999 });
    expect(transportFailure(own, where)).toBe(own);
    expect(isRetryable(own)).toBe(false);
    const config = new InvalidConfiguration("bad agent");
    expect(transportFailure(config, where)).toBe(config);
  });

  it("makes a refused or reset connection a retryable NetworkError that says why", () => {
    const refused = undici(openssl("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:8443"));
    const failure = transportFailure(refused, where);
    expect(failure).toBeInstanceOf(NetworkError);
    expect(failure).not.toBeInstanceOf(InvalidResponse);
    expect(failure.message).toBe(
      "Network failure: fetch failed: connect ECONNREFUSED 127.0.0.1:8443 (GET /me)",
    );
    expect(failure.cause).toBe(refused);
    expect(isRetryable(failure)).toBe(true);
    const reset = bun("ECONNRESET", "ECONNRESET: The socket connection was closed unexpectedly.");
    expect(isRetryable(transportFailure(reset, where))).toBe(true);
  });

  it("makes a body cut short a retryable NetworkError with the status", () => {
    const cut = new TypeError("terminated", {
      cause: error(new Error("other side closed"), { name: "SocketError", code: "UND_ERR_SOCKET" }),
    });
    const failure = transportFailure(cut, { ...where, status: 200, during: "body" });
    expect(failure.message).toBe(
      "The response body could not be read: terminated: other side closed (GET /me: HTTP 200)",
    );
    expect(failure.status).toBe(200);
    expect(isRetryable(failure)).toBe(true);
    // Deno says no more of a body cut short.
    const deno = new TypeError("error reading a body from connection");
    expect(isRetryable(transportFailure(deno, { ...where, during: "body" }))).toBe(true);
  });

  it("scrubs credentials from the message and then drops the cause", () => {
    const leaky = undici(new Error("refused with header S3CRET"));
    const failure = transportFailure(leaky, where);
    expect(failure.message).toBe(
      "Network failure: fetch failed: refused with header [redacted] (GET /me)",
    );
    expect(failure.cause).toBeUndefined();
  });

  it("describes what is not an Error, and survives a cause that loops", () => {
    expect(transportFailure("socket hang up", where).message).toBe(
      "Network failure: socket hang up (GET /me)",
    );
    expect(transportFailure(undefined, where).message).toBe("Network failure: undefined (GET /me)");
    const looping = new Error("loop");
    (looping as { cause?: unknown }).cause = looping;
    expect(transportFailure(looping, where).message).toBe("Network failure: loop (GET /me)");
  });

  it("is an APIError whatever happens", () => {
    for (const thrown of [new Error("x"), 42, null, {}, bun("CERT_HAS_EXPIRED")]) {
      expect(transportFailure(thrown, where)).toBeInstanceOf(APIError);
    }
  });
});
