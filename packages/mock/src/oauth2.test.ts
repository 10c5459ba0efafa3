import { describe, expect, it } from "vitest";
import { createMockOvh } from "./mock.ts";
import { DEFAULT_TOKEN_LIFETIME, OAuth2Server } from "./oauth2.ts";
import { BASE, ORIGIN } from "./test-utils/requests.ts";

const TOKEN_URL = `${ORIGIN}/auth/oauth2/token`;
const FORM = "application/x-www-form-urlencoded";

const basic = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;

function tokenRequest(
  authorization: string | undefined,
  body = "grant_type=client_credentials&scope=all",
  init: { method?: string; type?: string } = {},
) {
  const headers: Record<string, string> = { "Content-Type": init.type ?? FORM };
  if (authorization !== undefined) headers.Authorization = authorization;
  return new Request(TOKEN_URL, { method: init.method ?? "POST", headers, body });
}

const bearerGet = (path: string, token: string) =>
  new Request(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } });

function setup(lifetime?: number) {
  let now = Date.UTC(2030, 0, 1);
  const mock = createMockOvh({ now: () => now, tokenLifetime: lifetime });
  const account = mock.addServiceAccount();
  const tick = (ms: number) => {
    now += ms;
  };
  const token = async () => {
    const response = await mock.handler(
      tokenRequest(basic(account.clientId, account.clientSecret)),
    );
    return (await response.json()).access_token as string;
  };
  return { mock, account, tick, token };
}

describe("the mock's OAuth2 token endpoint", () => {
  it("hands out a bearer token for a service account's client credentials", async () => {
    const { mock, account } = setup();
    const response = await mock.handler(
      tokenRequest(basic(account.clientId, account.clientSecret)),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = await response.json();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: "Bearer",
      expires_in: DEFAULT_TOKEN_LIFETIME,
      scope: "all",
    });
    expect(mock.requests.at(-1)).toMatchObject({ path: "/auth/oauth2/token", status: 200 });
  });

  it("also takes the credentials in the form (client_secret_post), and scope defaults to all", async () => {
    const mock = createMockOvh();
    const { clientId, clientSecret } = mock.addServiceAccount({
      clientId: "cid",
      clientSecret: "cs",
    });
    const form = `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`;
    const response = await mock.handler(tokenRequest(undefined, form));
    expect((await response.json()).scope).toBe("all");
  });

  it("refuses unknown clients and wrong secrets with invalid_client", async () => {
    const { mock, account } = setup();
    for (const authorization of [
      basic(account.clientId, "wrong"),
      basic("nobody", account.clientSecret),
      "Basic !!!",
      `Basic ${btoa("no-colon")}`,
      undefined,
    ]) {
      const response = await mock.handler(tokenRequest(authorization));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: "invalid_client",
        error_description: "Client authentication failed.",
      });
    }
  });

  it("refuses other grants, other scopes, other methods and other bodies", async () => {
    const { mock, account } = setup();
    const auth = basic(account.clientId, account.clientSecret);
    const cases = [
      [tokenRequest(auth, "grant_type=password"), 400, "unsupported_grant_type"],
      [tokenRequest(auth, "grant_type=client_credentials&scope=me"), 400, "invalid_scope"],
      [tokenRequest(auth, "{}", { type: "application/json" }), 400, "invalid_request"],
      [new Request(TOKEN_URL, { headers: { Authorization: auth } }), 405, "invalid_request"],
    ] as const;
    for (const [request, status, error] of cases) {
      const response = await mock.handler(request);
      expect(response.status).toBe(status);
      expect((await response.json()).error).toBe(error);
    }
  });

  it("answers the token endpoint's faults like any other path", async () => {
    const { mock, account } = setup();
    mock.faults.enqueue({ status: 503 }, { match: { path: "/auth/oauth2/token" } });
    const response = await mock.handler(
      tokenRequest(basic(account.clientId, account.clientSecret)),
    );
    expect(response.status).toBe(503);
  });
});

describe("bearer calls to the mock", () => {
  it("accepts a valid token on any signed route, without application key", async () => {
    const { mock, token } = setup();
    const response = await mock.handler(bearerGet("/me", await token()));
    expect(response.status).toBe(200);
    expect((await response.json()).nichandle).toBeDefined();
  });

  it("refuses a token past its lifetime, and an unknown one, with 401", async () => {
    const { mock, token, tick } = setup(60);
    const value = await token();
    tick(59_999);
    expect((await mock.handler(bearerGet("/me", value))).status).toBe(200);
    tick(1);
    const expired = await mock.handler(bearerGet("/me", value));
    expect(expired.status).toBe(401);
    expect((await expired.json()).message).toBe("The access token has expired");
    const unknown = await mock.handler(bearerGet("/me", "made-up"));
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).class).toBe("Client::Unauthorized");
  });

  it("refuses tokens it revoked, and hands out new ones with the lifetime set since", async () => {
    const { mock, token } = setup();
    const before = await token();
    mock.oauth2.revokeTokens();
    expect((await mock.handler(bearerGet("/me", before))).status).toBe(401);
    mock.oauth2.tokenLifetime = 5;
    expect(mock.oauth2.tokenLifetime).toBe(5);
    const response = await mock.handler(
      tokenRequest(
        basic(...(Object.values(mock.addServiceAccount({ clientId: "b" })) as [string, string])),
      ),
    );
    expect((await response.json()).expires_in).toBe(5);
  });

  it("leaves routes open to anyone (GET /auth/time) alone", async () => {
    const { mock } = setup();
    expect((await mock.handler(bearerGet("/auth/time", "made-up"))).status).toBe(200);
  });

  it("forgets service accounts and tokens on reset()", async () => {
    const { mock, account, token } = setup();
    const value = await token();
    mock.reset();
    expect((await mock.handler(bearerGet("/me", value))).status).toBe(401);
    const response = await mock.handler(
      tokenRequest(basic(account.clientId, account.clientSecret)),
    );
    expect(response.status).toBe(401);
  });
});

describe("OAuth2Server", () => {
  it("refuses bad lifetimes and bad or duplicate service accounts", () => {
    for (const bad of [0, -1, Number.NaN, "60"]) {
      expect(() => new OAuth2Server(bad as number)).toThrow(/tokenLifetime/);
    }
    const server = new OAuth2Server();
    expect(() => {
      server.tokenLifetime = 0;
    }).toThrow(/tokenLifetime/);
    expect(() => server.addServiceAccount({ clientId: "a:b" })).toThrow(/clientId/);
    expect(() => server.addServiceAccount({ clientSecret: "" })).toThrow(/clientSecret/);
    server.addServiceAccount({ clientId: "same" });
    expect(() => server.addServiceAccount({ clientId: "same" })).toThrow(/already registered/);
  });
});
