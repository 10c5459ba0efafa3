import { describe, expect, it } from "vitest";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { NetworkError } from "./errors/network-error.ts";
import { checkMaxResponseSize, DEFAULT_MAX_RESPONSE_SIZE, readBody } from "./read-body.ts";
import { FetchAnswer } from "./transport.ts";

const where = { method: "GET", path: "/me", status: 200, queryId: "EU.ext-1.q" };
/** Reads a fetch response the way the client does. */
const read = (
  response: Response,
  _where: typeof where,
  maxBytes = DEFAULT_MAX_RESPONSE_SIZE,
  signal = new AbortController().signal,
) => readBody(new FetchAnswer(response), where, maxBytes, signal);
const bytes = (text: string) => new TextEncoder().encode(text);

/** A body served chunk by chunk, that records how much was pulled and whether it was cancelled. */
function stream(chunks: Uint8Array[] | (() => Uint8Array), headers?: HeadersInit) {
  const state = { pulled: 0, cancelled: false };
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = typeof chunks === "function" ? chunks() : chunks[index++];
      if (chunk === undefined) {
        controller.close();
        return;
      }
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { response: new Response(body, { headers }), state };
}

describe("readBody", () => {
  it("reads the body as UTF-8, even when a character is split across chunks", async () => {
    const all = bytes('{"name":"Café"}');
    const { response } = stream([all.slice(0, 12), all.slice(12, 13), all.slice(13)]);
    expect(await read(response, where)).toBe('{"name":"Café"}');
  });

  it("reads a body without a stream as empty", async () => {
    expect(await read(new Response(null), where)).toBe("");
  });

  it("refuses a body announced larger than the limit without reading it", async () => {
    const { response, state } = stream([bytes("x".repeat(10))], { "Content-Length": "11" });
    const error = await read(response, where, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect((error as InvalidResponse).status).toBe(200);
    expect((error as InvalidResponse).queryId).toBe("EU.ext-1.q");
    expect((error as Error).message).toBe(
      "The response body is larger than maxResponseSize (10 bytes); raise maxResponseSize if it is expected (GET /me: HTTP 200, OVH-Query-ID: EU.ext-1.q)",
    );
    expect(state.pulled).toBeLessThanOrEqual(10);
    expect(state.cancelled).toBe(true);
  });

  it("stops reading an endless body as soon as it goes over the limit", async () => {
    const { response, state } = stream(() => new Uint8Array(1024));
    await expect(read(response, where, 10_000)).rejects.toBeInstanceOf(InvalidResponse);
    expect(state.pulled).toBeLessThan(10_000 + 3 * 1024);
    expect(state.cancelled).toBe(true);
  });

  it("accepts a body of exactly the limit", async () => {
    const { response } = stream([bytes("12345"), bytes("67890")]);
    expect(await read(response, where, 10)).toBe("1234567890");
  });

  it("defaults to 64 MiB", () => {
    expect(DEFAULT_MAX_RESPONSE_SIZE).toBe(67_108_864);
  });

  it("reports a broken stream as a NetworkError with the status", async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes('{"trunc'));
      },
      pull(controller) {
        controller.error(new TypeError("terminated"));
      },
    });
    const error = await read(new Response(body), where).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).status).toBe(200);
    expect((error as Error).message).toMatch(/^The response body could not be read \(GET \/me/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("gives up a body that never ends when the signal aborts, with its reason", async () => {
    let cancelled = false;
    const body = new ReadableStream({
      pull: () => new Promise(() => {}),
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    const reading = read(new Response(body), where, 100, controller.signal);
    const reason = new DOMException("late", "TimeoutError");
    setTimeout(() => controller.abort(reason), 5);
    await expect(reading).rejects.toBe(reason);
    expect(cancelled).toBe(true);
  });

  it("drops the body at once when the signal has already aborted", async () => {
    const { response, state } = stream([bytes("{}")]);
    await expect(read(response, where, 100, AbortSignal.abort("gone"))).rejects.toBe("gone");
    expect(state.cancelled).toBe(true);
  });

  it("stops when the stream fails because the signal aborted", async () => {
    const controller = new AbortController();
    const body = new ReadableStream({
      pull(c) {
        controller.abort("stop");
        c.error(new TypeError("aborted"));
      },
    });
    await expect(read(new Response(body), where, 100, controller.signal)).rejects.toBe("stop");
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
