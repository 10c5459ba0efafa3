/**
 * The client against the mock OVH API over real HTTP on 127.0.0.1, with the mock's faults:
 * retries, Retry-After, POST never retried, fresh signatures, clock recovery, aborts, timeouts,
 * malformed answers, the limiter and the event hook.
 */
import {
  DEMO_APPLICATION_KEY,
  DEMO_APPLICATION_SECRET,
  DEMO_CONSUMER_KEY,
  type MockOvh,
} from "@asyncovh/mock";
import type { MockServer } from "@asyncovh/mock/node";
import { type MockApi, startMockApi } from "@asyncovh/mock/testing";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { Client } from "./client.ts";
import { APIError } from "./errors/api-error.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { NetworkError } from "./errors/network-error.ts";
import { RequestAbortedError } from "./errors/request-aborted-error.ts";
import { RequestTimeoutError } from "./errors/request-timeout-error.ts";
import { ResourceNotFoundError } from "./errors/resource-not-found-error.ts";
import type { ClientEvent } from "./events.ts";
import { sign } from "./signer.ts";
import type { ClientOptions } from "./types.ts";

let api: MockApi<Client, ClientOptions>;
let mock: MockOvh;
let server: MockServer;
let inFlight: number;
let peak: number;

// Captured before any test fakes timers: polling must keep real time.
const realSetTimeout = globalThis.setTimeout;
const pause = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));

/** Polls (in real time) until `check` stops throwing. */
async function until(check: () => void, timeout = 5000): Promise<void> {
  const end = performance.now() + timeout;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (performance.now() > end) throw error;
      await pause(5);
    }
  }
}

beforeEach(async () => {
  inFlight = 0;
  peak = 0;
  api = await startMockApi(Client, {
    wrap: (handler) => async (request) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await handler(request);
      } finally {
        inFlight--;
      }
    },
  });
  ({ mock, server } = api);
});

afterEach(async () => {
  vi.useRealTimers();
  await api.stop();
});

const demoClient = (options: ClientOptions = {}) => api.client({ retry: { delay: 5 }, ...options });

/** The requests the server received, with their path under the API's base. */
const seen = () =>
  api.received.map((r) => ({ ...r, path: new URL(r.url).pathname.replace(/^\/1\.0/, "") }));

/** The mock's log of the calls to `path`, as `status` numbers (0: no answer). */
const statuses = (path: string) =>
  mock.requests.filter((r) => r.path === path).map((r) => r.status);
const onMe = { match: { path: "/me" } };

