import {
  Client,
  type ClientOptions,
  type FetchLike,
  InvalidConfiguration,
  NotGrantedCall,
  ResourceNotFoundError,
} from "@asyncovh/core";
import {
  DEMO_APPLICATION_KEY,
  DEMO_APPLICATION_SECRET,
  DEMO_CONSUMER_KEY,
  type MockOvh,
} from "@asyncovh/mock";
import { type MockServer, serve } from "@asyncovh/mock/node";
import { type MockApi, startMockApi } from "@asyncovh/mock/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSigningProxy, type SigningProxyOptions } from "./signing-proxy.ts";

const DASHBOARD = "http://dashboard.test";
const ALLOW = [
  { method: "GET", path: "/me" },
  { method: "GET", path: "/email/domain/*" },
  { method: "POST", path: "/email/domain/*/redirection" },
  { method: "POST", path: "/auth/credential" },
];

let served: MockApi<Client, ClientOptions>;
let mock: MockOvh;
let api: MockServer;
let proxy: MockServer | undefined;
/** What the proxy sent to the API, as the API received it. */
let sent: Request[];

const recording: FetchLike = async (input, init) => {
  sent.push(new Request(input, init));
  return fetch(input, init);
};

/** The client the proxy signs with: it alone holds the secret. */
const signer = (options: ClientOptions = {}) => served.client({ fetch: recording, ...options });

/** Serves a proxy over HTTP; returns a page's client of it, which holds no secret. */
async function servedProxy(options: Partial<SigningProxyOptions> = {}) {
  const handler = createSigningProxy({
    client: signer(),
    allow: ALLOW,
    allowedOrigins: [DASHBOARD],
    basePath: "/api",
    ...options,
  });
  proxy = await serve(handler);
  const page = new Client({ endpoint: `${proxy.origin}/api`, needAuth: false });
  return { handler, page, origin: proxy.origin };
}

beforeEach(async () => {
  served = await startMockApi(Client);
  ({ mock, server: api } = served);
  sent = [];
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await served.stop();
});

describe("a page's client pointed at the proxy", () => {
  it("gets signed answers without holding any secret", async () => {
    const { page } = await servedProxy();
    const me = await page.get<{ nichandle: string }>("/me");
    expect(me.nichandle).toBe("la12345-ovh");

    const [time, call] = sent;
    expect(new URL(time?.url as string).pathname).toBe("/1.0/auth/time");
    expect(call?.url).toBe(`${api.baseUrl}/me`);
    expect(call?.headers.get("X-Ovh-Application")).toBe(DEMO_APPLICATION_KEY);
    expect(call?.headers.get("X-Ovh-Consumer")).toBe(DEMO_CONSUMER_KEY);
    expect(call?.headers.get("X-Ovh-Signature")).toMatch(/^\$1\$[0-9a-f]{40}$/);
    expect(JSON.stringify(page.toJSON())).not.toMatch(/redacted/);
  });

  it("posts bodies as sent, `_from` included, and keeps the query string", async () => {
    const { page } = await servedProxy();
    await page.post("/email/domain/example.com/redirection", {
      _from: "sales@example.com",
      to: "contact@example.org",
      localCopy: false,
    });
    const ids = await page.get<string[]>("/email/domain/example.com/redirection", {
      from: "sales@example.com",
    });
    expect(ids).toHaveLength(1);

    const post = sent.find((r) => r.method === "POST") as Request;
    expect(await post.text()).toBe(
      '{"from":"sales@example.com","to":"contact@example.org","localCopy":false}',
    );
    expect(sent.at(-1)?.url).toBe(
      `${api.baseUrl}/email/domain/example.com/redirection?from=sales%40example.com`,
    );
  });

  it("receives the API's errors, mapped to the same classes", async () => {
    const { page } = await servedProxy();
    const error = await page.get("/email/domain/nope.example").catch((e: unknown) => e);
    expect(ResourceNotFoundError.is(error)).toBe(true);
    expect(error).toBeInstanceOf(ResourceNotFoundError);
    expect((error as ResourceNotFoundError).queryId).toMatch(/\S/);
  });

  it("requests consumer keys unsigned, as OVH expects", async () => {
    const { page } = await servedProxy();
    const request = page.newConsumerKeyRequest();
    request.addRules(["GET"], "/me");
    const { consumerKey, validationUrl } = await request.request();
    expect(consumerKey).toMatch(/\S/);
    expect(validationUrl).toContain(api.origin);
    const credential = sent.find((r) => r.url.endsWith("/auth/credential")) as Request;
    expect(credential.headers.get("X-Ovh-Application")).toBe(DEMO_APPLICATION_KEY);
    expect(credential.headers.has("X-Ovh-Signature")).toBe(false);
    expect(credential.headers.has("X-Ovh-Consumer")).toBe(false);
  });
});

