import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Answer, answerOf } from "./answer.ts";
import type { AttemptSignal } from "./attempt-signal.ts";
import { APIError } from "./errors/api-error.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { NetworkError } from "./errors/network-error.ts";
import { RequestAbortedError } from "./errors/request-aborted-error.ts";
import { RequestTimeoutError } from "./errors/request-timeout-error.ts";
import type { ClientEvent } from "./events.ts";
import { type Exchange, exchange } from "./exchange.ts";
import { Limiter } from "./limiter.ts";
import { readAnswer } from "./read-body.ts";
import { DEFAULT_RETRY, retryPolicy } from "./retry.ts";

const ORIGIN = "https://eu.api.ovh.com";
const URL_ME = `${ORIGIN}/1.0/me`;

/** An answer as a transport gives it, its body read: with the URL it came from. */
function answer(
  status: number,
  body = "{}",
  headers: Record<string, string> = {},
  url = URL_ME,
): Answer {
  const response = new Response(status === 204 ? null : body, {
    status,
    headers: { "X-Ovh-QueryID": `EU.ext-1.${status}`, ...headers },
  });
  Object.defineProperty(response, "url", { value: url });
  return answerOf(response, status === 204 ? "" : body);
}

type Step = Answer | Error | "hang";

/** A transport that plays `steps` in order and records what it was sent. */
function transport(steps: Step[]) {
  const sent: { attempt: number; signal: AttemptSignal }[] = [];
  const send = (signal: AttemptSignal, attempt: number, onWire: () => void): Promise<Answer> => {
    onWire();
    sent.push({ attempt, signal });
    const step = steps.shift();
    if (step === undefined) throw new Error("no more steps");
    if (step === "hang") {
      return new Promise((_, reject) =>
        signal.addEventListener("abort", () => reject(signal.reason), { once: true }),
      );
    }
    return step instanceof Error ? Promise.reject(step) : Promise.resolve(step);
  };
  return { send, sent };
}

function setup(steps: Step[], overrides: Partial<Exchange<unknown>> = {}) {
  const events: ClientEvent[] = [];
  const { send, sent } = transport(steps);
  const limiter = new Limiter({ maxConcurrency: 1 });
  const read = vi.fn((answer: Answer) => ({ status: answer.status, body: answer.text }));
  const x: Exchange<unknown> = {
    method: "GET",
    path: "/me",
    url: URL_ME,
    origin: ORIGIN,
    policy: DEFAULT_RETRY,
    limiter,
    timeout: 1000,
    onEvent: (e) => events.push(e),
    secrets: ["S3CRET", "CK-VALUE"],
    send,
    read,
    random: () => 0.5,
    ...overrides,
  };
  return { x, events, sent, read, limiter, run: () => exchange(x) };
}

const kinds = (events: ClientEvent[]) =>
  events.map((e) => (e.type === "response" ? `${e.type} ${e.status}` : e.type));

