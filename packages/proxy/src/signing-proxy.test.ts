import { request as httpRequest } from "node:http";
import {
  Client,
  type ClientOptions,
  type FetchLike,
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

/**
 * Serves a proxy over HTTP; returns a page's client of it, which holds no secret. Public unless
 * the options say otherwise: most tests here are about what it forwards, not to whom.
 */
async function servedProxy(options: Partial<SigningProxyOptions> = {}) {
  const handler = createSigningProxy({
    client: signer(),
    allow: ALLOW,
    allowedOrigins: [DASHBOARD],
    basePath: "/api",
    ...(options.authorize === undefined ? { public: true } : {}),
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

describe("an API error that echoes the owner's credentials", () => {
  it("reaches the page scrubbed of the consumer key and the signature", async () => {
    const echoed: string[] = [];
    const echoing: FetchLike = async (input, init) => {
      const request = new Request(input, init);
      if (!request.url.endsWith("/me")) return fetch(request);
      const consumer = request.headers.get("X-Ovh-Consumer") ?? "";
      const signature = request.headers.get("X-Ovh-Signature") ?? "";
      echoed.push(consumer, signature);
      return Response.json(
        { message: `Consumer ${consumer} signed ${signature}` },
        { status: 403 },
      );
    };
    const { handler } = await servedProxy({ client: signer({ fetch: echoing }) });
    const answer = await handler(new Request("http://proxy.test/api/me"));
    expect(answer.status).toBe(403);
    const text = await answer.text();
    expect(echoed[0]).toBe(DEMO_CONSUMER_KEY);
    for (const secret of echoed) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toEqual({ message: "Consumer [redacted] signed [redacted]" });
  });
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
      public: true,
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
      public: true,
    });
    const response = await handler(new Request("http://proxy.test/me"));
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ errorCode: "NetworkError" });
  });

  it("with a path the client refuses: 400", async () => {
    const handler = createSigningProxy({
      client: signer(),
      allow: [{ method: "GET", path: "/*" }],
      public: true,
    });
    // A backslash stays as it is in a URL's query, and the client refuses it.
    const response = await handler(new Request("http://proxy.test/me?x=a\\b"));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: "InvalidConfiguration" });
    expect(sent).toEqual([]);
  });
});

