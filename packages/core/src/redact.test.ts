import { describe, expect, it } from "vitest";
import { REDACTED, redactHeaders, SECRET_HEADERS, scrub } from "./redact.ts";

describe("redactHeaders", () => {
  it("hides the consumer key, the signature and authorization, and keeps the rest", () => {
    const headers = new Headers({
      "X-Ovh-Application": "app-key",
      "X-Ovh-Consumer": "consumer-key-value",
      "X-Ovh-Signature": "$1$abc",
      "X-Ovh-Timestamp": "1700000000",
      Authorization: "Bearer token-value",
      "Content-Type": "application/json",
    });
    expect(redactHeaders(headers)).toEqual({
      "x-ovh-application": "app-key",
      "x-ovh-consumer": REDACTED,
      "x-ovh-signature": REDACTED,
      "x-ovh-timestamp": "1700000000",
      authorization: REDACTED,
      "content-type": "application/json",
    });
  });

  it("accepts any HeadersInit, and nothing", () => {
    expect(redactHeaders([["Cookie", "sid=1"]])).toEqual({ cookie: REDACTED });
    expect(redactHeaders({ "proxy-authorization": "Basic x" })).toEqual({
      "proxy-authorization": REDACTED,
    });
    expect(redactHeaders(undefined)).toEqual({});
  });

  it("is a frozen list of lower-case names", () => {
    expect(Object.isFrozen(SECRET_HEADERS)).toBe(true);
    for (const name of SECRET_HEADERS) expect(name).toBe(name.toLowerCase());
  });
});

describe("scrub", () => {
  it("replaces every occurrence of every secret", () => {
    expect(scrub("a=S3CRET b=S3CRET c=CK", ["S3CRET", "CK"])).toBe(
      `a=${REDACTED} b=${REDACTED} c=${REDACTED}`,
    );
  });

  it("skips empty and missing secrets", () => {
    expect(scrub("nothing to hide", ["", undefined])).toBe("nothing to hide");
  });
});
