import { describe, expect, it } from "vitest";
import { createMockOvh } from "./mock.ts";
import { BASE, call, send, signedRequest } from "./test-utils/requests.ts";

const NOW_MS = Date.UTC(2025, 4, 1, 12, 0, 0);
const NOW = NOW_MS / 1000;
const time = (mock: ReturnType<typeof createMockOvh>) =>
  mock.handler(new Request(`${BASE}/auth/time`)).then((r) => r.json());
const redirections = "/email/domain/example.com/redirection";
const newRedirection = { from: "new@example.com", to: "x@example.net", localCopy: false };

describe("faults.clockSkew", () => {
  it("moves the server's clock: /auth/time and the timestamp check follow it", async () => {
    const mock = createMockOvh({ now: () => NOW_MS });
    mock.faults.clockSkew(3600);
    expect(await time(mock)).toBe(NOW + 3600);
    expect((await call(mock, "/me", { timestamp: NOW })).body.errorCode).toBe("QUERY_TIME_OUT");
    expect((await call(mock, "/me", { timestamp: NOW + 3600 })).status).toBe(200);
    mock.faults.clockSkew(-30.9);
    expect(await time(mock)).toBe(NOW - 30);
    mock.faults.clockSkew(0);
    expect(await time(mock)).toBe(NOW);
    expect(() => mock.faults.clockSkew(Number.NaN)).toThrow(TypeError);
  });
});

describe("faults.latency", () => {
  it("delays every answer", async () => {
    const mock = createMockOvh();
    mock.faults.latency(80);
    const started = performance.now();
    await time(mock);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    mock.faults.latency(0);
    const again = performance.now();
    await time(mock);
    expect(performance.now() - again).toBeLessThan(75);
    expect(() => mock.faults.latency(-1)).toThrow(TypeError);
  });

  it("gives up waiting when the caller aborts, with the caller's reason", async () => {
    const mock = createMockOvh();
    mock.faults.latency(10_000);
    const controller = new AbortController();
    const pending = mock.fetch(`${BASE}/auth/time`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("gave up")), 20);
    await expect(pending).rejects.toThrow("gave up");
    expect(mock.requests.at(-1)?.status).toBe(0);
  });
});

describe("faults.enqueue({ status })", () => {
  it("answers 429 with Retry-After and OVH's error shape, without reaching the API", async () => {
    const mock = createMockOvh();
    mock.faults.enqueue({ status: 429, retryAfter: 2 });
    const limited = await send(mock, "POST", redirections, newRedirection);
    expect(limited.status).toBe(429);
    expect(limited.response.headers.get("Retry-After")).toBe("2");
    expect(limited.response.headers.get("X-Ovh-QueryID")).toMatch(/^EU\.ext-/);
    expect(limited.body).toMatchObject({ class: "Client::TooManyRequests" });
    // Nothing was created, and the next request goes through.
    expect((await call(mock, `${redirections}?from=new@example.com`)).body).toEqual([]);
    expect((await send(mock, "POST", redirections, newRedirection)).status).toBe(200);
  });

  it("answers 5xx with OVH's error shape by default", async () => {
    const mock = createMockOvh();
    mock.faults.enqueue({ status: 503 });
    mock.faults.enqueue({ status: 500 });
    mock.faults.enqueue({ status: 599 });
    expect((await call(mock, "/me")).body).toEqual({
      class: "Server::ServiceUnavailable",
      message: "Service is temporarily unavailable",
    });
    expect((await call(mock, "/me")).body.class).toBe("Server::InternalServerError");
    expect((await call(mock, "/me")).body).toEqual({ class: "Server::Error", message: "HTTP 599" });
  });

  it("sends a string body as it is (HTML, or text), anything else as JSON, and given headers", async () => {
    const mock = createMockOvh();
    mock.faults.enqueue({ status: 502, body: "<html><body>Bad gateway</body></html>" });
    mock.faults.enqueue({ status: 200, body: "not json" });
    mock.faults.enqueue({ status: 200, body: { fake: true }, headers: { "X-Extra": "1" } });
    mock.faults.enqueue({ status: 204 });
    mock.faults.enqueue({ status: 200 });
    const html = await mock.handler(signedRequest("/me"));
    expect(html.status).toBe(502);
    expect(html.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(await html.text()).toBe("<html><body>Bad gateway</body></html>");
    const text = await mock.handler(signedRequest("/me"));
    expect(text.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(await text.text()).toBe("not json");
    const json = await mock.handler(signedRequest("/me"));
    expect(json.headers.get("X-Extra")).toBe("1");
    expect(await json.json()).toEqual({ fake: true });
    const empty = await mock.handler(signedRequest("/me"));
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe("");
    expect(await (await mock.handler(signedRequest("/me"))).json()).toBeNull();
  });
});

describe("faults.enqueue({ drop })", () => {
  it("answers nothing: the handler gives Response.error() and fetch rejects like a network failure", async () => {
    const mock = createMockOvh();
    mock.faults.enqueue({ drop: true }, { times: 2 });
    const response = await mock.handler(signedRequest("/me"));
    expect(response.type).toBe("error");
    const failure = mock.fetch(
      signedRequest(redirections, { method: "POST", body: JSON.stringify(newRedirection) }),
    );
    await expect(failure).rejects.toThrow(TypeError);
    await expect(failure).rejects.toMatchObject({ message: "fetch failed" });
    // The POST never reached the API.
    expect((await call(mock, `${redirections}?from=new@example.com`)).body).toEqual([]);
    expect(mock.requests.slice(0, 2).map((r) => [r.status, r.fault])).toEqual([
      [0, "drop"],
      [0, "drop"],
    ]);
  });
});

describe("faults.enqueue({ truncate })", () => {
  it("carries the request out, then answers a body cut in half (or to n characters)", async () => {
    const mock = createMockOvh();
    mock.faults.enqueue({ truncate: true });
    const cut = await mock.handler(
      signedRequest(redirections, { method: "POST", body: JSON.stringify(newRedirection) }),
    );
    expect(cut.status).toBe(200);
    const text = await cut.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith('{"account":"new"')).toBe(true);
    // The redirection was created.
    expect((await call(mock, `${redirections}?from=new@example.com`)).body).toHaveLength(1);
    mock.faults.enqueue({ truncate: 5 });
    expect(await (await mock.handler(signedRequest("/me"))).text()).toBe('{"add');
  });
});

describe("faults.enqueue({ interrupt })", () => {
  it("sends the status and headers, then fails while the body is read", async () => {
    const mock = createMockOvh();
    mock.faults.enqueue({ interrupt: true });
    const response = await mock.fetch(signedRequest("/me"));
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("Content-Length"))).toBeGreaterThan(100);
    await expect(response.text()).rejects.toThrow(/interrupted/);
  });
});

