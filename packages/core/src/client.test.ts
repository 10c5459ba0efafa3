import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ANSWER_TRANSPORT, type AnswerRequest, type AnswerTransport } from "./answer.ts";
import { Client, DEFAULT_TIMEOUT } from "./client.ts";
import { type ConfigSources, settingsFrom } from "./config.ts";
import { API_READ_ONLY } from "./consumer-key.ts";
import { APIError } from "./errors/api-error.ts";
import { BadParametersError } from "./errors/bad-parameters-error.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidKey } from "./errors/invalid-key.ts";
import { InvalidRegion } from "./errors/invalid-region.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { NetworkError } from "./errors/network-error.ts";
import { NotGrantedCall } from "./errors/not-granted-call.ts";
import { RequestAbortedError } from "./errors/request-aborted-error.ts";
import { RequestTimeoutError } from "./errors/request-timeout-error.ts";
import { ResourceNotFoundError } from "./errors/resource-not-found-error.ts";
import { sign } from "./signer.ts";
import type { ClientOptions, FetchLike } from "./types.ts";

const AK = "ak-public-7kT";
const AS = "AS-s3cr3t-9ufkBmLaTQ9nz5yMUlg79taH";
const CK = "CK-s3cr3t-5mBuy6SUQcRw2ZUxg0cG68Bo";
const SERVER_TIME = 1_700_000_042;
const EU = "https://eu.api.ovh.com/1.0";

/** One request as it reached the transport. */
interface Sent {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  redirect: RequestRedirect;
  signal: AbortSignal;
}

type Handler = (request: Sent) => Response | Promise<Response>;

/**
 * A transport that records every request and answers like OVH: `GET /auth/time` gives the
 * server time, anything else the handler's answer (by default `{"ok":true}`).
 */
function fakeOvh(handler: Handler = () => Response.json({ ok: true })) {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    // Like fetch(): an aborted signal rejects before anything is sent.
    request.signal.throwIfAborted();
    const recorded: Sent = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: await request.text(),
      redirect: request.redirect,
      signal: request.signal,
    };
    sent.push(recorded);
    if (new URL(request.url).pathname.endsWith("/auth/time")) return Response.json(SERVER_TIME);
    return handler(recorded);
  };
  const calls = () => sent.filter((r) => !r.url.endsWith("/auth/time"));
  const timeSyncs = () => sent.filter((r) => r.url.endsWith("/auth/time"));
  return { fetch, sent, calls, timeSyncs };
}

const signedClient = (fetch: FetchLike, options: ClientOptions = {}) =>
  new Client({
    endpoint: "ovh-eu",
    applicationKey: AK,
    applicationSecret: AS,
    consumerKey: CK,
    fetch,
    ...options,
  });

/** The signature OVH expects for a request as it was sent. */
const expectedSignature = (request: Sent, consumerKey = CK) =>
  sign({
    applicationSecret: AS,
    consumerKey,
    method: request.method,
    url: request.url,
    body: request.body,
    timestamp: Number(request.headers.get("X-Ovh-Timestamp")),
  });

const headerNames = (request: Sent) => [...request.headers.keys()].sort();

async function rejection(promise: Promise<unknown>): Promise<APIError> {
  try {
    await promise;
  } catch (error) {
    return error as APIError;
  }
  throw new Error("the call succeeded");
}

