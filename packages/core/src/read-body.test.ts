import { describe, expect, it, vi } from "vitest";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { NetworkError } from "./errors/network-error.ts";
import {
  announcedLength,
  checkMaxResponseSize,
  DEFAULT_MAX_RESPONSE_SIZE,
  readAnswer,
  readText,
} from "./read-body.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const never = () => new AbortController().signal;
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/**
 * A body served one chunk per pull, recording how many bytes were pulled and why it was
 * cancelled. Once the chunks run out it ends, or stays open when `hang` is set.
 */
function body(chunks: Uint8Array[] | (() => Uint8Array), { hang = false } = {}) {
  const state = { pulled: 0, cancelled: false, reason: undefined as unknown };
  let index = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = typeof chunks === "function" ? chunks() : chunks[index++];
        if (chunk === undefined) {
          if (hang) return new Promise<void>(() => undefined);
          controller.close();
          return;
        }
        state.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel(reason) {
        state.cancelled = true;
        state.reason = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

/** A signal that never aborts and shows which listeners it holds. */
function listened() {
  const listeners = new Set<() => void>();
  const signal = {
    aborted: false,
    reason: undefined,
    throwIfAborted() {},
    addEventListener(_type: "abort", listener: () => void) {
      listeners.add(listener);
    },
    removeEventListener(_type: "abort", listener: () => void) {
      listeners.delete(listener);
    },
  };
  return { listeners, signal: signal as unknown as AbortSignal };
}

describe("readText", () => {
  it("reads a body without a stream as empty text", async () => {
    expect(await readText(new Response(null), 10, never())).toBe("");
  });

  it("refuses a body announced larger than maxBytes without reading it, and cancels it", async () => {
    const { stream, state } = body([bytes("x".repeat(20))], { hang: true });
    const response = new Response(stream, { headers: { "Content-Length": "20" } });
    expect(await readText(response, 19, never())).toBeUndefined();
    expect(state.pulled).toBe(0);
    expect(state.cancelled).toBe(true);
  });

  it("trusts only a Content-Length of digits: any other reads chunk by chunk under the cap", async () => {
    for (const length of ["", "-1", "0x1", "1e1", "1.5"]) {
      const { stream, state } = body([bytes("x".repeat(6)), bytes("x".repeat(6))]);
      const response = new Response(stream, { headers: { "Content-Length": length } });
      expect(await readText(response, 10, never())).toBeUndefined();
      expect(state.pulled).toBe(12);
    }
  });

  it("reads a body announced at most maxBytes chunk by chunk, and still stops past the cap", async () => {
    // A compressed body is announced at its compressed size: the count is what holds.
    const { stream, state } = body(() => new Uint8Array(16));
    const response = new Response(stream, {
      headers: { "Content-Length": "10", "Content-Encoding": "gzip" },
    });
    expect(await readText(response, 100, never())).toBeUndefined();
    expect(state.pulled).toBe(112);
    expect(state.cancelled).toBe(true);
  });

  it("reads a body of up to maxBytes, and no more", async () => {
    const { stream } = body([bytes("x".repeat(60)), bytes("y".repeat(40))]);
    expect(await readText(new Response(stream), 100, never())).toBe(
      `${"x".repeat(60)}${"y".repeat(40)}`,
    );
    const over = body([bytes("x".repeat(60)), bytes("y".repeat(41))]);
    expect(await readText(new Response(over.stream), 100, never())).toBeUndefined();
    expect(over.state.cancelled).toBe(true);
  });

  it("gives undefined past the cap even when cancelling the stream fails", async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(16));
      },
      cancel() {
        throw new Error("cannot cancel");
      },
    });
    expect(await readText(new Response(stream), 20, never())).toBeUndefined();
    expect(pulls).toBeGreaterThanOrEqual(2);
    // An unhandled rejection would fail the run.
    await settle();
  });

  it("keeps a multi-byte UTF-8 character whole when it is split across chunks", async () => {
    const all = bytes('{"name":"Zoë 🙂"}');
    const emoji = all.length - 4; // the 4 bytes of 🙂 end before the last 2 characters
    const { stream } = body([
      all.slice(0, 12),
      all.slice(12, 13),
      all.slice(13, emoji - 1),
      all.slice(emoji - 1, emoji + 1),
      all.slice(emoji + 1),
    ]);
    expect(await readText(new Response(stream), 100, never())).toBe('{"name":"Zoë 🙂"}');
  });

  it("drops a UTF-8 byte order mark, as fetch's text() does", async () => {
    const marked = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("{}")]);
    const { stream } = body([marked]);
    expect(await readText(new Response(stream), 10, never())).toBe("{}");
  });

  it("rejects with the signal's reason when the signal aborts mid-body, and cancels", async () => {
    const controller = new AbortController();
    const { stream, state } = body([bytes("part")], { hang: true });
    const reading = readText(new Response(stream), 100, controller.signal);
    await vi.waitFor(() => expect(state.pulled).toBe(4));
    const reason = new Error("given up");
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
    expect(state.cancelled).toBe(true);
    expect(state.reason).toBe(reason);
  });

  it("rejects at once, reading nothing, when the signal has aborted already", async () => {
    const { stream, state } = body([bytes("part")]);
    const reason = new Error("too late");
    const reading = readText(new Response(stream), 100, AbortSignal.abort(reason));
    await expect(reading).rejects.toBe(reason);
    expect(state.pulled).toBe(0);
    expect(state.cancelled).toBe(true);
  });

  it("rejects with the signal's reason, not the stream's error, when an abort breaks the stream", async () => {
    // A fetch body errors on its own when fetch's signal aborts, before the reader hears it.
    const controller = new AbortController();
    let fail: (error: Error) => void = () => undefined;
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        start(c) {
          fail = (error) => c.error(error);
        },
        pull(c) {
          if (pulls++ === 0) c.enqueue(bytes("part"));
          else return new Promise<void>(() => undefined);
        },
      },
      { highWaterMark: 0 },
    );
    controller.signal.addEventListener("abort", () => fail(new Error("body aborted")));
    const reading = readText(new Response(stream), 100, controller.signal);
    // The reader has the first chunk and waits for the next one.
    await vi.waitFor(() => expect(pulls).toBe(2));
    const reason = new Error("given up");
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
  });

  it("rejects with the stream's error when the body breaks off", async () => {
    const broken = new TypeError("connection reset");
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(bytes("part"));
        else controller.error(broken);
      },
    });
    await expect(readText(new Response(stream), 100, never())).rejects.toBe(broken);
  });

  it("leaves no listener on the signal once the read is over", async () => {
    const { signal, listeners } = listened();
    const { stream } = body([bytes("done")]);
    expect(await readText(new Response(stream), 100, signal)).toBe("done");
    expect(listeners.size).toBe(0);
    const broken = new ReadableStream({
      pull: (c) => c.error(new Error("cut")),
    });
    await expect(readText(new Response(broken), 100, signal)).rejects.toThrow("cut");
    expect(listeners.size).toBe(0);
  });
});