describe("queued faults", () => {
  it("apply in order, each the given number of times, and report how many are pending", async () => {
    const mock = createMockOvh();
    mock.faults.enqueue({ status: 503 }, { times: 2 });
    mock.faults.enqueue({ status: 502 });
    expect(mock.faults.pending).toBe(3);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(mock, "/me")).status);
    expect(statuses).toEqual([503, 503, 502, 200]);
    expect(mock.faults.pending).toBe(0);
  });

  it("apply only to matching requests: method, path pattern or RegExp", async () => {
    const mock = createMockOvh();
    mock.faults.enqueue({ status: 500 }, { match: { method: "post" } });
    mock.faults.enqueue({ status: 501 }, { match: { path: "/me/bill/*" } });
    mock.faults.enqueue({ status: 502 }, { match: { path: /^\/v1\// } });
    expect((await call(mock, "/me")).status).toBe(200);
    expect((await call(mock, "/me/bill")).status).toBe(200);
    expect((await call(mock, "/me/bill/FR50398710")).status).toBe(501);
    expect((await call(mock, "http://127.0.0.1:9/v1/me")).status).toBe(502);
    expect((await send(mock, "POST", redirections, newRedirection)).status).toBe(500);
    expect(mock.faults.pending).toBe(0);
  });

  it("last forever with times: Infinity, until clear()", async () => {
    const mock = createMockOvh();
    mock.faults.enqueue({ status: 503 }, { times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) expect((await call(mock, "/me")).status).toBe(503);
    expect(mock.faults.pending).toBe(Number.POSITIVE_INFINITY);
    mock.faults.clear();
    expect((await call(mock, "/me")).status).toBe(200);
  });

  it("wait their own delay before answering", async () => {
    const mock = createMockOvh();
    mock.faults.enqueue({ status: 504, delay: 80 });
    const started = performance.now();
    expect((await call(mock, "/me")).status).toBe(504);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it("are logged with their kind", async () => {
    const mock = createMockOvh();
    mock.faults.enqueue({ status: 503 });
    mock.faults.enqueue({ truncate: true });
    await call(mock, "/me");
    await mock.handler(signedRequest("/me"));
    await call(mock, "/me");
    expect(mock.requests.map((r) => r.fault)).toEqual(["status", "truncate", undefined]);
  });

  it("refuse malformed faults and options", () => {
    const { faults } = createMockOvh();
    for (const fault of [
      null,
      {},
      { status: 503, drop: true },
      { status: 99 },
      { status: 600 },
      { status: 200.5 },
      { truncate: -1 },
      { truncate: "half" },
      { drop: true, delay: -5 },
    ]) {
      expect(() => faults.enqueue(fault as never), JSON.stringify(fault)).toThrow(TypeError);
    }
    for (const times of [0, 1.5, -1]) {
      expect(() => faults.enqueue({ status: 503 }, { times })).toThrow(/times/);
    }
    expect(faults.pending).toBe(0);
  });
});
