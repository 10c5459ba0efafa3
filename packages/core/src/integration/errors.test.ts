/**
 * Each error class of the client, produced by a real answer of the mock over HTTP: the class
 * is chosen by status and `errorCode`, and carries what OVH said without any secret.
 */

import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY } from "@asyncovh/mock";
import { type MockApi, startMockApi } from "@asyncovh/mock/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  APIError,
  BadParametersError,
  Client,
  type ClientOptions,
  InvalidCredential,
  InvalidKey,
  InvalidResponse,
  NetworkError,
  NotCredential,
  NotGrantedCall,
  ResourceConflictError,
  ResourceNotFoundError,
} from "../index.ts";

let api: MockApi<Client, ClientOptions>;
beforeEach(async () => {
  api = await startMockApi(Client);
});
afterEach(() => api.stop());

/** The error a call rejects with (and fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<APIError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(APIError);
    return error as APIError;
  }
  throw new Error("The call was expected to fail.");
}

/** What every API error must carry, and never. */
function expectReported(error: APIError, status: number, errorCode: string | undefined) {
  expect(error.status).toBe(status);
  expect(error.errorCode).toBe(errorCode);
  expect(error.queryId).toMatch(/^EU\.ext-/);
  expect(error.message).toContain(error.queryId as string);
  const printed = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
  for (const secret of [DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY]) {
    expect(printed).not.toContain(secret);
  }
}

describe("errors from the mock's answers", () => {
  it("NotGrantedCall: a call outside the consumer key's rules", async () => {
    const consumerKey = api.mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [{ method: "GET", path: "/me" }],
    });
    const error = await failure(api.client({ consumerKey }).get("/me/bill"));
    expect(error).toBeInstanceOf(NotGrantedCall);
    expect(NotGrantedCall.is(error)).toBe(true);
    expectReported(error, 403, "NOT_GRANTED_CALL");
    expect(error.errorClass).toBe("Client::Forbidden");
    expect(error.message).toContain("This call has not been granted");
    expect(error.message).toContain("GET /me/bill");
  });

  it("NotCredential: an unknown consumer key", async () => {
    const error = await failure(api.client({ consumerKey: "u".repeat(32) }).get("/me"));
    expect(error).toBeInstanceOf(NotCredential);
    expectReported(error, 403, "NOT_CREDENTIAL");
    expect(error.message).not.toContain("u".repeat(32));
  });

  it("InvalidKey: an unknown application key", async () => {
    const error = await failure(api.client({ applicationKey: "unknownAppKey123" }).get("/me"));
    expect(error).toBeInstanceOf(InvalidKey);
    expectReported(error, 403, "INVALID_KEY");
  });

  it("InvalidCredential: a consumer key that is not validated", async () => {
    const consumerKey = api.mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [{ method: "GET", path: "/*" }],
      validated: false,
    });
    const error = await failure(api.client({ consumerKey }).get("/me"));
    expect(error).toBeInstanceOf(InvalidCredential);
    expectReported(error, 403, "INVALID_CREDENTIAL");
  });

  it("ResourceNotFoundError: an object that does not exist, and a path that does not", async () => {
    const client = api.client();
    const object = await failure(client.get("/me/bill/FR0"));
    expect(object).toBeInstanceOf(ResourceNotFoundError);
    expectReported(object, 404, undefined);
    expect(object.errorClass).toBe("Client::NotFound");
    expect(object.message).toContain("The requested object (billId = FR0) does not exist");
    const path = await failure(client.get("/no/such/api"));
    expect(path).toBeInstanceOf(ResourceNotFoundError);
    expect(path.message).toContain("Got an invalid (or empty) URL");
  });

  it("BadParametersError: an invalid parameter, and a bad signature", async () => {
    const parameter = await failure(
      api.client().put("/dedicated/server/ns3001234.ip-51-38-10.eu/burst", { status: "turbo" }),
    );
    expect(parameter).toBeInstanceOf(BadParametersError);
    expectReported(parameter, 400, undefined);
    expect(parameter.errorClass).toBe("Client::BadRequest");
    const signature = await failure(api.client({ applicationSecret: "w".repeat(32) }).get("/me"));
    expect(signature).toBeInstanceOf(BadParametersError);
    expectReported(signature, 400, "INVALID_SIGNATURE");
    expect(signature.message).not.toContain("w".repeat(32));
  });

  it("ResourceConflictError: a redirection that already exists", async () => {
    const error = await failure(
      api.client().post("/email/domain/example.com/redirection", {
        _from: "info@example.com",
        to: "ada@example.net",
        localCopy: false,
      }),
    );
    expect(error).toBeInstanceOf(ResourceConflictError);
    expectReported(error, 409, undefined);
  });

  it("InvalidResponse: an answer that is not JSON", async () => {
    api.mock.faults.enqueue(
      { status: 200, body: "<html>maintenance</html>" },
      { match: { path: "/me" } },
    );
    const error = await failure(api.client().get("/me"));
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error.status).toBe(200);
    expect(error.queryId).toMatch(/^EU\.ext-/);
  });

  it("InvalidResponse: an answer cut short", async () => {
    api.mock.faults.enqueue({ truncate: true }, { match: { path: "/me" } });
    const error = await failure(api.client().get("/me"));
    expect(error).toBeInstanceOf(InvalidResponse);
  });

  it("NetworkError: a connection dropped before any answer", async () => {
    api.mock.faults.enqueue({ drop: true }, { match: { path: "/me" } });
    const error = await failure(api.client({ retry: 0 }).get("/me"));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.status).toBeUndefined();
    expect(error.message).toContain("GET /me");
  });

  it("NetworkError: a connection cut in the middle of the body", async () => {
    api.mock.faults.enqueue({ interrupt: true }, { match: { path: "/me" } });
    const error = await failure(api.client({ retry: 0 }).get("/me"));
    expect(error).toBeInstanceOf(NetworkError);
  });

  it("APIError: a status without a class of its own (503, 401), status and body kept", async () => {
    api.mock.faults.enqueue({ status: 503 }, { match: { path: "/me" } });
    const unavailable = await failure(api.client({ retry: 0 }).get("/me"));
    expect(unavailable.constructor).toBe(APIError);
    expectReported(unavailable, 503, undefined);
    expect(unavailable.errorClass).toBe("Server::ServiceUnavailable");
    const login = await failure(api.client().get("/me", undefined, { needAuth: false }));
    expectReported(login, 401, "NOT_AUTHENTICATED");
  });
});