describe("Client: construction", () => {
  it("refuses options that are not an object", () => {
    expect(() => new Client(null as unknown as ClientOptions)).toThrow(InvalidConfiguration);
    expect(() => new Client("ovh-eu" as unknown as ClientOptions)).toThrow(/must be an object/);
  });

  it.each([
    0,
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2_147_483_648,
    "1000",
  ])("refuses the timeout %s", (timeout) => {
    expect(() => new Client({ timeout: timeout as number })).toThrow(
      /timeout must be a number of milliseconds between 1 and 2147483647/,
    );
  });

  it("refuses a timeDelta that is not an integer number of seconds", () => {
    expect(() => new Client({ timeDelta: 1.5 })).toThrow(InvalidConfiguration);
    expect(() => new Client({ timeDelta: "3" as unknown as number })).toThrow(/timeDelta/);
  });

  it("refuses a fetch that is not a function", () => {
    expect(() => new Client({ fetch: {} as FetchLike })).toThrow(/fetch must be a function/);
  });

  it("refuses an unknown endpoint at once, like python-ovh", () => {
    expect(() => new Client({ endpoint: "ovh-moon" })).toThrow(InvalidRegion);
  });

  it("explains what to do when the runtime has no fetch", () => {
    vi.stubGlobal("fetch", undefined);
    try {
      expect(() => new Client({ endpoint: "ovh-eu" })).toThrow(/pass one as the `fetch` option/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("uses the global fetch, bound to globalThis, by default", async () => {
    const receivers: unknown[] = [];
    vi.stubGlobal("fetch", function (this: unknown) {
      receivers.push(this);
      return Promise.resolve(Response.json(true));
    });
    try {
      const client = new Client({ endpoint: "ovh-eu" });
      await expect(client.get("/auth/time", undefined, { needAuth: false })).resolves.toBe(true);
      expect(receivers).toEqual([globalThis]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("has python-ovh's default timeout of 180 s", () => {
    expect(DEFAULT_TIMEOUT).toBe(180_000);
  });
});

describe("Client: signed calls", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_700_000_000_750); // 1700000000.75 s
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends the four X-Ovh headers, signed over exactly the URL and body sent", async () => {
    const ovh = fakeOvh();
    const client = signedClient(ovh.fetch);
    await expect(client.get("/me")).resolves.toEqual({ ok: true });

    const [call] = ovh.calls();
    expect(call?.method).toBe("GET");
    expect(call?.url).toBe(`${EU}/me`);
    expect(call?.body).toBe("");
    expect(headerNames(call as Sent)).toEqual([
      "x-ovh-application",
      "x-ovh-consumer",
      "x-ovh-signature",
      "x-ovh-timestamp",
    ]);
    expect(call?.headers.get("X-Ovh-Application")).toBe(AK);
    expect(call?.headers.get("X-Ovh-Consumer")).toBe(CK);
    expect(call?.headers.get("X-Ovh-Timestamp")).toBe(String(SERVER_TIME));
    expect(call?.headers.get("X-Ovh-Signature")).toMatch(/^\$1\$[0-9a-f]{40}$/);
    expect(call?.headers.get("X-Ovh-Signature")).toBe(expectedSignature(call as Sent));
  });

  it("signs the query string and the JSON body as they are sent", async () => {
    const ovh = fakeOvh();
    const client = signedClient(ovh.fetch);
    await client.get("/me/api/credential", { status: "validated", app: "a b" });
    await client.post("/email/domain/example.com/redirection", {
      _from: "sales@example.com",
      to: "contact@example.com",
      localCopy: false,
      note: "é",
    });

    const [get, post] = ovh.calls() as [Sent, Sent];
    expect(get.url).toBe(`${EU}/me/api/credential?status=validated&app=a+b`);
    expect(get.headers.get("X-Ovh-Signature")).toBe(expectedSignature(get));
    expect(post.body).toBe(
      '{"from":"sales@example.com","to":"contact@example.com","localCopy":false,"note":"\\u00e9"}',
    );
    expect(post.headers.get("X-Ovh-Signature")).toBe(expectedSignature(post));
    // Another body would have another signature.
    expect(post.headers.get("X-Ovh-Signature")).not.toBe(
      expectedSignature({ ...post, body: `${post.body} ` }),
    );
  });

  it("signs a path the way fetch sends it, accents and braces percent-encoded", async () => {
    const ovh = fakeOvh();
    await signedClient(ovh.fetch).get("/me/bill/é{1}");
    const [call] = ovh.calls() as [Sent];
    expect(call.url).toBe(`${EU}/me/bill/%C3%A9%7B1%7D`);
    expect(call.headers.get("X-Ovh-Signature")).toBe(expectedSignature(call));
  });

  it("signs the URL of /v1 and /v2 paths without /1.0", async () => {
    const ovh = fakeOvh();
    await signedClient(ovh.fetch).get("/v2/iam/policy");
    const [call] = ovh.calls() as [Sent];
    expect(call.url).toBe("https://eu.api.ovh.com/v2/iam/policy");
    expect(call.headers.get("X-Ovh-Signature")).toBe(expectedSignature(call));
  });

  it("signs with a fresh timestamp at each call", async () => {
    const ovh = fakeOvh();
    const client = signedClient(ovh.fetch);
    await client.get("/me");
    vi.setSystemTime(1_700_000_100_999);
    await client.get("/me");
    const [first, second] = ovh.calls() as [Sent, Sent];
    expect(first.headers.get("X-Ovh-Timestamp")).toBe("1700000042");
    expect(second.headers.get("X-Ovh-Timestamp")).toBe("1700000142");
    expect(second.headers.get("X-Ovh-Signature")).toBe(expectedSignature(second));
    expect(second.headers.get("X-Ovh-Signature")).not.toBe(first.headers.get("X-Ovh-Signature"));
  });

  it("upper-cases the method and refuses one that is not a word", async () => {
    const ovh = fakeOvh();
    const client = signedClient(ovh.fetch);
    await client.call("get", "/me");
    expect(ovh.calls()[0]?.method).toBe("GET");
    await expect(client.call("GE T", "/me")).rejects.toThrow(/Invalid HTTP method "GE T"/);
    await expect(client.rawCall(1 as unknown as string, "/me")).rejects.toThrow(
      InvalidConfiguration,
    );
  });

  it("passes extra headers along", async () => {
    const ovh = fakeOvh();
    await signedClient(ovh.fetch).get("/me", undefined, { headers: { "X-Trace": "t-1" } });
    expect(ovh.calls()[0]?.headers.get("X-Trace")).toBe("t-1");
  });

  it("keeps its own credentials over headers of the same names, and a header named constructor", async () => {
    const ovh = fakeOvh();
    await signedClient(ovh.fetch).get("/me", undefined, {
      headers: {
        "X-Ovh-Signature": "$1$forged",
        "X-Ovh-Timestamp": "1",
        "X-Ovh-Consumer": "someone-else",
        constructor: "kept",
      },
    });
    const sent = ovh.calls()[0] as Sent;
    expect(sent.headers.get("X-Ovh-Consumer")).toBe(CK);
    expect(sent.headers.get("X-Ovh-Timestamp")).not.toBe("1");
    expect(sent.headers.get("X-Ovh-Signature")).toBe(expectedSignature(sent));
    expect(sent.headers.get("constructor")).toBe("kept");
  });

  it("refuses a bad path before any request", async () => {
    const ovh = fakeOvh();
    const client = signedClient(ovh.fetch);
    await expect(client.get("/me/../admin")).rejects.toBeInstanceOf(InvalidConfiguration);
    await expect(client.get("me")).rejects.toBeInstanceOf(InvalidConfiguration);
    expect(ovh.sent).toEqual([]);
  });
});

describe("Client: unsigned calls", () => {
  it("send X-Ovh-Application alone, and need no secret nor time sync", async () => {
    const ovh = fakeOvh();
    const client = new Client({ endpoint: "ovh-eu", applicationKey: AK, fetch: ovh.fetch });
    await client.get("/auth/details", undefined, { needAuth: false });
    await client.call("GET", "/auth/details", undefined, false);
    expect(ovh.timeSyncs()).toEqual([]);
    for (const call of ovh.calls()) {
      expect(headerNames(call)).toEqual(["x-ovh-application"]);
      expect(call.headers.get("X-Ovh-Application")).toBe(AK);
    }
    expect(ovh.calls()).toHaveLength(2);
  });

  it("send no header at all without an application key", async () => {
    const ovh = fakeOvh();
    await new Client({ endpoint: "ovh-eu", fetch: ovh.fetch }).get("/auth/time", undefined, {
      needAuth: false,
    });
    expect(headerNames(ovh.sent[0] as Sent)).toEqual([]);
  });
});

describe("Client: missing keys", () => {
  it.each([
    ["the consumer key", { consumerKey: undefined }, /needs consumer key:/],
    ["the application secret", { applicationSecret: undefined }, /needs application secret:/],
    [
      "every key",
      { applicationKey: undefined, applicationSecret: undefined, consumerKey: undefined },
      /needs application key, application secret, consumer key:/,
    ],
  ])("a signed call without %s fails with InvalidKey before any request", async (_, missing, message) => {
    const ovh = fakeOvh();
    const client = signedClient(ovh.fetch, missing);
    const error = await rejection(client.get("/me?secret=1"));
    expect(error).toBeInstanceOf(InvalidKey);
    expect(error.errorCode).toBe("MISSING_KEY");
    expect(error.method).toBe("GET");
    expect(error.path).toBe("/me");
    expect(error.message).toMatch(message);
    // Options are the only source of a client without an adapter: no variable is named.
    expect(error.message).toContain("pass them as options;");
    expect(error.message).not.toContain("OVH_APPLICATION_SECRET");
    // The other way to authenticate is named too.
    expect(error.message).toContain("clientId and clientSecret");
    expect(error.message).not.toContain(AS);
    expect(error.message).not.toContain(CK);
    expect(ovh.sent).toEqual([]);
  });

  it("counts empty strings as missing", async () => {
    const ovh = fakeOvh();
    const client = signedClient(ovh.fetch, { consumerKey: "" });
    await expect(client.get("/me")).rejects.toBeInstanceOf(InvalidKey);
    expect(ovh.sent).toEqual([]);
  });
});

describe("Client: params and bodies", () => {
  const client = (fetch: FetchLike) => signedClient(fetch, { timeDelta: 0 });

  it("GET and DELETE put params in the query string, with & after an existing ?", async () => {
    const ovh = fakeOvh();
    const c = client(ovh.fetch);
    await c.get("/me/bill", { "date.from": "2024-01-01", paid: true, skip: undefined });
    await c.get("/me/bill?category=x", { paid: false });
    await c.delete("/me/api/credential/42", { force: true });
    await c.delete("/me/api/credential/43");
    await c.get("/me", {});
    expect(ovh.calls().map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${EU}/me/bill?date.from=2024-01-01&paid=true`,
      `GET ${EU}/me/bill?category=x&paid=false`,
      `DELETE ${EU}/me/api/credential/42?force=true`,
      `DELETE ${EU}/me/api/credential/43`,
      `GET ${EU}/me`,
    ]);
    for (const call of ovh.calls()) {
      expect(call.body).toBe("");
      expect(call.headers.has("Content-Type")).toBe(false);
    }
  });

  it("POST and PUT send compact JSON with Content-Type: application/json", async () => {
    const ovh = fakeOvh();
    const c = client(ovh.fetch);
    await c.post("/me/contact", { firstName: "Zoé", tags: ["a"] });
    await c.put("/dedicated/server/ns1/burst", { status: "active" });
    const [post, put] = ovh.calls() as [Sent, Sent];
    expect([post.method, post.body, post.headers.get("Content-Type")]).toEqual([
      "POST",
      '{"firstName":"Zo\\u00e9","tags":["a"]}',
      "application/json",
    ]);
    expect([put.method, put.body, put.headers.get("Content-Type")]).toEqual([
      "PUT",
      '{"status":"active"}',
      "application/json",
    ]);
  });

  it("sends neither a body nor a Content-Type for an empty or absent body", async () => {
    const ovh = fakeOvh();
    const c = client(ovh.fetch);
    await c.post("/me/logout");
    await c.post("/me/logout", {});
    await c.put("/me/x", null);
    for (const call of ovh.calls()) {
      expect(call.body).toBe("");
      expect(call.headers.has("Content-Type")).toBe(false);
      expect(call.headers.get("X-Ovh-Signature")).toBe(expectedSignature(call));
    }
    expect(ovh.calls()).toHaveLength(3);
  });

  it("refuses params or a body it cannot encode, before any request", async () => {
    const ovh = fakeOvh();
    const c = client(ovh.fetch);
    await expect(c.get("/me", { n: Number.NaN })).rejects.toBeInstanceOf(InvalidConfiguration);
    await expect(c.post("/me", { n: 1n })).rejects.toBeInstanceOf(InvalidConfiguration);
    expect(ovh.sent).toEqual([]);
  });
});

describe("Client: time sync with GET /auth/time", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_700_000_000_750);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("asks the server time once, unsigned, and signs with floor(now) + delta", async () => {
    const ovh = fakeOvh();
    const client = signedClient(ovh.fetch);
    await client.get("/me");
    await client.get("/me");
    const [sync] = ovh.timeSyncs() as [Sent];
    expect(ovh.timeSyncs()).toHaveLength(1);
    expect(sync.method).toBe("GET");
    expect(sync.url).toBe(`${EU}/auth/time`);
    expect(headerNames(sync)).toEqual(["x-ovh-application"]);
    await expect(client.timeDelta()).resolves.toBe(42);
  });

  it("makes a single request for 100 calls that start at once on a new client", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ovh = fakeOvh();
    let syncsStarted = 0;
    const slowFetch: FetchLike = async (input, init) => {
      if (String(input).endsWith("/auth/time")) {
        syncsStarted += 1;
        await gate;
      }
      return ovh.fetch(input, init);
    };
    const client = signedClient(slowFetch);
    const calls = Array.from({ length: 100 }, (_, i) => client.get(`/me/bill/${i}`));
    // Let every call reach the time sync while the server has not answered yet.
    await vi.waitFor(() => expect(syncsStarted).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(syncsStarted).toBe(1);
    expect(ovh.calls()).toEqual([]);
    release();
    await Promise.all(calls);
    expect(ovh.timeSyncs()).toHaveLength(1);
    expect(ovh.calls()).toHaveLength(100);
    for (const call of ovh.calls()) {
      expect(call.headers.get("X-Ovh-Timestamp")).toBe(String(SERVER_TIME));
    }
  });

  it("makes none with a preset timeDelta", async () => {
    const ovh = fakeOvh();
    const client = signedClient(ovh.fetch, { timeDelta: -7 });
    await client.get("/me");
    expect(ovh.timeSyncs()).toEqual([]);
    expect(ovh.calls()[0]?.headers.get("X-Ovh-Timestamp")).toBe("1699999993");
    await expect(client.timeDelta()).resolves.toBe(-7);
  });

  it("retries a failed sync at the next call", async () => {
    let failures = 1;
    const ovh = fakeOvh();
    const flaky: FetchLike = async (input, init) => {
      if (String(input).endsWith("/auth/time") && failures-- > 0) {
        return Response.json({ message: "Internal" }, { status: 500 });
      }
      return ovh.fetch(input, init);
    };
    const client = signedClient(flaky);
    const error = await rejection(client.get("/me"));
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(500);
    expect(error.path).toBe("/auth/time");
    expect(ovh.calls()).toEqual([]);

    await expect(client.get("/me")).resolves.toEqual({ ok: true });
    expect(ovh.timeSyncs()).toHaveLength(1);
    expect(ovh.calls()[0]?.headers.get("X-Ovh-Timestamp")).toBe(String(SERVER_TIME));
  });

  it.each([
    ["a string", "1700000042"],
    ["a fraction", 1700000042.5],
    ["null", null],
  ])("refuses a server time that is %s", async (_, answer) => {
    const fetch: FetchLike = async () => Response.json(answer);
    const error = await rejection(signedClient(fetch).get("/me"));
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error.message).toMatch(/GET \/auth\/time did not answer an integer Unix time/);
    expect(error.body).toEqual(answer);
  });
});

describe("Client: responses", () => {
  const answering = (handler: Handler) => {
    const ovh = fakeOvh(handler);
    return { ovh, client: signedClient(ovh.fetch, { timeDelta: 0 }) };
  };

  it("returns the parsed JSON body of a 2xx answer", async () => {
    const { client } = answering(() => Response.json({ nichandle: "ab1234-ovh" }, { status: 201 }));
    await expect(client.get("/me")).resolves.toEqual({ nichandle: "ab1234-ovh" });
  });

  it("returns null for 204 No Content", async () => {
    const { client } = answering(() => new Response(null, { status: 204 }));
    await expect(client.delete("/me/api/credential/1")).resolves.toBeNull();
  });

  it("refuses a body that is not JSON with InvalidResponse, keeping the status", async () => {
    const { client } = answering(
      () =>
        new Response("<html>Bad Gateway</html>", {
          status: 502,
          headers: { "X-Ovh-QueryID": "q1" },
        }),
    );
    const error = await rejection(client.get("/me"));
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error.status).toBe(502);
    expect(error.queryId).toBe("q1");
    expect(error.message).toBe(
      "Failed to decode API response (GET /me: HTTP 502, OVH-Query-ID: q1)",
    );
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(error.response?.status).toBe(502);
  });

  it("refuses an empty 200 with InvalidResponse", async () => {
    const { client } = answering(() => new Response("", { status: 200 }));
    const error = await rejection(client.get("/me"));
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error.status).toBe(200);
  });

  it("does not follow a redirect: it asks fetch not to, and throws an APIError", async () => {
    const { ovh, client } = answering(
      () => new Response(null, { status: 302, headers: { Location: "https://evil.example/" } }),
    );
    const error = await rejection(client.get("/me"));
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(302);
    expect(error.message).toMatch(/redirect, which is not followed \(GET \/me: HTTP 302\)/);
    expect(ovh.calls()[0]?.redirect).toBe("manual");
    expect(ovh.calls()).toHaveLength(1);
  });

  it("maps error answers to python-ovh's classes, with the query id", async () => {
    const { client } = answering((request) =>
      new URL(request.url).pathname.endsWith("/me")
        ? Response.json(
            {
              errorCode: "NOT_GRANTED_CALL",
              httpCode: "403 Forbidden",
              message: "This call has not been granted",
              class: "Client::Forbidden",
            },
            { status: 403, headers: { "X-Ovh-QueryID": "EU.ext-3.abc" } },
          )
        : Response.json({ message: "The requested object (x) does not exist" }, { status: 404 }),
    );
    const denied = await rejection(client.get("/me?x=1"));
    expect(denied).toBeInstanceOf(NotGrantedCall);
    expect(denied).toMatchObject({
      status: 403,
      errorCode: "NOT_GRANTED_CALL",
      errorClass: "Client::Forbidden",
      queryId: "EU.ext-3.abc",
      method: "GET",
      path: "/me",
    });
    expect(denied.message).toBe(
      "This call has not been granted (GET /me: HTTP 403, OVH-Query-ID: EU.ext-3.abc)",
    );
    await expect(client.get("/domain/x")).rejects.toBeInstanceOf(ResourceNotFoundError);
  });

  it("rawCall returns the response whatever its status", async () => {
    const { client } = answering(() => Response.json({ message: "bad" }, { status: 400 }));
    const response = await client.rawCall("GET", "/me");
    expect(response.status).toBe(400);
    await expect(response.json()).resolves.toEqual({ message: "bad" });
    await expect(client.call("GET", "/me")).rejects.toBeInstanceOf(BadParametersError);
  });

  it("rawCall scrubs an error's body of the call's secrets, which a server may echo", async () => {
    let sent = "";
    const client = signedClient(
      async (_input, init) => {
        sent = new Headers(init?.headers).get("X-Ovh-Signature") ?? "";
        return Response.json({ message: `No access for ${CK}, signed ${sent}` }, { status: 403 });
      },
      { timeDelta: 0 },
    );
    const response = await client.rawCall("GET", "/me");
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(sent).toMatch(/^\$1\$/);
    expect(text).not.toContain(CK);
    expect(text).not.toContain(sent.slice(3));
    expect(JSON.parse(text)).toEqual({ message: "No access for [redacted], signed [redacted]" });
  });

  it("rawCall hands over the fetch's own Response, its body unread, but for an error", async () => {
    let next = new Response("x".repeat(100));
    const client = signedClient(async () => next, { timeDelta: 0, maxResponseSize: 10 });
    const large = next;
    expect(await client.rawCall("GET", "/me")).toBe(large);
    expect(large.bodyUsed).toBe(false);
    // A 400 is read to tell a refused timestamp from other errors, when the call is signed.
    const refused = Response.json({ message: "bad" }, { status: 400 });
    next = refused;
    const signed = await client.rawCall("GET", "/me");
    expect(signed).not.toBe(refused);
    expect(await signed.json()).toEqual({ message: "bad" });
    next = Response.json({ message: "bad" }, { status: 404 });
    const unsigned = await client.rawCall("GET", "/me", undefined, false);
    expect(unsigned.status).toBe(404);
    expect(await unsigned.json()).toEqual({ message: "bad" });
  });

  it("turns a body that cannot be read into a NetworkError", async () => {
    const reset = new Error("connection reset");
    const { client } = answering(
      () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              controller.error(reset);
            },
          }),
        ),
    );
    const error = await rejection(client.get("/me"));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(
      "The response body could not be read: connection reset (GET /me: HTTP 200)",
    );
    expect(error.cause).toBe(reset);
  });
});

describe("Client: a fetch that carries an answer transport", () => {
  it("sends calls through it, and rawCall through the fetch", async () => {
    const requests: AnswerRequest[] = [];
    const fetched: string[] = [];
    const answers: AnswerTransport = async (request) => {
      requests.push(request);
      const headers = new Headers({ "X-Ovh-QueryID": "EU.ext-1.q" });
      return {
        status: 200,
        statusText: "OK",
        url: request.url,
        redirected: false,
        header: (name) => headers.get(name),
        headers: () => headers,
        text: '{"fast":true}',
      };
    };
    const fetch = Object.assign(
      async (input: Request | string | URL) => {
        fetched.push(String(input));
        return Response.json({ raw: true });
      },
      { [ANSWER_TRANSPORT]: answers },
    );
    const client = signedClient(fetch, { timeDelta: 0, maxResponseSize: 100 });
    expect(await client.get("/me")).toEqual({ fast: true });
    const full = await client.callWithResponse("GET", "/me");
    expect(full.queryId).toBe("EU.ext-1.q");
    expect(full.headers.get("x-ovh-queryid")).toBe("EU.ext-1.q");
    expect(requests[0]).toMatchObject({ method: "GET", url: `${EU}/me`, body: undefined });
    expect(requests[0]?.maxBytes).toBe(100);
    // The attempt's abort, as the listeners of an AbortSignal see it (no AbortController made).
    expect(requests[0]?.signal).toMatchObject({ aborted: false, reason: undefined });
    expect(requests[0]?.signal).not.toBeInstanceOf(AbortSignal);
    expect(requests[0]?.headers["x-ovh-signature"]).toMatch(/^\$1\$[0-9a-f]{40}$/);
    expect(fetched).toEqual([]);
    expect(await (await client.rawCall("GET", "/me")).json()).toEqual({ raw: true });
    expect(fetched).toEqual([`${EU}/me`]);
    expect(requests).toHaveLength(2);
  });
});

describe("Client: transport failures", () => {
  /** A fetch that never answers, but stops when its signal aborts, like the real one. */
  const hanging: FetchLike = (_input, init) =>
    new Promise((_, reject) => {
      init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
    });

  it("wraps a network failure in a NetworkError that keeps the cause", async () => {
    const cause = new TypeError("fetch failed");
    const client = signedClient(
      async () => {
        throw cause;
      },
      { timeDelta: 0 },
    );
    const error = await rejection(client.get("/me?a=1"));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(RequestTimeoutError);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe("Network failure: fetch failed (GET /me)");
    expect(error.method).toBe("GET");
    expect(error.path).toBe("/me");
  });

  it("describes a failure that is not an Error", async () => {
    const client = signedClient(() => Promise.reject("socket hang up"), { timeDelta: 0 });
    await expect(client.get("/me")).rejects.toThrow("Network failure: socket hang up (GET /me)");
  });

  it("lets an asyncovh error from the transport through as it is", async () => {
    const own = new InvalidConfiguration("from the transport");
    const client = signedClient(() => Promise.reject(own), { timeDelta: 0 });
    await expect(client.get("/me")).rejects.toBe(own);
  });

  it("gives up after the timeout with a RequestTimeoutError, a kind of NetworkError", async () => {
    const client = signedClient(hanging, { timeDelta: 0, timeout: 20 });
    const error = await rejection(client.get("/me"));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe("No response within 20 ms (GET /me)");
  });

  it("takes a per-call timeout over the client's", async () => {
    const client = signedClient(hanging, { timeDelta: 0 });
    const error = await rejection(client.call("GET", "/me", undefined, true, { timeout: 15 }));
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error.message).toMatch(/No response within 15 ms/);
    await expect(client.call("GET", "/me", undefined, true, { timeout: -1 })).rejects.toThrow(
      InvalidConfiguration,
    );
  });

  it("stops at the caller's abort with a RequestAbortedError carrying the reason", async () => {
    const client = signedClient(hanging, { timeDelta: 0 });
    const controller = new AbortController();
    const reason = new Error("user left the page");
    const call = client.get("/me", undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 5);
    const error = await rejection(call);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect(error.cause).toBe(reason);
    expect(error.message).toBe("The call was aborted (GET /me)");
  });

  it("calls fetch as fetch is called: the URL, method, headers, body, a real signal, no redirect", async () => {
    const calls: [unknown, RequestInit | undefined][] = [];
    const fetch: FetchLike = async (input, init) => {
      calls.push([input, init]);
      return Response.json({ ok: true });
    };
    await signedClient(fetch, { timeDelta: 0 }).put("/me", { firstname: "Zoë" });
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0] as [unknown, RequestInit];
    expect(url).toBe(`${EU}/me`);
    expect(init).toMatchObject({
      method: "PUT",
      body: '{"firstname":"Zo\\u00eb"}',
      redirect: "manual",
      headers: { "content-type": "application/json", "x-ovh-application": AK },
    });
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(init.signal?.aborted).toBe(false);
  });

  it("aborts fetch's signal with the caller's reason", async () => {
    let given: AbortSignal | undefined;
    const client = signedClient(
      (input, init) => {
        given = init?.signal ?? undefined;
        return hanging(input, init);
      },
      { timeDelta: 0 },
    );
    const controller = new AbortController();
    const call = client.get("/me", undefined, { signal: controller.signal });
    const reason = new Error("given up");
    setTimeout(() => controller.abort(reason), 5);
    await expect(call).rejects.toBeInstanceOf(RequestAbortedError);
    expect(given?.aborted).toBe(true);
    expect(given?.reason).toBe(reason);
  });

  it("leaves no timer running and no listener on the caller's signal once a call settles", async () => {
    const timers = () =>
      process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    const controller = new AbortController();
    const listening = vi.spyOn(controller.signal, "addEventListener");
    const leaving = vi.spyOn(controller.signal, "removeEventListener");
    const client = signedClient(fakeOvh().fetch, { timeDelta: 0, timeout: 3_600_000 });
    await client.get("/me", undefined, { signal: controller.signal });
    await expect(client.get("/nowhere", undefined, { signal: controller.signal })).resolves.toEqual(
      { ok: true },
    );
    expect(timers()).toBe(before);
    expect(listening.mock.calls.length).toBeGreaterThan(0);
    expect(leaving.mock.calls.map(([, listener]) => listener)).toEqual(
      listening.mock.calls.map(([, listener]) => listener),
    );
  });

  /** What each runtime's fetch throws for a broken answer or a refused certificate. */
  const FINAL_FAILURES: [string, unknown, typeof APIError, RegExp][] = [
    [
      "undici's parser (Node)",
      new TypeError("fetch failed", {
        cause: Object.assign(new Error("Response does not match the HTTP/1.1 protocol (x)"), {
          name: "HTTPParserError",
          code: "HPE_LF_EXPECTED",
        }),
      }),
      InvalidResponse,
      /not valid HTTP \(HPE_LF_EXPECTED\)/,
    ],
    [
      "Bun's parser",
      Object.assign(new TypeError("Malformed_HTTP_Response fetching"), {
        code: "Malformed_HTTP_Response",
      }),
      InvalidResponse,
      /not valid HTTP \(Malformed_HTTP_Response\)/,
    ],
    [
      "Deno's parser",
      new TypeError("fetch failed", {
        cause: new Error("client error (SendRequest): invalid HTTP header parsed"),
      }),
      InvalidResponse,
      /not valid HTTP \(invalid HTTP header parsed\)/,
    ],
    [
      "an expired certificate (Node)",
      new TypeError("fetch failed", {
        cause: Object.assign(new Error("certificate has expired"), { code: "CERT_HAS_EXPIRED" }),
      }),
      NetworkError,
      /TLS certificate has expired/,
    ],
    [
      "an untrusted certificate (Deno)",
      new TypeError("fetch failed", {
        cause: new Error("client error (Connect): invalid peer certificate: UnknownIssuer"),
      }),
      NetworkError,
      /TLS certificate is not trusted/,
    ],
    [
      "the transport's own InvalidResponse (the Node adapter, status 999)",
      new InvalidResponse("status 999", { status: 999 }),
      InvalidResponse,
      /^status 999$/,
    ],
  ];

  it.each(
    FINAL_FAILURES,
  )("makes %s a typed error after exactly one attempt", async (_what, thrown, Class, message) => {
    let attempts = 0;
    const client = signedClient(
      async () => {
        attempts++;
        throw thrown;
      },
      { timeDelta: 0, retry: { limit: 3, delay: 1 } },
    );
    const error = await rejection(client.get("/me"));
    expect(error).toBeInstanceOf(Class);
    expect(error.message).toMatch(message);
    expect(attempts).toBe(1);
  });

  it("retries a connection refused, unlike those", async () => {
    let attempts = 0;
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const client = signedClient(
      async () => {
        attempts++;
        throw refused;
      },
      { timeDelta: 0, retry: { limit: 3, delay: 1 } },
    );
    const error = await rejection(client.get("/me"));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe("Network failure: fetch failed: connect ECONNREFUSED (GET /me)");
    expect(attempts).toBe(4);
  });

  it.each([
    999, 600, 199,
  ])("refuses a response of status %i, which HTTP does not define, after one attempt", async (status) => {
    let attempts = 0;
    const client = signedClient(
      async () => {
        attempts++;
        const response = Response.json({ ok: true });
        // undici, Bun and Deno hand such a status over as it is.
        Object.defineProperty(response, "status", { value: status });
        return response;
      },
      { timeDelta: 0, retry: { limit: 3, delay: 1 } },
    );
    const error = await rejection(client.get("/me"));
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error.status).toBe(status);
    expect(error.message).toBe(
      `The server answered with status ${status}, which HTTP does not define; it is not retried (GET /me: HTTP ${status})`,
    );
    expect(attempts).toBe(1);
  });

  it("fails a call whose signal has already aborted with a RequestAbortedError", async () => {
    const reason = new Error("too late");
    const client = signedClient(fakeOvh().fetch, { timeDelta: 0 });
    const error = await rejection(
      client.get("/me", undefined, { signal: AbortSignal.abort(reason) }),
    );
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error.cause).toBe(reason);
  });
});

describe("Client: consumer keys", () => {
  const NEW_CK = "CK-new-validated-MWzR4zXh3c";

  function credentialOvh() {
    return fakeOvh((request) =>
      request.url.endsWith("/auth/credential")
        ? Response.json({
            validationUrl: "https://eu.api.ovh.com/auth/?credentialToken=tok",
            consumerKey: NEW_CK,
            state: "pendingValidation",
          })
        : Response.json({ ok: true }),
    );
  }

  it("POSTs the rules unsigned, with null redirection and allowedIPs by default", async () => {
    const ovh = credentialOvh();
    const client = new Client({ endpoint: "ovh-eu", applicationKey: AK, fetch: ovh.fetch });
    const answer = await client.newConsumerKeyRequest().addRules(API_READ_ONLY, "/me").request();
    expect(answer).toEqual({
      validationUrl: "https://eu.api.ovh.com/auth/?credentialToken=tok",
      consumerKey: NEW_CK,
      state: "pendingValidation",
    });
    const [post] = ovh.calls() as [Sent];
    expect(post.method).toBe("POST");
    expect(post.url).toBe(`${EU}/auth/credential`);
    expect(post.body).toBe(
      '{"accessRules":[{"method":"GET","path":"/me"}],"redirection":null,"allowedIPs":null}',
    );
    expect(headerNames(post)).toEqual(["content-type", "x-ovh-application"]);
    expect(ovh.timeSyncs()).toEqual([]);
  });

  it("sends the redirection and allowed IPs when given", async () => {
    const ovh = credentialOvh();
    const client = new Client({ endpoint: "ovh-eu", applicationKey: AK, fetch: ovh.fetch });
    await client.requestConsumerKey(
      [{ method: "get" as "GET", path: "/sms/*" }],
      "https://app.example/callback",
      ["192.0.2.0/24"],
    );
    expect(ovh.calls()[0]?.body).toBe(
      '{"accessRules":[{"method":"GET","path":"/sms/*"}],"redirection":"https://app.example/callback","allowedIPs":["192.0.2.0/24"]}',
    );
  });

  it("stores the new consumer key: the next signed call uses it", async () => {
    const ovh = credentialOvh();
    const client = new Client({
      endpoint: "ovh-eu",
      applicationKey: AK,
      applicationSecret: AS,
      fetch: ovh.fetch,
    });
    await expect(client.get("/me")).rejects.toBeInstanceOf(InvalidKey);
    await client.newConsumerKeyRequest().addRule("GET", "/me").request();
    await client.get("/me");
    const [, me] = ovh.calls() as [Sent, Sent];
    expect(me.headers.get("X-Ovh-Consumer")).toBe(NEW_CK);
    expect(me.headers.get("X-Ovh-Signature")).toBe(expectedSignature(me, NEW_CK));
  });

  it("keeps the new consumer key over the environment when init() runs again", async () => {
    const ovh = credentialOvh();
    const loadConfig = settingsFrom(async () => ({ env: { OVH_CONSUMER_KEY: CK } }));
    const client = new Client({
      endpoint: "ovh-eu",
      applicationKey: AK,
      applicationSecret: AS,
      fetch: ovh.fetch,
      loadConfig,
    });
    await client.newConsumerKeyRequest().addRule("GET", "/me").request();
    await client.init();
    await client.get("/me");
    const [, me] = ovh.calls() as [Sent, Sent];
    expect(me.headers.get("X-Ovh-Consumer")).toBe(NEW_CK);
  });

  it("refuses an answer without a consumer key", async () => {
    const ovh = fakeOvh(() => Response.json({ state: "pendingValidation" }));
    const client = new Client({ endpoint: "ovh-eu", applicationKey: AK, fetch: ovh.fetch });
    await expect(client.requestConsumerKey([{ method: "GET", path: "/me" }])).rejects.toThrow(
      /POST \/auth\/credential did not return a consumerKey/,
    );
    const nothing = fakeOvh(() => Response.json(null));
    const other = new Client({ endpoint: "ovh-eu", applicationKey: AK, fetch: nothing.fetch });
    await expect(other.requestConsumerKey([])).rejects.toBeInstanceOf(InvalidResponse);
  });

  it.each([
    [
      "rules that are not an array",
      [{ method: "GET", path: "/me" }],
      /accessRules must be an array/,
    ],
    ["an invalid rule", [[{ method: "PATCH", path: "/me" }]], /must be one of GET/],
    ["a rule that is not an object", [[null]], /must be one of GET/],
    ["a redirection that is not a string", [[], 42], /redirection must be a URL string/],
    ["allowedIPs that are not strings", [[], undefined, [1]], /allowedIPs must be an array/],
    ["allowedIPs that are not an array", [[], undefined, "1.2.3.4"], /allowedIPs must be an array/],
  ])("refuses %s before any request", async (_, args, message) => {
    const ovh = credentialOvh();
    const client = new Client({ endpoint: "ovh-eu", applicationKey: AK, fetch: ovh.fetch });
    const call = client.requestConsumerKey(...(args as Parameters<Client["requestConsumerKey"]>));
    await expect(call).rejects.toBeInstanceOf(InvalidConfiguration);
    await expect(call).rejects.toThrow(message);
    expect(ovh.sent).toEqual([]);
  });
});

describe("Client: configuration", () => {
  const loader = (sources: ConfigSources) => {
    const requests: { configFile?: string | undefined }[] = [];
    const loadConfig = settingsFrom(async (request) => {
      requests.push(request);
      return sources;
    });
    return { loadConfig, requests };
  };

  const ini = {
    path: "/etc/ovh.conf",
    text: "[default]\nendpoint=ovh-ca\n[ovh-ca]\napplication_key=ini-ak\napplication_secret=ini-as\nconsumer_key=ini-ck\n",
  };

  it("init() reads the runtime's sources: options > environment > ini files", async () => {
    const { loadConfig, requests } = loader({
      env: { OVH_APPLICATION_SECRET: "env-as" },
      files: [ini],
    });
    const ovh = fakeOvh();
    const client = new Client({
      consumerKey: "opt-ck",
      fetch: ovh.fetch,
      loadConfig,
      timeDelta: 0,
    });
    await expect(client.init()).resolves.toBe(client);
    expect(requests).toEqual([{ configFile: undefined }]);
    expect(client.endpoint).toBe("https://ca.api.ovh.com/1.0");
    expect(client.applicationKey).toBe("ini-ak");

    await client.get("/me");
    const [call] = ovh.calls() as [Sent];
    expect(call.url).toBe("https://ca.api.ovh.com/1.0/me");
    expect(call.headers.get("X-Ovh-Consumer")).toBe("opt-ck");
    expect(call.headers.get("X-Ovh-Signature")).toBe(
      sign({
        applicationSecret: "env-as",
        consumerKey: "opt-ck",
        method: "GET",
        url: call.url,
        body: "",
        timestamp: Number(call.headers.get("X-Ovh-Timestamp")),
      }),
    );
  });

  it("init({ configFile }) asks the loader for that file", async () => {
    const { loadConfig, requests } = loader({ files: [ini] });
    await new Client({ loadConfig }).init({ configFile: "/srv/app/ovh.conf" });
    expect(requests).toEqual([{ configFile: "/srv/app/ovh.conf" }]);
    await new Client({ loadConfig }).init({ configFile: null });
    expect(requests[1]).toEqual({ configFile: undefined });
  });

  it("the first call runs init() once when it has not run", async () => {
    const { loadConfig, requests } = loader({ files: [ini] });
    const ovh = fakeOvh();
    const client = new Client({ fetch: ovh.fetch, loadConfig, timeDelta: 0 });
    expect(client.endpoint).toBeUndefined();
    await Promise.all([client.get("/me"), client.get("/me"), client.post("/me", { a: 1 })]);
    expect(requests).toHaveLength(1);
    expect(client.endpoint).toBe("https://ca.api.ovh.com/1.0");
    expect(ovh.calls()).toHaveLength(3);
  });

  it("refuses a configFile without a runtime adapter", async () => {
    const client = new Client({ endpoint: "ovh-eu" });
    const error = await rejection(client.init({ configFile: "./ovh.conf" }));
    expect(error).toBeInstanceOf(InvalidConfiguration);
    expect(error.message).toMatch(/configFile needs a runtime adapter/);
  });

  it("refuses to call without an endpoint, and says how to set one", async () => {
    const ovh = fakeOvh();
    const client = new Client({ fetch: ovh.fetch });
    await expect(client.init()).rejects.toBeInstanceOf(InvalidRegion);
    const error = await rejection(client.get("/me"));
    expect(error).toBeInstanceOf(InvalidRegion);
    expect(error.message).toMatch(
      /^No endpoint configured: pass `endpoint` \(e\.g\. "ovh-eu"\)\. /,
    );
    expect(error.message).not.toContain("OVH_ENDPOINT");
    expect(ovh.sent).toEqual([]);
  });

  it("refuses an unknown endpoint from the sources", async () => {
    const { loadConfig } = loader({ env: { OVH_ENDPOINT: "ovh-moon" } });
    await expect(new Client({ loadConfig }).init()).rejects.toBeInstanceOf(InvalidRegion);
  });

  it("tries the sources again at the next call after a failed load", async () => {
    let attempts = 0;
    const loadConfig = settingsFrom(async () => {
      attempts += 1;
      if (attempts === 1) return { files: [{ path: "./ovh.conf", text: "[s]\noops\n" }] };
      return { files: [ini] };
    });
    const ovh = fakeOvh();
    const client = new Client({ fetch: ovh.fetch, loadConfig, timeDelta: 0 });
    await expect(client.get("/me")).rejects.toThrow("./ovh.conf:2");
    await expect(client.get("/me")).resolves.toEqual({ ok: true });
    expect(attempts).toBe(2);
  });

  it("works against a custom base URL such as a local mock's", async () => {
    const ovh = fakeOvh();
    const client = signedClient(ovh.fetch, {
      endpoint: "http://127.0.0.1:8080/1.0/",
      timeDelta: 0,
    });
    await client.get("/me");
    await client.get("/v2/iam/policy");
    expect(ovh.calls().map((r) => r.url)).toEqual([
      "http://127.0.0.1:8080/1.0/me",
      "http://127.0.0.1:8080/v2/iam/policy",
    ]);
  });
});

describe("Client: secrets stay secret", () => {
  const leaks = (text: string) => [AS, CK].filter((secret) => text.includes(secret));

  it("toJSON, toString, JSON.stringify and util.inspect show no secret", async () => {
    const ovh = fakeOvh();
    const client = signedClient(ovh.fetch);
    for (const view of [
      JSON.stringify(client),
      JSON.stringify(client.toJSON()),
      String(client),
      `${client}`,
      inspect(client),
      inspect(client, { showHidden: true, depth: 10 }),
      inspect({ nested: client }, { depth: 10 }),
    ]) {
      expect(leaks(view)).toEqual([]);
    }
    expect(client.toJSON()).toMatchObject({
      endpoint: "ovh-eu",
      applicationKey: AK,
      applicationSecret: "[redacted]",
      consumerKey: "[redacted]",
    });
    await client.get("/me");
    expect(client.toJSON()).toMatchObject({ endpoint: EU, applicationKey: AK });
    expect(leaks(inspect(client))).toEqual([]);
  });

  it("says which secrets are unset without inventing any", () => {
    const summary = new Client({ endpoint: "ovh-eu" }).toJSON();
    expect(summary.applicationSecret).toBeUndefined();
    expect(summary.consumerKey).toBeUndefined();
    expect(String(new Client({ endpoint: "ovh-eu" }))).toMatch(/^Client \{"endpoint":"ovh-eu"/);
  });

  it("errors of signed calls show no secret, however they are printed", async () => {
    const hanging: FetchLike = (_input, init) =>
      new Promise((_, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const errors = [
      await rejection(
        signedClient(
          fakeOvh(() => Response.json({ errorCode: "INVALID_CREDENTIAL" }, { status: 403 })).fetch,
        ).get("/me"),
      ),
      await rejection(signedClient(fakeOvh(() => new Response("oops")).fetch).get("/me")),
      await rejection(signedClient(hanging, { timeout: 10, timeDelta: 0 }).get("/me")),
      await rejection(
        signedClient(() => Promise.reject(new TypeError("fetch failed")), { timeDelta: 0 }).get(
          "/me",
        ),
      ),
      await rejection(signedClient(fakeOvh().fetch, { consumerKey: undefined }).get("/me")),
    ];
    expect(errors.map((e) => e.name)).toEqual([
      "InvalidCredential",
      "InvalidResponse",
      "RequestTimeoutError",
      "NetworkError",
      "InvalidKey",
    ]);
    for (const error of errors) {
      for (const view of [
        error.message,
        String(error),
        error.stack ?? "",
        JSON.stringify(error),
        inspect(error, { depth: 10 }),
        inspect(error, { depth: 10, showHidden: true }),
      ]) {
        expect(leaks(view)).toEqual([]);
      }
    }
  });
});