describe("readAnswer", () => {
  const read = (
    response: Response,
    maxBytes = DEFAULT_MAX_RESPONSE_SIZE,
    signal = never(),
    secrets: string[] = [],
  ) => readAnswer(response, maxBytes, signal, { method: "GET", path: "/me", secrets });
  const queried = (stream: ReadableStream | string) =>
    new Response(stream, { headers: { "X-Ovh-QueryID": "EU.ext-1.q" } });

  it("gives the response's status, headers and URL, with the body read as UTF-8 text", async () => {
    const response = new Response('{"name":"Café"}', {
      status: 404,
      statusText: "Not Found",
      headers: { "X-Ovh-QueryID": "EU.ext-1.q" },
    });
    Object.defineProperty(response, "url", { value: "https://eu.api.ovh.com/1.0/me" });
    const answer = await read(response);
    expect(answer).toMatchObject({
      status: 404,
      statusText: "Not Found",
      url: "https://eu.api.ovh.com/1.0/me",
      redirected: false,
      text: '{"name":"Café"}',
      response,
    });
    expect(answer.header("x-ovh-queryid")).toBe("EU.ext-1.q");
    expect(answer.headers()).toBe(response.headers);
  });

  it("gives no text for a larger body, and drops it unread", async () => {
    const { stream, state } = body([bytes("x".repeat(10))]);
    const response = new Response(stream, { headers: { "Content-Length": "11" } });
    expect((await read(response, 10)).text).toBeUndefined();
    expect(state.cancelled).toBe(true);
  });

  it("defaults to 64 MiB", () => {
    expect(DEFAULT_MAX_RESPONSE_SIZE).toBe(67_108_864);
  });

  it("reports a broken stream as a retryable NetworkError with the status", async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes('{"trunc'));
      },
      pull(controller) {
        controller.error(new TypeError("terminated"));
      },
    });
    const error = (await read(queried(stream)).catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.status).toBe(200);
    expect(error.message).toBe(
      "The response body could not be read: terminated (GET /me: HTTP 200, OVH-Query-ID: EU.ext-1.q)",
    );
    expect(error.cause).toBeInstanceOf(TypeError);
    // Its response keeps the status and headers, with nothing left of the body.
    expect(error.response?.headers.get("X-Ovh-QueryID")).toBe("EU.ext-1.q");
    expect(await error.response?.text()).toBe("");
  });

  it("reports a body the HTTP parser refused as InvalidResponse (undici's HPE codes)", async () => {
    const parser = Object.assign(new Error("Response does not match the HTTP/1.1 protocol"), {
      name: "HTTPParserError",
      code: "HPE_INVALID_CHUNK_SIZE",
    });
    const stream = new ReadableStream({
      pull: (c) => c.error(new TypeError("terminated", { cause: parser })),
    });
    const error = (await read(new Response(stream)).catch((e: unknown) => e)) as InvalidResponse;
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error.message).toMatch(/not valid HTTP \(HPE_INVALID_CHUNK_SIZE\)/);
  });

  it("keeps credentials out of the message of a broken stream", async () => {
    const stream = new ReadableStream({
      pull: (c) => c.error(new TypeError("reset while sending S3CRET")),
    });
    const error = (await read(new Response(stream), 100, never(), ["S3CRET"]).catch(
      (e: unknown) => e,
    )) as NetworkError;
    expect(error.message).toContain("reset while sending [redacted]");
    expect(error.cause).toBeUndefined();
  });

  it("gives up a body that never ends when the signal aborts, with its reason", async () => {
    const { stream, state } = body([], { hang: true });
    const controller = new AbortController();
    const reading = read(new Response(stream), 100, controller.signal);
    const reason = new DOMException("late", "TimeoutError");
    setTimeout(() => controller.abort(reason), 5);
    await expect(reading).rejects.toBe(reason);
    expect(state.cancelled).toBe(true);
  });

  it("stops when the stream fails because the signal aborted", async () => {
    const controller = new AbortController();
    const stream = new ReadableStream({
      pull(c) {
        controller.abort("stop");
        c.error(new TypeError("aborted"));
      },
    });
    await expect(read(new Response(stream), 100, controller.signal)).rejects.toBe("stop");
  });
});

describe("announcedLength", () => {
  it("reads a Content-Length of digits, and nothing else", () => {
    expect(announcedLength("42")).toBe(42);
    expect(announcedLength("0")).toBe(0);
    for (const value of [null, "", "-1", "0x10", "1e3", " 4"]) {
      expect(announcedLength(value)).toBeNaN();
    }
  });
});

describe("checkMaxResponseSize", () => {
  it("accepts a whole number of bytes, and nothing", () => {
    expect(checkMaxResponseSize(1)).toBe(1);
    expect(checkMaxResponseSize(undefined)).toBeUndefined();
  });

  it.each([0, -1, 1.5, "10", Number.POSITIVE_INFINITY])("refuses %j", (value) => {
    expect(() => checkMaxResponseSize(value, "options.maxResponseSize")).toThrow(
      InvalidConfiguration,
    );
    expect(() => checkMaxResponseSize(value, "options.maxResponseSize")).toThrow(
      `options.maxResponseSize must be a whole number of bytes, 1 or more (got ${String(value)}).`,
    );
  });
});