describe("exchange", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads the first answer when it is final", async () => {
    const { run, events, sent } = setup([answer(200, '{"a":1}')]);
    await expect(run()).resolves.toEqual({ status: 200, body: '{"a":1}' });
    expect(sent).toHaveLength(1);
    expect(events).toEqual([
      {
        type: "response",
        method: "GET",
        url: URL_ME,
        attempt: 1,
        status: 200,
        queryId: "EU.ext-1.200",
        durationMs: 0,
      },
    ]);
  });

  it("retries a GET on 503 with a growing backoff, then reads the success", async () => {
    const { run, events, sent } = setup([answer(503), answer(502), answer(200)]);
    const result = run();
    await vi.advanceTimersByTimeAsync(374);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(750);
    await expect(result).resolves.toMatchObject({ status: 200 });
    expect(sent.map((s) => s.attempt)).toEqual([1, 2, 3]);
    expect(kinds(events)).toEqual([
      "response 503",
      "retry",
      "response 502",
      "retry",
      "response 200",
    ]);
    expect(events[1]).toEqual({
      type: "retry",
      method: "GET",
      url: URL_ME,
      attempt: 1,
      delayMs: 375,
      reason: "status",
      status: 503,
    });
    expect(events[3]).toMatchObject({ attempt: 2, delayMs: 750 });
  });

  it("gives up after the limit and reads the last answer (which the reader turns into an error)", async () => {
    const { run, sent, read } = setup([answer(503), answer(503), answer(503)]);
    const result = run();
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(result).resolves.toMatchObject({ status: 503 });
    expect(sent).toHaveLength(3);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("never retries a POST, whatever the status", async () => {
    const { run, sent } = setup([answer(503), answer(200)], { method: "POST" });
    await expect(run()).resolves.toMatchObject({ status: 503 });
    expect(sent).toHaveLength(1);
  });

  it("never retries a POST after a network error either", async () => {
    const { run, sent } = setup([new TypeError("fetch failed"), answer(200)], { method: "POST" });
    await expect(run()).rejects.toBeInstanceOf(NetworkError);
    expect(sent).toHaveLength(1);
  });

  it("retries a POST when the call opts in", async () => {
    const { run, sent } = setup([answer(503), answer(201)], {
      method: "POST",
      policy: retryPolicy({ methods: ["POST"] }),
    });
    const result = run();
    await vi.advanceTimersByTimeAsync(1000);
    await expect(result).resolves.toMatchObject({ status: 201 });
    expect(sent).toHaveLength(2);
  });

  it("waits exactly what Retry-After asks on 429", async () => {
    const { run, sent, events } = setup([answer(429, "{}", { "Retry-After": "3" }), answer(200)]);
    const result = run();
    await vi.advanceTimersByTimeAsync(2999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toMatchObject({ status: 200 });
    expect(events[1]).toMatchObject({ type: "retry", delayMs: 3000, status: 429 });
  });

  it("does not wait for a Retry-After longer than maxRetryAfter: the 429 is final", async () => {
    const { run, sent } = setup([answer(429, "{}", { "Retry-After": "3600" }), answer(200)]);
    await expect(run()).resolves.toMatchObject({ status: 429 });
    expect(sent).toHaveLength(1);
  });

  it("retries network errors of idempotent calls, and reports the last one", async () => {
    const { run, sent, events } = setup([
      new TypeError("fetch failed"),
      new TypeError("fetch failed"),
      new TypeError("other side closed"),
    ]);
    const result = run().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await result;
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe("Network failure: other side closed (GET /me)");
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(sent).toHaveLength(3);
    expect(kinds(events)).toEqual(["retry", "retry", "error"]);
    expect(events[0]).toMatchObject({ reason: "network", status: undefined });
    expect(events[2]).toMatchObject({ type: "error", attempt: 3, error });
  });

  it("retries when the body breaks while being read", async () => {
    const cut = new ReadableStream({ pull: (c) => c.error(new TypeError("terminated")) });
    const broken = await readAnswer(new Response(cut), 100, new AbortController().signal, {
      method: "GET",
      path: "/me",
      secrets: [],
    }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(NetworkError);
    const { run, sent, events } = setup([broken as Error, answer(200, "second")]);
    const result = run();
    await vi.advanceTimersByTimeAsync(1000);
    await expect(result).resolves.toEqual({ status: 200, body: "second" });
    expect(sent).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: "retry", reason: "network", status: 200 });
  });

  it("does not retry an error of the reader itself, nor a NetworkError it made", async () => {
    const notFound = new APIError("Not found (GET /me: HTTP 404)", { status: 404 });
    const { run, sent } = setup([answer(404)], {
      read: () => {
        throw notFound;
      },
    });
    await expect(run()).rejects.toBe(notFound);
    expect(sent).toHaveLength(1);
    // Only failures classified as a transport's are retried, not any NetworkError.
    const own = new NetworkError("made up (GET /me)");
    const again = setup([answer(200), answer(200)], {
      read: () => {
        throw own;
      },
    });
    await expect(again.run()).rejects.toBe(own);
    expect(again.sent).toHaveLength(1);
  });

  it("keeps credentials out of a transport's error message, and drops its cause", async () => {
    const leaky = new TypeError("refused: consumer CK-VALUE with secret S3CRET");
    const { run } = setup([leaky], { policy: retryPolicy(0) });
    const error = (await run().catch((e: unknown) => e)) as NetworkError;
    expect(error.message).toBe(
      "Network failure: refused: consumer [redacted] with secret [redacted] (GET /me)",
    );
    expect(error.cause).toBeUndefined();
  });

  it("describes a transport that throws something other than an Error", async () => {
    const { run } = setup([], {
      policy: retryPolicy(0),
      send: () => Promise.reject("socket hang up"),
    });
    await expect(run()).rejects.toThrow("Network failure: socket hang up (GET /me)");
  });

  it("times out an attempt that gets no answer, and does not retry it", async () => {
    const { run, sent, events } = setup(["hang", answer(200)]);
    const result = run().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    const error = await result;
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toBe("No response within 1000 ms (GET /me)");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.signal.aborted).toBe(true);
    expect(kinds(events)).toEqual(["error"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("times out a body that never ends: the deadline covers the read", async () => {
    const endless = new ReadableStream({ pull: () => new Promise<void>(() => undefined) });
    const { run } = setup([], {
      send: async (signal, _attempt, onWire) => {
        onWire();
        return readAnswer(new Response(endless), 100, signal.signal, {
          method: "GET",
          path: "/me",
          secrets: [],
        });
      },
    });
    const result = run().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await result).toBeInstanceOf(RequestTimeoutError);
  });

  it("aborts mid-flight with RequestAbortedError, and sends nothing more", async () => {
    const controller = new AbortController();
    const { run, sent, limiter } = setup(["hang", answer(200)], { signal: controller.signal });
    const result = run().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    const reason = new Error("user left");
    controller.abort(reason);
    const error = await result;
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect((error as Error).message).toBe("The call was aborted (GET /me)");
    expect((error as Error).cause).toBe(reason);
    expect(sent[0]?.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(1);
    expect(limiter.active).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("aborts during the backoff without waiting for it", async () => {
    const controller = new AbortController();
    const { run, sent, events } = setup([answer(503), answer(200)], { signal: controller.signal });
    const result = run().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await result).toBeInstanceOf(RequestAbortedError);
    expect(vi.getTimerCount()).toBe(0);
    expect(sent).toHaveLength(1);
    expect(kinds(events)).toEqual(["response 503", "retry", "error"]);
  });

  it("aborts while waiting for the limiter", async () => {
    const controller = new AbortController();
    const { run, sent, limiter } = setup([answer(200)], { signal: controller.signal });
    const hold = await limiter.acquire();
    const result = run().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(limiter.pending).toBe(1);
    controller.abort();
    expect(await result).toBeInstanceOf(RequestAbortedError);
    expect(limiter.pending).toBe(0);
    expect(sent).toHaveLength(0);
    hold.release();
  });

  it("holds its limiter slot while reading, and gives it back between attempts", async () => {
    const seen: number[] = [];
    const { run, limiter } = setup([answer(503), answer(200)], {
      read: () => {
        seen.push(limiter.active);
        return "ok";
      },
      onEvent: (e) => {
        if (e.type === "retry") seen.push(limiter.active);
      },
    });
    const result = run();
    await vi.advanceTimersByTimeAsync(1000);
    await expect(result).resolves.toBe("ok");
    expect(seen).toEqual([0, 1]);
    expect(limiter.active).toBe(0);
  });

  it("tells the limiter when each attempt goes out, so the rate window counts from then", async () => {
    const wentOut: number[] = [];
    const { run } = setup([], {
      limiter: new Limiter({ rateLimit: { requests: 1, interval: 1000 } }, Date.now),
      policy: retryPolicy({ delay: 0 }),
      // Each attempt reaches the wire 300 ms after the limiter let it in.
      send: async (_signal, _attempt, onWire) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        onWire();
        wentOut.push(Date.now());
        return answer(wentOut.length < 2 ? 503 : 200);
      },
    });
    const result = run();
    await vi.advanceTimersByTimeAsync(3000);
    await expect(result).resolves.toMatchObject({ status: 200 });
    expect(wentOut).toEqual([300, 1600]);
  });

  describe("a refused timestamp", () => {
    const outOfTime = () =>
      answer(
        400,
        '{"class":"Client::BadRequest","errorCode":"QUERY_TIME_OUT","httpCode":"400 Bad Request","message":"Query out of time"}',
      );

    it("re-syncs the clock once and tries once more, even with retries off", async () => {
      const resync = vi.fn(async () => {});
      const { run, sent, events } = setup([outOfTime(), answer(200)], {
        resync,
        policy: retryPolicy(0),
      });
      await expect(run()).resolves.toMatchObject({ status: 200 });
      expect(resync).toHaveBeenCalledTimes(1);
      expect(sent).toHaveLength(2);
      expect(events[1]).toMatchObject({ type: "retry", reason: "clock", delayMs: 0, status: 400 });
    });

    it("re-syncs only once per call: a second refusal is final", async () => {
      const resync = vi.fn(async () => {});
      const { run, sent } = setup([outOfTime(), outOfTime(), answer(200)], { resync });
      const result = await run();
      expect(result).toMatchObject({ status: 400 });
      expect((result as { body: string }).body).toContain("QUERY_TIME_OUT");
      expect(resync).toHaveBeenCalledTimes(1);
      expect(sent).toHaveLength(2);
    });

    it("leaves other 400s and unsigned calls alone", async () => {
      const resync = vi.fn(async () => {});
      const signature = setup([answer(400, '{"errorCode":"INVALID_SIGNATURE"}')], { resync });
      await expect(signature.run()).resolves.toMatchObject({ status: 400 });
      const unsigned = setup([outOfTime()]);
      await expect(unsigned.run()).resolves.toMatchObject({ status: 400 });
      expect(resync).not.toHaveBeenCalled();
    });

    it("fails with the re-sync's own error when the clock cannot be read", async () => {
      const down = new NetworkError("Network failure (GET /auth/time)");
      const { run, events } = setup([outOfTime()], { resync: () => Promise.reject(down) });
      await expect(run()).rejects.toBe(down);
      expect(kinds(events).at(-1)).toBe("error");
    });

    it("stops waiting for the re-sync when the call is aborted", async () => {
      const controller = new AbortController();
      const { run } = setup([outOfTime()], {
        resync: () => new Promise(() => {}),
        signal: controller.signal,
      });
      const result = run().catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(10);
      controller.abort();
      expect(await result).toBeInstanceOf(RequestAbortedError);
    });
  });

  describe("responses from elsewhere", () => {
    it("refuses an answer from another origin", async () => {
      const { run, read } = setup([answer(200, "{}", {}, "https://evil.example/1.0/me")]);
      const error = (await run().catch((e: unknown) => e)) as InvalidResponse;
      expect(error).toBeInstanceOf(InvalidResponse);
      expect(error.message).toBe(
        "The response came from https://evil.example, not from the endpoint's origin https://eu.api.ovh.com; it is not trusted (GET /me: HTTP 200, OVH-Query-ID: EU.ext-1.200)",
      );
      expect(read).not.toHaveBeenCalled();
    });

    it("refuses an answer reached through a redirect", async () => {
      const redirected = { ...answer(200), redirected: true };
      await expect(setup([redirected]).run()).rejects.toBeInstanceOf(InvalidResponse);
    });

    it("accepts an answer without a URL (a custom transport's)", async () => {
      const bare = answerOf(new Response("{}", { status: 200 }), "{}");
      await expect(setup([bare]).run()).resolves.toMatchObject({ status: 200 });
    });
  });
});