describe("retries against the mock", () => {
  it("retries a GET through a 503 and a dropped connection, then succeeds", async () => {
    mock.faults.enqueue({ status: 503 }, onMe);
    mock.faults.enqueue({ drop: true }, onMe);
    const me = await demoClient().get<{ nichandle: string }>("/me");
    expect(typeof me.nichandle).toBe("string");
    expect(statuses("/me")).toEqual([503, 0, 200]);
  });

  it("retries a dropped body (interrupted mid-way) and a 429, 502, 504 and 408", async () => {
    for (const fault of [
      { interrupt: true as const },
      { status: 429 },
      { status: 502 },
      { status: 504 },
      { status: 408 },
    ]) {
      mock.faults.enqueue(fault, onMe);
    }
    await expect(demoClient({ retry: { limit: 5, delay: 1 } }).get("/me")).resolves.toBeTruthy();
    expect(statuses("/me")).toEqual([200, 429, 502, 504, 408, 200]);
  });

  it("gives up after the limit (default 2 retries) with the last answer's error and query id", async () => {
    mock.faults.enqueue({ status: 503 }, { ...onMe, times: 3 });
    const error = (await demoClient()
      .get("/me")
      .catch((e: unknown) => e)) as APIError;
    expect(error).toBeInstanceOf(APIError);
    expect(error.status).toBe(503);
    const last = mock.requests.filter((r) => r.path === "/me").at(-1);
    expect(error.queryId).toBe(last?.queryId);
    expect(error.message).toContain(`OVH-Query-ID: ${last?.queryId}`);
    expect(statuses("/me")).toEqual([503, 503, 503]);
  });

  it("does not retry with retry: 0, client-wide or per call", async () => {
    mock.faults.enqueue({ status: 503 }, { ...onMe, times: 2 });
    await expect(demoClient({ retry: 0 }).get("/me")).rejects.toMatchObject({ status: 503 });
    await expect(demoClient().get("/me", undefined, { retry: 0 })).rejects.toMatchObject({
      status: 503,
    });
    expect(statuses("/me")).toEqual([503, 503]);
  });

  it("never retries a POST silently, after a 503 or a dropped connection", async () => {
    const client = demoClient();
    const path = "/email/domain/example.com/redirection";
    const redirection = { from: "sales@example.com", to: "team@example.net", localCopy: false };
    mock.faults.enqueue({ status: 503 }, { match: { method: "POST" } });
    await expect(client.post(path, redirection)).rejects.toMatchObject({ status: 503 });
    mock.faults.enqueue({ drop: true }, { match: { method: "POST" } });
    await expect(client.post(path, redirection)).rejects.toBeInstanceOf(NetworkError);
    expect(mock.requests.filter((r) => r.method === "POST").map((r) => r.status)).toEqual([503, 0]);
  });

  it("retries a POST when the call opts in", async () => {
    const path = "/email/domain/example.com/redirection";
    mock.faults.enqueue({ status: 503 }, { match: { method: "POST" } });
    const task = await demoClient().post(
      path,
      { from: "sales@example.com", to: "team@example.net", localCopy: false },
      { retry: { methods: ["POST"] } },
    );
    expect(task).toMatchObject({ action: "add" });
    expect(mock.requests.filter((r) => r.method === "POST").map((r) => r.status)).toEqual([
      503, 200,
    ]);
  });

  it("signs every attempt anew: a fresh timestamp, a different signature, each one valid", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2025-03-01T12:00:00Z") });
    mock.faults.enqueue({ status: 503 }, { ...onMe, times: 2 });
    const client = demoClient({
      // Let time pass between attempts, so that each one falls in another second.
      onEvent: (event) => {
        if (event.type === "retry") vi.setSystemTime(Date.now() + 2000);
      },
    });
    await client.get("/me");
    const attempts = seen().filter((s) => s.path === "/me");
    expect(attempts).toHaveLength(3);
    const timestamps = attempts.map((s) => Number(s.headers.get("X-Ovh-Timestamp")));
    expect(timestamps[1]).toBe((timestamps[0] as number) + 2);
    expect(timestamps[2]).toBe((timestamps[0] as number) + 4);
    const signatures = attempts.map((s) => s.headers.get("X-Ovh-Signature"));
    expect(new Set(signatures).size).toBe(3);
    for (const [i, attempt] of attempts.entries()) {
      expect(signatures[i]).toBe(
        sign({
          applicationSecret: DEMO_APPLICATION_SECRET,
          consumerKey: DEMO_CONSUMER_KEY,
          method: "GET",
          url: attempt.url,
          body: "",
          timestamp: timestamps[i] as number,
        }),
      );
    }
    // The last one went through the mock's own signature check.
    expect(statuses("/me")).toEqual([503, 503, 200]);
  });

  it("waits exactly what Retry-After says on a 429", async () => {
    const retries: ClientEvent[] = [];
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    mock.faults.enqueue({ status: 429, retryAfter: 2 }, onMe);
    const call = demoClient({
      timeDelta: 0,
      onEvent: (e) => {
        if (e.type === "retry") retries.push(e);
      },
    }).get("/me");
    await until(() => expect(retries).toHaveLength(1));
    expect(retries[0]).toMatchObject({ delayMs: 2000, status: 429, reason: "status" });
    await vi.advanceTimersByTimeAsync(1999);
    await pause(50);
    expect(statuses("/me")).toEqual([429]);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toBeTruthy();
    expect(statuses("/me")).toEqual([429, 200]);
  });

  it("gives up at once on a Retry-After beyond maxRetryAfter", async () => {
    mock.faults.enqueue({ status: 429, retryAfter: 3600 }, onMe);
    const started = performance.now();
    await expect(demoClient().get("/me")).rejects.toMatchObject({ status: 429 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(statuses("/me")).toEqual([429]);
  });
});

describe("clock drift against the mock", () => {
  it("re-syncs /auth/time once when the server refuses the timestamp, and carries on", async () => {
    const client = demoClient();
    await client.get("/me");
    // A second may tick between the server's answer and the local clock's reading.
    expect(Math.abs(await client.timeDelta())).toBeLessThanOrEqual(1);
    mock.faults.clockSkew(3600);
    await expect(client.get("/me")).resolves.toBeTruthy();
    expect(Math.abs((await client.timeDelta()) - 3600)).toBeLessThanOrEqual(1);
    const log = mock.requests.map((r) => `${r.path} ${r.status}`);
    expect(log).toEqual(["/auth/time 200", "/me 200", "/me 400", "/auth/time 200", "/me 200"]);
  });

  it("corrects a wrong preset timeDelta", async () => {
    const client = demoClient({ timeDelta: -7200 });
    await expect(client.get("/me")).resolves.toBeTruthy();
    expect(Math.abs(await client.timeDelta())).toBeLessThanOrEqual(1);
    expect(statuses("/me")).toEqual([400, 200]);
  });

  it("re-reads the clock once for many calls refused at the same moment", async () => {
    const client = demoClient({ timeDelta: 0 });
    mock.faults.clockSkew(-900);
    await Promise.all(Array.from({ length: 8 }, () => client.get("/me")));
    expect(statuses("/auth/time")).toEqual([200]);
    expect(statuses("/me").filter((s) => s === 200)).toHaveLength(8);
  });

  it("works with retries turned off", async () => {
    mock.faults.clockSkew(600);
    await expect(demoClient({ timeDelta: 0, retry: 0 }).get("/me")).resolves.toBeTruthy();
  });
});

describe("timeouts and aborts against the mock", () => {
  it("aborts mid-flight with RequestAbortedError; the server sees the connection closed", async () => {
    const client = demoClient({ timeDelta: 0 });
    mock.faults.latency(10_000);
    const controller = new AbortController();
    const call = client.get("/me", undefined, { signal: controller.signal });
    await until(() => expect(seen().filter((s) => s.path === "/me")).toHaveLength(1));
    const started = performance.now();
    controller.abort(new Error("the user navigated away"));
    const error = (await call.catch((e: unknown) => e)) as RequestAbortedError;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error.message).toBe("The call was aborted (GET /me)");
    expect(performance.now() - started).toBeLessThan(500);
    // The mock logs the request with no answer once it notices the client left.
    await until(() => expect(statuses("/me")).toEqual([0]));
    await pause(100);
    expect(seen().filter((s) => s.path === "/me")).toHaveLength(1);
  });

  it("aborts while waiting for the server's time", async () => {
    mock.faults.latency(10_000);
    const controller = new AbortController();
    const call = demoClient().get("/me", undefined, { signal: controller.signal });
    await until(() => expect(seen()).toHaveLength(1));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(RequestAbortedError);
    expect(seen().filter((s) => s.path === "/me")).toHaveLength(0);
  });

  it("aborts a retry's wait", async () => {
    const controller = new AbortController();
    mock.faults.enqueue({ status: 503 }, onMe);
    const call = demoClient({ timeDelta: 0, retry: { delay: 60_000 } }).get("/me", undefined, {
      signal: controller.signal,
    });
    await until(() => expect(statuses("/me")).toEqual([503]));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(RequestAbortedError);
    await pause(50);
    expect(statuses("/me")).toEqual([503]);
  });

  it("times out with RequestTimeoutError, per call, and does not retry the timeout", async () => {
    mock.faults.latency(10_000);
    const client = demoClient({ timeDelta: 0 });
    const started = performance.now();
    const error = (await client
      .get("/me", undefined, { timeout: 200 })
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error.message).toBe("No response within 200 ms (GET /me)");
    expect(performance.now() - started).toBeLessThan(1000);
    expect(seen().filter((s) => s.path === "/me")).toHaveLength(1);
  });

  it("times out a body that stops coming, per client", async () => {
    // The status and headers arrive, then the body never ends: the deadline covers the read.
    const stalled = await startMockApi(Client, {
      wrap: () => async () => {
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"partial":'));
          },
        });
        return new Response(body, { headers: { "Content-Type": "application/json" } });
      },
      stopWith: onTestFinished,
    });
    const client = stalled.client({ timeout: 200, retry: 0 });
    const call = client.get("/auth/time", undefined, { needAuth: false });
    await expect(call).rejects.toBeInstanceOf(RequestTimeoutError);
  });
});

