/**
 * The client with an OAuth2 service account, against the mock over real HTTP on 127.0.0.1.
 */
import { DEMO_APPLICATION_KEY, type MockOvh } from "@asyncovh/mock";
import type { MockServer } from "@asyncovh/mock/node";
import { type MockApi, startMockApi } from "@asyncovh/mock/testing";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Client } from "./client.ts";
import { APIError } from "./errors/api-error.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { OAuth2FailureError } from "./errors/oauth2-failure-error.ts";
import type { ClientEvent } from "./events.ts";
import type { ClientOptions } from "./types.ts";

const CLIENT_ID = "svc-asyncovh-tests";
const CLIENT_SECRET = "ServiceAccountSecretForTheMock01";

let api: MockApi<Client, ClientOptions>;
let mock: MockOvh;
let server: MockServer;
let sent: Request[];

beforeEach(async () => {
  api = await startMockApi(Client, { tokenLifetime: 3600 });
  ({ mock, server } = api);
  mock.addServiceAccount({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  sent = [];
});

afterEach(async () => {
  vi.useRealTimers();
  await api.stop();
});

const client = (options: ClientOptions = {}) =>
  new Client({
    endpoint: server.baseUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenUrl: `${server.origin}/auth/oauth2/token`,
    fetch: (input, init) => {
      sent.push(new Request(input, init));
      return fetch(input, init);
    },
    ...options,
  });

const log = () => mock.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
const tokenRequests = () => mock.requests.filter((r) => r.path === "/auth/oauth2/token");

describe("a client with an OAuth2 service account", () => {
  it("gets a token with the client-credentials grant, then calls with Authorization: Bearer", async () => {
    const me = await client().get<{ nichandle: string }>("/me");
    expect(me.nichandle).toBeTypeOf("string");
    expect(log()).toEqual(["POST /auth/oauth2/token 200", "GET /me 200"]);
    const call = sent.find((r) => r.url.endsWith("/1.0/me")) as Request;
    expect(call.headers.get("Authorization")).toMatch(/^Bearer eyJ/);
    // No signature, no application key, and no /auth/time: a bearer call needs no clock.
    for (const name of [
      "X-Ovh-Signature",
      "X-Ovh-Consumer",
      "X-Ovh-Timestamp",
      "X-Ovh-Application",
    ]) {
      expect(call.headers.get(name)).toBeNull();
    }
  });

  it("calls /v2 paths with the same token", async () => {
    const c = client();
    await c.get("/me");
    const resources = await c.get<unknown[]>("/v2/iam/resource");
    expect(resources.length).toBeGreaterThan(0);
    expect(tokenRequests()).toHaveLength(1);
  });

  it("fetches one token for 100 calls that start at the same moment", async () => {
    const c = client();
    const results = await Promise.all(Array.from({ length: 100 }, () => c.get("/me")));
    expect(results).toHaveLength(100);
    expect(tokenRequests()).toHaveLength(1);
    expect(mock.requests.filter((r) => r.path === "/me" && r.status === 200)).toHaveLength(100);
  });

  it("renews the token shortly before it expires, without a refused call", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2030, 0, 1) });
    mock.oauth2.tokenLifetime = 600;
    const c = client();
    await c.get("/me");
    vi.setSystemTime(Date.UTC(2030, 0, 1) + 530_000); // 70 s left: kept
    await c.get("/me");
    expect(tokenRequests()).toHaveLength(1);
    vi.setSystemTime(Date.UTC(2030, 0, 1) + 545_000); // 55 s left, under the margin: renewed
    await c.get("/me");
    expect(tokenRequests()).toHaveLength(2);
    expect(mock.requests.filter((r) => r.status === 401)).toHaveLength(0);
    const [first, second] = sent
      .filter((r) => r.url.endsWith("/1.0/me"))
      .map((r) => r.headers.get("Authorization"))
      .filter((v, i, all) => all.indexOf(v) === i);
    expect(first).not.toBe(second);
  });

  it("fetches a new token once after a 401 and repeats the call", async () => {
    const c = client();
    await c.get("/me");
    mock.oauth2.revokeTokens();
    await c.get("/me");
    expect(log()).toEqual([
      "POST /auth/oauth2/token 200",
      "GET /me 200",
      "GET /me 401",
      "POST /auth/oauth2/token 200",
      "GET /me 200",
    ]);
  });

  it("renews once when 100 calls are refused at the same moment", async () => {
    const c = client();
    await c.get("/me");
    mock.oauth2.revokeTokens();
    await Promise.all(Array.from({ length: 100 }, () => c.get("/me")));
    expect(tokenRequests()).toHaveLength(2);
  });

  it("reports a second 401 instead of looping", async () => {
    const c = client();
    await c.get("/me");
    mock.oauth2.revokeTokens();
    // The renewed token is refused too (a clock far behind the server's, say).
    mock.faults.enqueue({ status: 401 }, { match: { path: "/me" }, times: 2 });
    const error = await c.get("/me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(401);
    expect(tokenRequests()).toHaveLength(2);
  });

  it("turns a refused token request into an OAuth2FailureError without the secret", async () => {
    const error = await client({ clientSecret: "NotTheSecret" })
      .get("/me")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuth2FailureError);
    expect((error as OAuth2FailureError).errorCode).toBe("invalid_client");
    expect((error as OAuth2FailureError).status).toBe(401);
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain("NotTheSecret");
    expect(log()).toEqual(["POST /auth/oauth2/token 401"]);
  });

  it("tries the token request again on the next call after a failure", async () => {
    mock.faults.enqueue({ status: 503 }, { match: { path: "/auth/oauth2/token" } });
    const c = client();
    await expect(c.get("/me")).rejects.toBeInstanceOf(OAuth2FailureError);
    expect((await c.get<{ nichandle: string }>("/me")).nichandle).toBeTypeOf("string");
  });

  it("uses a given access token as it is, and cannot renew it", async () => {
    const token = await (
      await fetch(`${server.origin}/auth/oauth2/token`, {
        method: "POST",
        headers: {
          Authorization: `Basic ${btoa(`${CLIENT_ID}:${CLIENT_SECRET}`)}`,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      })
    ).json();
    const c = new Client({ endpoint: server.baseUrl, accessToken: token.access_token });
    await c.get("/me");
    mock.oauth2.revokeTokens();
    await expect(c.get("/me")).rejects.toMatchObject({ status: 401 });
    expect(tokenRequests()).toHaveLength(1);
  });

  it("keeps unsigned calls unsigned", async () => {
    expect(await client().get("/auth/time", undefined, { needAuth: false })).toBeTypeOf("number");
    expect(tokenRequests()).toHaveLength(0);
  });

  it("says what is wrong with a mixed or incomplete configuration, before any request", async () => {
    const mixed = client({ applicationKey: DEMO_APPLICATION_KEY, consumerKey: "ck" });
    await expect(mixed.init()).rejects.toThrow(
      /OAuth2 credentials \(clientId, clientSecret\) and application keys \(applicationKey, consumerKey\)/,
    );
    await expect(client({ clientSecret: undefined }).get("/me")).rejects.toThrow(
      /clientSecret is missing/,
    );
    await expect(client({ tokenUrl: undefined }).get("/me")).rejects.toThrow(InvalidConfiguration);
    await expect(
      new Client({ endpoint: "kimsufi-eu", clientId: "a", clientSecret: "b" }).init(),
    ).rejects.toThrow(/not available on endpoint "kimsufi-eu"/);
    expect(mock.requests).toHaveLength(0);
  });

  it("reports its token requests to onEvent, credentials redacted", async () => {
    const events: ClientEvent[] = [];
    await client({ onEvent: (event) => events.push(event) }).get("/me");
    const tokenUrl = `${server.origin}/auth/oauth2/token`;
    expect(events.map((e) => `${e.type} ${e.method} ${e.url}`)).toEqual([
      `request POST ${tokenUrl}`,
      `response POST ${tokenUrl}`,
      `request GET ${server.baseUrl}/me`,
      `response GET ${server.baseUrl}/me`,
    ]);
    expect(events[0]).toMatchObject({ headers: { authorization: "[redacted]" } });
    expect(events[1]).toMatchObject({ status: 200, durationMs: expect.any(Number) });
    const logged = JSON.stringify(events);
    expect(logged).not.toContain(CLIENT_SECRET);
    expect(logged).not.toContain(btoa(`${CLIENT_ID}:${CLIENT_SECRET}`));
    expect(logged).not.toMatch(/Bearer eyJ/);
  });

  it("shows the client id but never the secret or a token in logs", async () => {
    const c = client({ accessToken: "GivenTokenValue" });
    await c.init();
    const text = `${JSON.stringify(c)} ${String(c)}`;
    expect(c.toJSON()).toMatchObject({
      clientId: CLIENT_ID,
      clientSecret: "[redacted]",
      accessToken: "[redacted]",
    });
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain("GivenTokenValue");
  });
});