describe("access rules", () => {
  it("refuse a call they do not allow with NOT_GRANTED_CALL, before it leaves the proxy", async () => {
    const { page } = await servedProxy();
    const refused = page.get("/me/bill");
    await expect(refused).rejects.toBeInstanceOf(NotGrantedCall);
    await expect(refused).rejects.toThrow("This proxy does not forward GET /me/bill.");
    const del = page.delete("/email/domain/example.com/redirection/1");
    await expect(del).rejects.toBeInstanceOf(NotGrantedCall);
    expect(sent).toEqual([]);
    expect(mock.requests).toEqual([]);
  });

  it("match `*` across slashes, like consumer keys", async () => {
    const { page } = await servedProxy({ allow: [{ method: "GET", path: "/email/*" }] });
    expect(await page.get("/email/domain/example.com/redirection")).toEqual(expect.any(Array));
    await expect(page.get("/email")).rejects.toBeInstanceOf(NotGrantedCall);
  });
});

describe("headers sent by the caller", () => {
  it("never reach the API when they carry credentials: X-Ovh-*, cookies, Authorization", async () => {
    const { origin } = await servedProxy();
    const response = await fetch(`${origin}/api/me`, {
      headers: {
        "X-Ovh-Application": "someone-elses-key",
        "X-Ovh-Consumer": "someone-elses-consumer-key",
        "X-Ovh-Timestamp": "1",
        "X-Ovh-Signature": "$1$0000",
        Cookie: "session=abc",
        Authorization: "Bearer abc",
        "Accept-Language": "fr-FR",
      },
    });
    expect(response.status).toBe(200);
    const call = sent.at(-1) as Request;
    expect(call.headers.get("X-Ovh-Application")).toBe(DEMO_APPLICATION_KEY);
    expect(call.headers.get("X-Ovh-Consumer")).toBe(DEMO_CONSUMER_KEY);
    expect(call.headers.get("X-Ovh-Timestamp")).not.toBe("1");
    expect(call.headers.has("Cookie")).toBe(false);
    expect(call.headers.has("Authorization")).toBe(false);
    expect(call.headers.get("Accept-Language")).toBe("fr-FR");
  });
});