describe("malformed answers against the mock", () => {
  const once = (fault: Parameters<MockOvh["faults"]["enqueue"]>[0]) =>
    mock.faults.enqueue(fault, onMe);

  it.each([
    ["an HTML error page", { status: 502, body: "<html><h1>502 Bad Gateway</h1></html>" }, 502],
    ["a truncated JSON body", { truncate: true as const }, 200],
    ["an empty 200", { status: 200, body: "" }, 200],
    ["plain text", { status: 200, body: "OK" }, 200],
  ])("%s gives InvalidResponse with the status", async (_, fault, status) => {
    once(fault);
    const error = (await demoClient({ retry: 0 })
      .get("/me")
      .catch((e: unknown) => e)) as InvalidResponse;
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error.status).toBe(status);
    expect(error.message).toMatch(
      new RegExp(`^Failed to decode API response \\(GET /me: HTTP ${status}, OVH-Query-ID: `),
    );
  });

  it("refuses a body larger than maxResponseSize, per call", async () => {
    const client = demoClient();
    await expect(client.get("/me", undefined, { maxResponseSize: 64 })).rejects.toThrow(
      /larger than maxResponseSize \(64 bytes\)/,
    );
    await expect(client.get("/me")).resolves.toBeTruthy();
  });

  it("refuses an enormous body early, per client", async () => {
    mock.addBills(2000);
    const error = (await demoClient({ maxResponseSize: 10_000 })
      .get("/me/bill")
      .catch((e: unknown) => e)) as InvalidResponse;
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error.status).toBe(200);
  });

  it("gives a NetworkError when the body breaks and retries are off", async () => {
    once({ interrupt: true });
    await expect(demoClient({ retry: 0 }).get("/me")).rejects.toBeInstanceOf(NetworkError);
  });

  it("does not follow a redirect: the credentials stay on the endpoint", async () => {
    once({ status: 302, headers: { Location: "http://127.0.0.1:9/steal" } });
    const error = (await demoClient()
      .get("/me")
      .catch((e: unknown) => e)) as APIError;
    expect(error.message).toMatch(/^The API answered with a redirect, which is not followed/);
    expect(error.status).toBe(302);
    expect(seen().every((s) => s.url.startsWith(server.origin))).toBe(true);
  });

  it("puts the X-Ovh-QueryID of a failing call in its error", async () => {
    const error = (await demoClient()
      .get("/me/bill/nope")
      .catch((e: unknown) => e)) as ResourceNotFoundError;
    expect(error).toBeInstanceOf(ResourceNotFoundError);
    const record = mock.requests.at(-1);
    expect(error.queryId).toBe(record?.queryId);
    expect(error.message).toContain(record?.queryId);
  });
});

