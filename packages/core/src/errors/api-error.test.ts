import { describe, expect, it } from "vitest";
import * as errors from "./index.ts";
import {
  APIError,
  BadParametersError,
  Forbidden,
  HTTPError,
  InvalidConfiguration,
  InvalidCredential,
  InvalidKey,
  InvalidRegion,
  InvalidResponse,
  isAPIError,
  NetworkError,
  NotCredential,
  NotGrantedCall,
  OAuth2FailureError,
  ReadOnlyError,
  RequestAbortedError,
  RequestTimeoutError,
  ResourceConflictError,
  ResourceExpiredError,
  ResourceNotFoundError,
} from "./index.ts";

const KINDS = Symbol.for("asyncovh.errorKinds");

// Every error class, with the names of its ancestors up to APIError.
const LINEAGE = [
  [APIError, ["APIError"]],
  [BadParametersError, ["BadParametersError", "APIError"]],
  [Forbidden, ["Forbidden", "APIError"]],
  [HTTPError, ["HTTPError", "APIError"]],
  [InvalidConfiguration, ["InvalidConfiguration", "APIError"]],
  [InvalidCredential, ["InvalidCredential", "APIError"]],
  [InvalidKey, ["InvalidKey", "APIError"]],
  [InvalidRegion, ["InvalidRegion", "APIError"]],
  [InvalidResponse, ["InvalidResponse", "APIError"]],
  [NetworkError, ["NetworkError", "APIError"]],
  [NotCredential, ["NotCredential", "APIError"]],
  [NotGrantedCall, ["NotGrantedCall", "APIError"]],
  [OAuth2FailureError, ["OAuth2FailureError", "APIError"]],
  [ReadOnlyError, ["ReadOnlyError", "APIError"]],
  [RequestAbortedError, ["RequestAbortedError", "APIError"]],
  [RequestTimeoutError, ["RequestTimeoutError", "NetworkError", "APIError"]],
  [ResourceConflictError, ["ResourceConflictError", "APIError"]],
  [ResourceExpiredError, ["ResourceExpiredError", "APIError"]],
  [ResourceNotFoundError, ["ResourceNotFoundError", "APIError"]],
] as const;

describe("the error classes", () => {
  it("are all listed here, each exported under its own name", () => {
    const exported = Object.entries(errors).filter(
      ([, value]) => typeof value === "function" && value.prototype instanceof Error,
    );
    expect(exported.map(([name]) => name).sort()).toEqual(
      LINEAGE.map(([Class]) => Class.name).sort(),
    );
    for (const [name, Class] of exported) expect((Class as typeof APIError).errorName).toBe(name);
  });

  it.each(LINEAGE)("%o has the name, lineage and guards of its kind", (Class, names) => {
    const error = new Class("it failed");
    expect(error.name).toBe(names[0]);
    expect(error.message).toBe("it failed");
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(Class);
    expect((error as unknown as Record<symbol, unknown>)[KINDS]).toEqual(names);
    expect(Class.is(error)).toBe(true);
    expect(APIError.is(error)).toBe(true);
    expect(isAPIError(error)).toBe(true);
    // No other class claims it, except its ancestors.
    for (const [Other] of LINEAGE) {
      expect(Other.is(error)).toBe(names.includes(Other.errorName as never));
      expect(error instanceof Other).toBe(names.includes(Other.errorName as never));
    }
  });

  it("makes a RequestTimeoutError a NetworkError", () => {
    const error = new RequestTimeoutError("slow");
    expect(error).toBeInstanceOf(NetworkError);
    expect(NetworkError.is(error)).toBe(true);
    expect(RequestTimeoutError.is(new NetworkError("down"))).toBe(false);
  });

  it("does not take a parent for one of its children", () => {
    expect(NotGrantedCall.is(new APIError("x"))).toBe(false);
    expect(InvalidKey.is(new Forbidden("x"))).toBe(false);
  });

  it("names a subclass without an errorName of its own after its parent", () => {
    class QuotaExceeded extends NotGrantedCall {}
    const error = new QuotaExceeded("quota");
    expect(error.name).toBe("NotGrantedCall");
    expect(NotGrantedCall.is(error)).toBe(true);
    expect(APIError.is(error)).toBe(true);
    expect(error).toBeInstanceOf(QuotaExceeded);
  });

  it("names a subclass with its own errorName after itself", () => {
    class QuotaExceeded extends NotGrantedCall {
      static override readonly errorName: string = "QuotaExceeded";
    }
    const error = new QuotaExceeded("quota");
    expect(error.name).toBe("QuotaExceeded");
    expect(QuotaExceeded.is(error)).toBe(true);
    expect(QuotaExceeded.is(new NotGrantedCall("x"))).toBe(false);
    expect(NotGrantedCall.is(error)).toBe(true);
  });
});