/** Sends a request as written, path included (fetch would resolve `..` and `//` first). */
function raw(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, method, path, headers }, (response) => {
      let text = "";
      response.on("data", (chunk) => {
        text += chunk;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, json: text ? JSON.parse(text) : {} }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

/** The calls of ALLOW, one concrete request each. */
const ALLOWED_CALLS: readonly [string, string, string?][] = [
  ["GET", "/me"],
  ["GET", "/email/domain/example.com"],
  [
    "POST",
    "/email/domain/example.com/redirection",
    '{"from":"a@example.com","to":"x@evil.test","localCopy":false}',
  ],
  ["POST", "/auth/credential", '{"accessRules":[{"method":"GET","path":"/*"}]}'],
];

const TOKEN = "Bearer 5b6f0c1e-dashboard-session";
const byToken = (request: Request) => request.headers.get("Authorization") === TOKEN;

describe("the caller check", () => {
  it.each(
    ALLOWED_CALLS,
  )("refuses an anonymous %s %s with 401, and calls nothing", async (method, path, body) => {
    const { origin } = await servedProxy({ authorize: byToken });
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: "Bearer wrong" },
      { Cookie: "session=1" },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${origin}/api${path}`, { method, body, headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ errorCode: "NOT_AUTHORIZED" });
    }
    expect(sent).toEqual([]);
    expect(mock.requests).toEqual([]);
  });

  it("lets the caller it accepts make every allowed call, and keeps its credential", async () => {
    const { origin } = await servedProxy({ authorize: byToken });
    for (const [method, path, body] of ALLOWED_CALLS) {
      const response = await fetch(`${origin}/api${path}`, {
        method,
        body,
        headers: { Authorization: TOKEN, "Content-Type": "application/json" },
      });
      expect(response.status, `${method} ${path}`).toBe(200);
    }
    expect(sent.some((request) => request.headers.has("Authorization"))).toBe(false);
  });

  it("runs before the access rules, so that an anonymous caller learns none of them", async () => {
    const { origin } = await servedProxy({ authorize: byToken });
    expect((await fetch(`${origin}/api/me/bill`)).status).toBe(401);
    const granted = await fetch(`${origin}/api/me/bill`, { headers: { Authorization: TOKEN } });
    expect(granted.status).toBe(403);
  });

  it.each([
    ["a truthy value that is not true", () => "yes"],
    ["an object", () => ({ user: "admin" })],
    ["a promise of 1", async () => 1],
    [
      "a throw",
      () => {
        throw new Error("token expired");
      },
    ],
    ["a rejection", () => Promise.reject(new Error("no session store"))],
  ])("takes %s for a refusal", async (_name, authorize) => {
    const { origin } = await servedProxy({ authorize: authorize as never });
    expect((await fetch(`${origin}/api/me`)).status).toBe(401);
    expect(sent).toEqual([]);
  });

  it("is told the method and the API path of the call", async () => {
    const calls: unknown[] = [];
    const { origin } = await servedProxy({
      authorize: (_request, call) => {
        calls.push(call);
        return true;
      },
    });
    await fetch(`${origin}/api/email/domain/example.com?x=1`);
    expect(calls).toEqual([{ method: "GET", path: "/email/domain/example.com" }]);
  });
});

describe("request bodies", () => {
  const redirection = (size: number) => {
    const json = '{"from":"a@example.com","to":"b@example.org","localCopy":false}';
    return json.padEnd(size, " ");
  };
  const post = (origin: string, body: BodyInit, init: RequestInit = {}) =>
    fetch(`${origin}/api/email/domain/example.com/redirection`, {
      method: "POST",
      body,
      ...init,
    } as RequestInit);

  it("are forwarded up to 1 MiB, that size included", async () => {
    const { origin } = await servedProxy();
    expect((await post(origin, redirection(1024 * 1024))).status).toBe(200);
    expect(sent.filter((request) => request.method === "POST")).toHaveLength(1);
  });

  it("get 413 past 1 MiB, announced by Content-Length, and are not forwarded", async () => {
    const { origin } = await servedProxy();
    const response = await post(origin, redirection(1024 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errorCode: "BODY_TOO_LARGE" });
    expect(sent).toEqual([]);
  });

  it("get 413 past the cap when chunked, without Content-Length, whatever their length", async () => {
    const { origin } = await servedProxy();
    let pulled = 0;
    // 64 MiB on offer: the proxy must stop reading long before.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 64 * 1024 * 1024) return controller.close();
        pulled += 64 * 1024;
        controller.enqueue(new TextEncoder().encode(" ".repeat(64 * 1024)));
      },
    });
    const response = await post(origin, body, { duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toEqual([]);
    expect(pulled).toBeLessThan(8 * 1024 * 1024);
  });

  it("are held to maxBodySize, lying Content-Length or not", async () => {
    const { origin, handler } = await servedProxy({ maxBodySize: 100 });
    expect((await post(origin, redirection(100))).status).toBe(200);
    expect((await post(origin, redirection(101))).status).toBe(413);
    const lying = new Request("http://proxy.test/api/email/domain/example.com/redirection", {
      method: "POST",
      headers: { "Content-Length": "10" },
      body: new Blob([redirection(4096)]).stream(),
      duplex: "half",
    } as RequestInit);
    expect((await handler(lying)).status).toBe(413);
    expect(sent.filter((request) => request.method === "POST")).toHaveLength(1);
  });

  it("get 400 when they are not UTF-8 JSON, or JSON the client cannot send", async () => {
    const { origin } = await servedProxy();
    expect((await post(origin, new Uint8Array([0x7b, 0xff, 0x7d]))).status).toBe(400);
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    const response = await post(origin, deep);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: "InvalidConfiguration" });
    expect(sent).toEqual([]);
  });

  it("are not forwarded with a method that takes none", async () => {
    const { origin } = await servedProxy({
      allow: [{ method: "DELETE", path: "/email/domain/*/redirection/*" }],
    });
    const ids = await mock.handler(
      new Request(`${api.baseUrl}/email/domain/example.com/redirection`),
    );
    expect(ids.status).toBe(401);
    const response = await fetch(`${origin}/api/email/domain/example.com/redirection/1`, {
      method: "DELETE",
      body: '{"smuggled":true}',
    });
    expect(response.status).toBe(404);
    const call = sent.at(-1) as Request;
    expect(call.method).toBe("DELETE");
    expect(call.body).toBeNull();
  });
});

describe("pages of other sites", () => {
  const EVIL = "http://evil.test";
  const cases = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"].flatMap((method) =>
    [
      "/api/me",
      "/api/email/domain/example.com/redirection",
      "/api/me/bill",
      "/elsewhere",
      "/api//me",
    ].map((path) => [method, path] as const),
  );

  it.each(cases)("get 403 for %s %s, signed-in user or not", async (method, path) => {
    const { origin } = await servedProxy({ authorize: () => true });
    const body = ["POST", "PUT", "PATCH"].includes(method) ? "{}" : undefined;
    for (const headers of [
      { Origin: EVIL },
      { Origin: "null" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
    ] as Record<string, string>[]) {
      const response = await raw(
        origin,
        method,
        path,
        { ...headers, Cookie: "session=valid" },
        body,
      );
      expect(response.status, JSON.stringify(headers)).toBe(403);
      if (method !== "HEAD") expect(response.json).toMatchObject({ errorCode: "FORBIDDEN_ORIGIN" });
    }
    expect(sent).toEqual([]);
  });

  it("are told apart from the proxy's own pages and the configured origins", async () => {
    const { origin } = await servedProxy({ authorize: () => true });
    for (const [index, headers] of (
      [
        { Origin: DASHBOARD },
        { Origin: origin },
        { "Sec-Fetch-Site": "same-origin" },
        // A page of its own under `Referrer-Policy: no-referrer`, as Chromium sends its POSTs.
        { "Sec-Fetch-Site": "same-origin", Origin: "null" },
        { "Sec-Fetch-Site": "none" },
        {},
      ] as Record<string, string>[]
    ).entries()) {
      const response = await fetch(`${origin}/api/email/domain/example.com/redirection`, {
        method: "POST",
        headers,
        body: `{"from":"a${index}@example.com","to":"b@example.org","localCopy":false}`,
      });
      expect(response.status, JSON.stringify(headers)).toBe(200);
    }
  });

  it("let a configured origin's page send its cookies and its bearer token", async () => {
    const { handler } = await servedProxy({ authorize: () => true });
    const response = await handler(
      new Request("http://proxy.test/api/me", {
        method: "OPTIONS",
        headers: {
          Origin: DASHBOARD,
          "Access-Control-Request-Method": "GET",
          "Access-Control-Request-Headers": "authorization",
        },
      }),
    );
    expect(response.headers.get("Access-Control-Allow-Credentials")).toBe("true");
    expect(response.headers.get("Access-Control-Allow-Headers")).toContain("Authorization");
  });
});

describe("paths that try to leave the rules", () => {
  it.each([
    ["/api/../auth/credential", 404],
    ["/api/%2e%2e/auth/credential", 404],
    ["/api/me/../../auth/credential", 404],
    ["/apiary/me", 404],
    ["/api/email/domain/x%2F..%2F..%2Fauth%2Fcredential", 400],
    ["/api/email/domain/x%5C..%5C..%5Cauth%5Ccredential", 400],
    ["/api/email/domain/..;/..;/auth/credential", 400],
    ["/api//auth/credential", 400],
    ["/api/auth/credential/", 400],
    ["/api/email/domain/x%3F/redirection", 400],
    ["/api/email/domain/x%00/redirection", 400],
  ])("%s: %i, and nothing forwarded", async (path, status) => {
    const { origin } = await servedProxy({ allow: [{ method: "POST", path: "/email/domain/*" }] });
    const response = await raw(origin, "POST", path, { "Content-Type": "application/json" }, "{}");
    expect(response.status).toBe(status);
    expect(sent).toEqual([]);
  });

  it("cannot smuggle a path in the query string", async () => {
    const { origin } = await servedProxy();
    const response = await raw(origin, "GET", "/api/me?/../../auth/credential");
    expect(response.status).toBe(200);
    expect(mock.requests.at(-1)?.path).toBe("/me");
  });

  it("use the method in upper case, for the rules and the API alike", async () => {
    const { handler } = await servedProxy({ allow: [{ method: "PATCH", path: "/me" }] });
    const response = await handler(new Request("http://proxy.test/api/me", { method: "patch" }));
    expect(response.status).toBe(404);
    expect(sent.at(-1)?.method).toBe("PATCH");
    const head = await handler(new Request("http://proxy.test/api/me", { method: "HEAD" }));
    expect(head.status).toBe(403);
  });
});

describe("answers", () => {
  it("pass back none of the API's other headers, and say they are data, not a page", async () => {
    const { origin } = await servedProxy();
    mock.faults.enqueue(
      {
        status: 200,
        body: { ok: true },
        headers: { "Set-Cookie": "ovh=1", "X-Ovh-Consumer": "ck", "Content-Security-Policy": "x" },
      },
      { match: { path: "/me" } },
    );
    const response = await fetch(`${origin}/api/me`);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.has("Set-Cookie")).toBe(false);
    expect(response.headers.has("X-Ovh-Consumer")).toBe(false);
    expect(response.headers.get("Content-Security-Policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });
});