describe("the limiter against the mock", () => {
  it("never has more than maxConcurrency requests at the server", async () => {
    mock.faults.latency(20);
    const client = demoClient({ maxConcurrency: 4, timeDelta: 0 });
    const results = await Promise.all(Array.from({ length: 40 }, () => client.get("/me")));
    expect(results).toHaveLength(40);
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBe(4);
  });

  it("starts at most `requests` per `interval`", async () => {
    const starts: number[] = [];
    const client = demoClient({
      rateLimit: { requests: 5, interval: 200 },
      timeDelta: 0,
      onEvent: (e) => {
        if (e.type === "request") starts.push(performance.now());
      },
    });
    const started = performance.now();
    await Promise.all(Array.from({ length: 12 }, () => client.get("/me")));
    expect(performance.now() - started).toBeGreaterThanOrEqual(395);
    expect(starts).toHaveLength(12);
    // Events trail the limiter's grants by a few ms of request building: a shorter window
    // than the interval absorbs that, and still sees a burst if the limiter let one through.
    for (const start of starts) {
      const window = starts.filter((t) => t >= start && t < start + 150);
      expect(window.length).toBeLessThanOrEqual(5);
    }
    expect(statuses("/me").every((s) => s === 200)).toBe(true);
  });
});

describe("events against the mock", () => {
  it("reports requests, responses and retries, with the secret headers redacted", async () => {
    const events: ClientEvent[] = [];
    mock.faults.enqueue({ status: 503 }, onMe);
    await demoClient({ onEvent: (e) => events.push(e), timeDelta: 0 }).get("/me");
    expect(events.map((e) => (e.type === "response" ? `response ${e.status}` : e.type))).toEqual([
      "request",
      "response 503",
      "retry",
      "request",
      "response 200",
    ]);
    const request = events[0] as Extract<ClientEvent, { type: "request" }>;
    expect(request).toMatchObject({ method: "GET", url: `${server.baseUrl}/me`, attempt: 1 });
    expect(request.headers).toMatchObject({
      "x-ovh-application": DEMO_APPLICATION_KEY,
      "x-ovh-consumer": "[redacted]",
      "x-ovh-signature": "[redacted]",
    });
    expect(request.headers["x-ovh-timestamp"]).toMatch(/^\d+$/);
    expect(events[4]).toMatchObject({ attempt: 2, queryId: expect.stringMatching(/./) });
    const text = JSON.stringify(events);
    expect(text).not.toContain(DEMO_CONSUMER_KEY);
    expect(text).not.toContain(DEMO_APPLICATION_SECRET);
  });

  it("reports the final error of a failed call", async () => {
    const events: ClientEvent[] = [];
    const error = await demoClient({ onEvent: (e) => events.push(e), timeDelta: 0 })
      .get("/me/bill/nope")
      .catch((e: unknown) => e);
    expect(events.at(-1)).toEqual({
      type: "error",
      method: "GET",
      url: `${server.baseUrl}/me/bill/nope`,
      attempt: 1,
      error,
    });
  });
});