describe("CORS", () => {
  const preflight = (origin: string) =>
    new Request("http://proxy.test/api/email/domain/example.com/redirection", {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });

  it("answers the preflight of a configured origin", async () => {
    const { handler } = await servedProxy();
    const response = await handler(preflight(DASHBOARD));
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(DASHBOARD);
    expect(response.headers.get("Access-Control-Allow-Methods")).toContain("POST");
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("Content-Type");
    expect(response.headers.get("Vary")).toBe("Origin");
  });

  it("refuses other origins, preflight or not, without calling the API", async () => {
    const { handler } = await servedProxy();
    const refusedPreflight = await handler(preflight("http://evil.test"));
    expect(refusedPreflight.status).toBe(403);
    expect(refusedPreflight.headers.has("Access-Control-Allow-Origin")).toBe(false);
    const refused = await handler(
      new Request("http://proxy.test/api/me", { headers: { Origin: "http://evil.test" } }),
    );
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ errorCode: "FORBIDDEN_ORIGIN" });
    expect(sent).toEqual([]);
  });

  it("lets pages of a configured origin read the answer and its query id", async () => {
    const { origin } = await servedProxy();
    const response = await fetch(`${origin}/api/me`, { headers: { Origin: DASHBOARD } });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(DASHBOARD);
    expect(response.headers.get("Access-Control-Expose-Headers")).toContain("X-Ovh-QueryID");
    expect(response.headers.get("X-Ovh-QueryID")).toMatch(/\S/);
  });

  it("accepts any origin with `*`, and the proxy's own origin without listing", async () => {
    const { origin } = await servedProxy({ allowedOrigins: ["*"] });
    const any = await fetch(`${origin}/api/me`, { headers: { Origin: "http://any.test" } });
    expect(any.headers.get("Access-Control-Allow-Origin")).toBe("http://any.test");
    await proxy?.close();
    const own = await servedProxy({ allowedOrigins: [] });
    const same = await fetch(`${own.origin}/api/me`, { headers: { Origin: own.origin } });
    expect(same.status).toBe(200);
  });

  it("answers OPTIONS without an origin with the allowed methods", async () => {
    const { handler } = await servedProxy();
    const response = await handler(new Request("http://proxy.test/api/me", { method: "OPTIONS" }));
    expect(response.status).toBe(204);
    expect(response.headers.get("Allow")).toContain("GET");
  });
});

describe("requests the proxy refuses itself", () => {
  it("outside its base path: 404", async () => {
    const { handler } = await servedProxy();
    const response = await handler(new Request("http://proxy.test/other/me"));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ errorCode: "NOT_FOUND" });
  });

  it("refused by the application's authorize hook: 401", async () => {
    const { origin } = await servedProxy({
      authorize: (request) => request.headers.get("X-Dashboard-Session") === "valid",
    });
    expect((await fetch(`${origin}/api/me`)).status).toBe(401);
    const allowed = await fetch(`${origin}/api/me`, {
      headers: { "X-Dashboard-Session": "valid" },
    });
    expect(allowed.status).toBe(200);
  });

  it("with a body that is not JSON: 400", async () => {
    const { origin } = await servedProxy();
    const response = await fetch(`${origin}/api/email/domain/example.com/redirection`, {
      method: "POST",
      body: "from=a",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: "INVALID_BODY" });
  });

  it("when the proxy itself lacks credentials: 500, naming what is missing but no secret", async () => {
    const handler = createSigningProxy({
      client: signer({ consumerKey: undefined }),
      allow: ALLOW,
    });
    const response = await handler(new Request("http://proxy.test/me"));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toMatchObject({ errorCode: "InvalidKey" });
    expect(body.message).toContain("consumer key");
    expect(JSON.stringify(body)).not.toContain(DEMO_APPLICATION_SECRET);
  });

  it("when the API cannot be reached: 502", async () => {
    const closed = await startMockApi(Client);
    await closed.stop();
    const handler = createSigningProxy({
      client: signer({ endpoint: closed.baseUrl, timeDelta: 0 }),
      allow: ALLOW,
    });
    const response = await handler(new Request("http://proxy.test/me"));
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ errorCode: "NetworkError" });
  });

  it("with a path the client refuses: 400", async () => {
    const handler = createSigningProxy({
      client: signer(),
      allow: [{ method: "GET", path: "/*" }],
    });
    const response = await handler(new Request("http://proxy.test//me"));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: "InvalidConfiguration" });
  });
});

describe("createSigningProxy", () => {
  it.each([
    ["no client", { allow: ALLOW }, /needs `client`/],
    ["an object that is not a client", { client: {} as Client, allow: ALLOW }, /needs `client`/],
    ["no allow list", { client: new Client() }, /needs `allow`/],
    ["a relative base path", { client: new Client(), allow: [], basePath: "api" }, /basePath/],
  ])("refuses %s", (_name, options, message) => {
    const build = () => createSigningProxy(options as SigningProxyOptions);
    expect(build).toThrow(InvalidConfiguration);
    expect(build).toThrow(message);
  });
});
