import { describe, expect, it } from "vitest";
import { APIError } from "./api-error.ts";
import { BadParametersError } from "./bad-parameters-error.ts";
import { Forbidden } from "./forbidden.ts";
import {
  describe as describeCall,
  ERROR_BY_STATUS,
  errorFromResponse,
  FORBIDDEN_BY_ERROR_CODE,
} from "./from-response.ts";
import { InvalidCredential } from "./invalid-credential.ts";
import { InvalidKey } from "./invalid-key.ts";
import { NotCredential } from "./not-credential.ts";
import { NotGrantedCall } from "./not-granted-call.ts";
import { ResourceConflictError } from "./resource-conflict-error.ts";
import { ResourceExpiredError } from "./resource-expired-error.ts";
import { ResourceNotFoundError } from "./resource-not-found-error.ts";

/** An error answer as OVH sends it. */
function answer(status: number, body: unknown, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), { status, headers });
}

const fromAnswer = (status: number, body: unknown, headers?: HeadersInit) =>
  errorFromResponse({
    method: "GET",
    path: "/me",
    response: answer(status, body, headers),
    body,
  });

describe("errorFromResponse: python-ovh's mapping", () => {
  it.each([
    ["NOT_GRANTED_CALL", NotGrantedCall],
    ["NOT_CREDENTIAL", NotCredential],
    ["INVALID_KEY", InvalidKey],
    ["INVALID_CREDENTIAL", InvalidCredential],
    ["FORBIDDEN", Forbidden],
  ])("403 with errorCode %s -> %o", (errorCode, Class) => {
    const error = fromAnswer(403, { errorCode, message: "no", class: "Client::Forbidden" });
    expect(error).toBeInstanceOf(Class);
    expect(error.name).toBe(Class.errorName);
    expect(error.errorCode).toBe(errorCode);
  });

  it.each([
    [404, ResourceNotFoundError],
    [400, BadParametersError],
    [409, ResourceConflictError],
    [460, ResourceExpiredError],
  ])("%i -> %o", (status, Class) => {
    const error = fromAnswer(status, { message: "no" });
    expect(error).toBeInstanceOf(Class);
    expect(error.name).toBe(Class.errorName);
  });

  it("picks the class by status when a non-403 answer carries a 403 errorCode", () => {
    expect(fromAnswer(404, { errorCode: "INVALID_KEY" })).toBeInstanceOf(ResourceNotFoundError);
    expect(fromAnswer(500, { errorCode: "NOT_GRANTED_CALL" }).name).toBe("APIError");
  });

  it.each([
    ["another status", 500, { message: "boom" }],
    ["a 401", 401, { message: "auth" }],
    ["a 403 with an unknown errorCode", 403, { errorCode: "QUERY_TIME_OUT" }],
    ["a 403 without errorCode", 403, { message: "no" }],
    ["a 403 with a non-string errorCode", 403, { errorCode: 7 }],
    ["a 403 with an inherited key as errorCode", 403, { errorCode: "toString" }],
  ])("%s -> a plain APIError", (_, status, body) => {
    const error = fromAnswer(status, body);
    expect(error.constructor).toBe(APIError);
    expect(error.name).toBe("APIError");
    expect(error.status).toBe(status);
  });

  it("keeps the tables as frozen data", () => {
    expect(Object.isFrozen(FORBIDDEN_BY_ERROR_CODE)).toBe(true);
    expect(Object.isFrozen(ERROR_BY_STATUS)).toBe(true);
    expect(Object.keys(FORBIDDEN_BY_ERROR_CODE).sort()).toEqual([
      "FORBIDDEN",
      "INVALID_CREDENTIAL",
      "INVALID_KEY",
      "NOT_CREDENTIAL",
      "NOT_GRANTED_CALL",
    ]);
    expect(Object.keys(ERROR_BY_STATUS)).toEqual(["400", "404", "409", "460"]);
  });
});

describe("errorFromResponse: what the error carries", () => {
  it("carries status, errorCode, class, details, query id, body, where, and the response", () => {
    const body = {
      errorCode: "NOT_GRANTED_CALL",
      message: "This call has not been granted",
      class: "Client::Forbidden",
      details: { method: "GET" },
      httpCode: "403 Forbidden",
    };
    const response = answer(403, body, { "X-Ovh-QueryID": "EU.ext-3.6a8f.1234" });
    const error = errorFromResponse({ method: "DELETE", path: "/me/bill", response, body });
    expect(error).toMatchObject({
      status: 403,
      errorCode: "NOT_GRANTED_CALL",
      errorClass: "Client::Forbidden",
      details: { method: "GET" },
      queryId: "EU.ext-3.6a8f.1234",
      body,
      method: "DELETE",
      path: "/me/bill",
    });
    expect(error.response).toBe(response);
    expect(error.message).toBe(
      "This call has not been granted (DELETE /me/bill: HTTP 403, OVH-Query-ID: EU.ext-3.6a8f.1234)",
    );
  });

  it("falls back on the status text, then on a generic message", () => {
    const withText = new Response("null", { status: 502, statusText: "Bad Gateway" });
    expect(
      errorFromResponse({ method: "GET", path: "/me", response: withText, body: null }).message,
    ).toBe("Bad Gateway (GET /me: HTTP 502)");
    expect(fromAnswer(500, ["not", "an", "object"]).message).toBe("API error (GET /me: HTTP 500)");
    expect(fromAnswer(500, { message: 42 }).message).toBe("API error (GET /me: HTTP 500)");
  });

  it("leaves out what the body does not have", () => {
    const error = fromAnswer(500, "just a string");
    expect(error.errorCode).toBeUndefined();
    expect(error.errorClass).toBeUndefined();
    expect(error.details).toBeUndefined();
    expect(error.queryId).toBeUndefined();
    expect(error.body).toBe("just a string");
  });
});

describe("describe", () => {
  it("says what, where and whom to ask", () => {
    expect(describeCall("gone", { method: "GET", path: "/me" })).toBe("gone (GET /me)");
    expect(describeCall("gone", { method: "GET", path: "/me", status: 404 })).toBe(
      "gone (GET /me: HTTP 404)",
    );
    expect(describeCall("gone", { method: "GET", path: "/me", queryId: "EU.1" })).toBe(
      "gone (GET /me: OVH-Query-ID: EU.1)",
    );
  });
});