describe("APIError.is across realms and copies of the package", () => {
  // What an error thrown by another copy of asyncovh, or in another realm, looks like here.
  const foreign = (kinds: unknown) => ({ name: "x", message: "y", [KINDS]: kinds });

  it("recognises a foreign error by the kinds it carries", () => {
    const value = foreign(["RequestTimeoutError", "NetworkError", "APIError"]);
    expect(value instanceof APIError).toBe(false);
    expect(APIError.is(value)).toBe(true);
    expect(isAPIError(value)).toBe(true);
    expect(NetworkError.is(value)).toBe(true);
    expect(RequestTimeoutError.is(value)).toBe(true);
    expect(NotGrantedCall.is(value)).toBe(false);
  });

  it("refuses values without the kinds", () => {
    for (const value of [
      undefined,
      null,
      0,
      "APIError",
      new Error("plain"),
      { name: "APIError", message: "looks like one" },
      foreign("APIError"),
      foreign({ 0: "APIError", length: 1 }),
    ]) {
      expect(APIError.is(value)).toBe(false);
      expect(isAPIError(value)).toBe(false);
    }
  });
});

describe("APIError", () => {
  const response = new Response('{"message":"x"}', {
    status: 404,
    headers: { "X-Ovh-QueryID": "EU.ext-1.abc" },
  });
  const init = {
    status: 404,
    errorCode: "NOT_FOUND",
    errorClass: "Client::NotFound",
    details: { id: 42 },
    queryId: "EU.ext-1.abc",
    body: { message: "x", class: "Client::NotFound" },
    method: "GET",
    path: "/me/bill/42",
    response,
  };

  it("carries what OVH said and where", () => {
    const error = new ResourceNotFoundError("gone", init);
    expect(error.status).toBe(404);
    expect(error.errorCode).toBe("NOT_FOUND");
    expect(error.errorClass).toBe("Client::NotFound");
    expect(error.details).toEqual({ id: 42 });
    expect(error.queryId).toBe("EU.ext-1.abc");
    expect(error.body).toEqual({ message: "x", class: "Client::NotFound" });
    expect(error.method).toBe("GET");
    expect(error.path).toBe("/me/bill/42");
    expect(error.response).toBe(response);
  });

  it("keeps the response out of enumeration, so logs stay short", () => {
    const error = new APIError("x", init);
    expect(Object.keys(error)).not.toContain("response");
    expect(Object.getOwnPropertyDescriptor(error, "response")?.enumerable).toBe(false);
  });

  it("leaves every field undefined without an init", () => {
    const error = new APIError("bare");
    expect([
      error.status,
      error.errorCode,
      error.errorClass,
      error.details,
      error.queryId,
      error.body,
      error.method,
      error.path,
      error.response,
    ]).toEqual(Array(9).fill(undefined));
    expect("cause" in error).toBe(false);
  });

  it("keeps a cause", () => {
    const cause = new TypeError("fetch failed");
    expect(new NetworkError("down", { cause }).cause).toBe(cause);
  });

  it("serializes to JSON without the response or the body", () => {
    const error = new ResourceNotFoundError("gone", init);
    expect(error.toJSON()).toEqual({
      name: "ResourceNotFoundError",
      message: "gone",
      status: 404,
      errorCode: "NOT_FOUND",
      errorClass: "Client::NotFound",
      details: { id: 42 },
      queryId: "EU.ext-1.abc",
      method: "GET",
      path: "/me/bill/42",
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual(JSON.parse(JSON.stringify(error.toJSON())));
  });
});
