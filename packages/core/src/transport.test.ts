import { describe, expect, it, vi } from "vitest";
import type { FetchLike } from "./client.ts";
import { Deadlines } from "./deadline.ts";
import {
  BufferedAnswer,
  FetchAnswer,
  TRANSPORT,
  type Transport,
  type TransportRequest,
  textResponse,
  transportOf,
} from "./transport.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const never = () => new AbortController().signal;

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
  return {
    listeners,
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
}

/** A Response whose `type` is what a browser gives a cross-origin answer. */
const cors = (response: Response) => {
  Object.defineProperty(response, "type", { value: "cors" });
  return response;
};

describe("FetchAnswer", () => {
  it("gives the response's status, URL, redirected flag and headers", () => {
    const response = new Response("{}", {
      status: 201,
      headers: { "X-Ovh-QueryID": "EU.ext-1.q", "Content-Type": "application/json" },
    });
    Object.defineProperty(response, "url", { value: "https://eu.api.ovh.com/1.0/me" });
    Object.defineProperty(response, "redirected", { value: true });
    const answer = new FetchAnswer(response);
    expect(answer.status).toBe(201);
    expect(answer.url).toBe("https://eu.api.ovh.com/1.0/me");
    expect(answer.redirected).toBe(true);
    expect(answer.header("x-ovh-queryid")).toBe("EU.ext-1.q");
    expect(answer.header("Retry-After")).toBeNull();
    expect(answer.headers()).toBe(response.headers);
    expect(answer.response()).toBe(response);
  });

  it("cancels the unread body, and cancels nothing when there is no body", async () => {
    const { stream, state } = body([bytes("unread")], { hang: true });
    new FetchAnswer(new Response(stream)).cancel();
    await Promise.resolve();
    expect(state.cancelled).toBe(true);
    expect(() => new FetchAnswer(new Response(null, { status: 204 })).cancel()).not.toThrow();
  });

  it("cancel() stays quiet when the body cannot be cancelled (locked by a read, or failing)", async () => {
    const { stream } = body([bytes("part")], { hang: true });
    const answer = new FetchAnswer(new Response(stream));
    const reading = answer.text(100, AbortSignal.timeout(50));
    answer.cancel();
    await expect(reading).rejects.toHaveProperty("name", "TimeoutError");
    const failing = new ReadableStream({
      cancel() {
        throw new Error("cannot cancel");
      },
    });
    new FetchAnswer(new Response(failing)).cancel();
    // An unhandled rejection would fail the run.
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it("reads a body without a stream as empty text", async () => {
    expect(await new FetchAnswer(new Response(null)).text(10, never())).toBe("");
  });

  describe("text(), its size announced, plain and visible", () => {
    it("reads the body whole with response.text(), not chunk by chunk", async () => {
      const response = new Response("Zoë", { headers: { "Content-Length": "4" } });
      const whole = vi.spyOn(response, "text");
      expect(await new FetchAnswer(response).text(4, never())).toBe("Zoë");
      expect(whole).toHaveBeenCalledOnce();
    });

    it("reads a gzip or deflate body whole when even their largest ratio (1032) keeps it under maxBytes", async () => {
      for (const coding of ["gzip", "x-gzip", "Deflate"]) {
        const headers = { "Content-Length": "2", "Content-Encoding": coding };
        const fits = new Response("decoded", { headers });
        const whole = vi.spyOn(fits, "text");
        expect(await new FetchAnswer(fits).text(2064, never())).toBe("decoded");
        expect(whole).toHaveBeenCalledOnce();
        const mayNotFit = new Response("decoded", { headers });
        const counted = vi.spyOn(mayNotFit, "text");
        expect(await new FetchAnswer(mayNotFit).text(2063, never())).toBe("decoded");
        expect(counted).not.toHaveBeenCalled();
      }
    });

    it("refuses a body announced larger than maxBytes without reading it, and cancels it", async () => {
      const { stream, state } = body([bytes("x".repeat(20))], { hang: true });
      const response = new Response(stream, { headers: { "Content-Length": "20" } });
      expect(await new FetchAnswer(response).text(19, never())).toBeUndefined();
      expect(state.pulled).toBe(0);
      expect(state.cancelled).toBe(true);
    });

    it("trusts only a Content-Length of digits: any other reads chunk by chunk under the cap", async () => {
      for (const length of ["", "-1", "0x1", "1e1", "1.5"]) {
        const { stream } = body([bytes("x".repeat(600)), bytes("x".repeat(600))]);
        const response = new Response(stream, { headers: { "Content-Length": length } });
        const whole = vi.spyOn(response, "text");
        expect(await new FetchAnswer(response).text(10, never())).toBeUndefined();
        expect(whole).not.toHaveBeenCalled();
      }
    });

    it("rejects with the signal's reason when the signal aborts during the read", async () => {
      const caller = new AbortController();
      const clock = new Deadlines().start(60_000, caller.signal);
      const { stream } = body([bytes("part")], { hang: true });
      const response = new Response(stream, { headers: { "Content-Length": "100" } });
      const reading = new FetchAnswer(response).text(100, clock.signal);
      const reason = new Error("given up");
      caller.abort(reason);
      await expect(reading).rejects.toBe(reason);
      clock.clear();
    });
  });

  describe("text(), read chunk by chunk under the cap", () => {
    // A size the answer does not announce, a compressed size, or a cross-origin answer that may
    // hide its Content-Encoding: the body may grow past the announced size, so it is counted.
    const unannounced = (stream: ReadableStream<Uint8Array>) => new Response(stream);
    const encoded = (stream: ReadableStream<Uint8Array>) =>
      new Response(stream, { headers: { "Content-Length": "10", "Content-Encoding": "gzip" } });
    const brotli = (stream: ReadableStream<Uint8Array>) =>
      new Response(stream, { headers: { "Content-Length": "1", "Content-Encoding": "br" } });
    const crossOrigin = (stream: ReadableStream<Uint8Array>) =>
      cors(new Response(stream, { headers: { "Content-Length": "10" } }));

    for (const [name, make] of [
      ["no Content-Length", unannounced],
      ["a gzip body announced at a size whose largest ratio passes the cap", encoded],
      ["a Content-Encoding of unknown ratio (br)", brotli],
      ['a response of type "cors"', crossOrigin],
    ] as const) {
      it(`gives up on a body larger than maxBytes (${name}), and cancels the stream`, async () => {
        const { stream, state } = body(() => new Uint8Array(16));
        const response = make(stream);
        const whole = vi.spyOn(response, "text");
        expect(await new FetchAnswer(response).text(100, never())).toBeUndefined();
        expect(whole).not.toHaveBeenCalled();
        expect(state.pulled).toBe(112);
        expect(state.cancelled).toBe(true);
      });

      it(`reads a body of up to maxBytes (${name})`, async () => {
        const { stream } = body([bytes("x".repeat(60)), bytes("y".repeat(40))]);
        expect(await new FetchAnswer(make(stream)).text(100, never())).toBe(
          `${"x".repeat(60)}${"y".repeat(40)}`,
        );
      });
    }

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
      expect(await new FetchAnswer(new Response(stream)).text(20, never())).toBeUndefined();
      expect(pulls).toBeGreaterThanOrEqual(2);
      await new Promise((resolve) => setTimeout(resolve, 10));
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
      expect(await new FetchAnswer(new Response(stream)).text(100, never())).toBe(
        '{"name":"Zoë 🙂"}',
      );
    });

    it("rejects with the signal's reason when the signal aborts mid-body, and cancels", async () => {
      const caller = new AbortController();
      const clock = new Deadlines().start(60_000, caller.signal);
      const { stream, state } = body([bytes("part")], { hang: true });
      const reading = new FetchAnswer(new Response(stream)).text(100, clock.signal);
      await vi.waitFor(() => expect(state.pulled).toBe(4));
      const reason = new Error("given up");
      caller.abort(reason);
      await expect(reading).rejects.toBe(reason);
      expect(state.cancelled).toBe(true);
      expect(state.reason).toBe(reason);
      clock.clear();
    });

    it("rejects at once, reading nothing, when the signal has aborted already", async () => {
      const { stream, state } = body([bytes("part")]);
      const reason = new Error("too late");
      const reading = new FetchAnswer(new Response(stream)).text(100, AbortSignal.abort(reason));
      await expect(reading).rejects.toBe(reason);
      expect(state.pulled).toBe(0);
      expect(state.cancelled).toBe(true);
    });

    it("rejects with the signal's reason, not the stream's error, when an abort breaks the stream", async () => {
      // A fetch body errors on its own when fetch's signal aborts, before the reader hears it.
      const caller = new AbortController();
      const clock = new Deadlines().start(60_000, caller.signal);
      let fail: (error: Error) => void = () => undefined;
      let pulls = 0;
      const stream = new ReadableStream<Uint8Array>(
        {
          start(controller) {
            fail = (error) => controller.error(error);
          },
          pull(controller) {
            if (pulls++ === 0) controller.enqueue(bytes("part"));
            else return new Promise<void>(() => undefined);
          },
        },
        { highWaterMark: 0 },
      );
      clock.signal.addEventListener("abort", () => fail(new Error("body aborted")));
      const reading = new FetchAnswer(new Response(stream)).text(100, clock.signal);
      // The reader has the first chunk and waits for the next one.
      await vi.waitFor(() => expect(pulls).toBe(2));
      const reason = new Error("given up");
      caller.abort(reason);
      await expect(reading).rejects.toBe(reason);
      clock.clear();
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
      await expect(new FetchAnswer(new Response(stream)).text(100, never())).rejects.toBe(broken);
    });

    it("leaves no listener on the signal once the read is over, on either path", async () => {
      const signal = listened();
      const { stream } = body([bytes("done")]);
      expect(await new FetchAnswer(new Response(stream)).text(100, signal)).toBe("done");
      expect(signal.listeners.size).toBe(0);
      const announced = new Response("done", { headers: { "Content-Length": "4" } });
      expect(await new FetchAnswer(announced).text(100, signal)).toBe("done");
      // The whole read lets go of its listener a tick after it settles.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(signal.listeners.size).toBe(0);
    });
  });

  it("drops a UTF-8 byte order mark on either path, as fetch's text() does", async () => {
    const marked = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("{}")]);
    const announced = new Response(marked, { headers: { "Content-Length": "5" } });
    expect(await new FetchAnswer(announced).text(10, never())).toBe("{}");
    const { stream } = body([marked]);
    expect(await new FetchAnswer(new Response(stream)).text(10, never())).toBe("{}");
  });

  it("gives, after text(), a Response holding that text (as the contract says)", async () => {
    const answer = new FetchAnswer(
      new Response('{"message":"gone"}', {
        status: 404,
        headers: { "Content-Length": "18" },
      }),
    );
    expect(await answer.text(100, never())).toBe('{"message":"gone"}');
    const response = answer.response();
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('{"message":"gone"}');
  });
});

describe("BufferedAnswer", () => {
  async function buffered() {
    const response = new Response('{"class":"Client::BadRequest"}', {
      status: 400,
      headers: { "X-Ovh-QueryID": "EU.ext-1.q" },
    });
    Object.defineProperty(response, "url", { value: "https://eu.api.ovh.com/1.0/me" });
    const read = new FetchAnswer(response);
    return new BufferedAnswer(read, (await read.text(100, never())) as string);
  }

  it("keeps the answer's status, URL, redirected flag and headers", async () => {
    const answer = await buffered();
    expect(answer.status).toBe(400);
    expect(answer.url).toBe("https://eu.api.ovh.com/1.0/me");
    expect(answer.redirected).toBe(false);
    expect(answer.header("X-OVH-QUERYID")).toBe("EU.ext-1.q");
    expect(answer.headers().get("x-ovh-queryid")).toBe("EU.ext-1.q");
  });

  it("gives the text it was read with, as often as asked, and cancel() changes nothing", async () => {
    const answer = await buffered();
    answer.cancel();
    expect(await answer.text()).toBe('{"class":"Client::BadRequest"}');
    expect(await answer.text()).toBe('{"class":"Client::BadRequest"}');
  });

  it("gives a fresh Response of the text, with the original status, headers and URL", async () => {
    const answer = await buffered();
    for (let i = 0; i < 2; i++) {
      const response = answer.response();
      expect(response.status).toBe(400);
      expect(response.url).toBe("https://eu.api.ovh.com/1.0/me");
      expect(response.headers.get("X-Ovh-QueryID")).toBe("EU.ext-1.q");
      expect(await response.json()).toEqual({ class: "Client::BadRequest" });
    }
  });
});

describe("textResponse", () => {
  const answer = (status: number) =>
    new FetchAnswer(
      Object.defineProperty(new Response(null, { status, headers: { "X-A": "1" } }), "url", {
        value: "https://ca.api.ovh.com/1.0/x",
      }),
    );

  it("gives a Response of the answer's status, headers and URL, with the text as its body", async () => {
    const response = textResponse(answer(200), "hello");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-a")).toBe("1");
    expect(response.url).toBe("https://ca.api.ovh.com/1.0/x");
    expect(await response.text()).toBe("hello");
  });

  it("drops Content-Encoding and Content-Length, which describe the body as sent, not this text", async () => {
    const sent = new FetchAnswer(
      new Response("x", {
        headers: { "Content-Encoding": "gzip", "Content-Length": "1", "X-A": "1" },
      }),
    );
    const response = textResponse(sent, "decoded text");
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.headers.get("x-a")).toBe("1");
    expect(await response.text()).toBe("decoded text");
    // The answer's own headers are left as they are.
    expect(sent.header("Content-Encoding")).toBe("gzip");
  });

  it("says the answer came after a redirect when it did", () => {
    const redirected = Object.defineProperty(new Response("x", { status: 400 }), "redirected", {
      value: true,
    });
    expect(textResponse(new FetchAnswer(redirected), "x").redirected).toBe(true);
    expect(textResponse(answer(400), "x").redirected).toBe(false);
  });

  it("gives a null body for a status that has none (204), which a Response requires", () => {
    for (const status of [204, 205, 304]) {
      const response = textResponse(answer(status), "");
      expect(response.status).toBe(status);
      expect(response.body).toBeNull();
      expect(response.headers.get("x-a")).toBe("1");
    }
  });
});

describe("transportOf", () => {
  const request = (signal: TransportRequest["signal"]): TransportRequest => ({
    method: "PUT",
    url: "https://eu.api.ovh.com/1.0/me",
    headers: { "content-type": "application/json", "x-ovh-application": "key" },
    body: '{"firstname":"Zoë"}',
    signal,
  });

  it("uses the transport the fetch carries under TRANSPORT", () => {
    const own: Transport = async () => new FetchAnswer(new Response(null));
    const fetch = Object.assign(async () => new Response(null), { [TRANSPORT]: own });
    expect(transportOf(fetch)).toBe(own);
  });

  it("otherwise calls fetch with the request, redirect: manual and a real AbortSignal", async () => {
    const calls: [string, RequestInit][] = [];
    const fetch: FetchLike = async (url, init = {}) => {
      calls.push([String(url), init]);
      return new Response("ok", { status: 202 });
    };
    const clock = new Deadlines().start(60_000);
    const answer = await transportOf(fetch)(request(clock.signal));
    expect(answer).toBeInstanceOf(FetchAnswer);
    expect(answer.status).toBe(202);
    expect(await answer.text(10, clock.signal)).toBe("ok");
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0] as [string, RequestInit];
    expect(url).toBe("https://eu.api.ovh.com/1.0/me");
    expect(init).toMatchObject({
      method: "PUT",
      headers: { "content-type": "application/json", "x-ovh-application": "key" },
      body: '{"firstname":"Zoë"}',
      redirect: "manual",
    });
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(init.signal?.aborted).toBe(false);
    clock.clear();
  });

  it("aborts fetch's signal, with the same reason, when the request's signal aborts", async () => {
    let given: AbortSignal | undefined;
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        given = init?.signal ?? undefined;
        given?.addEventListener("abort", () => reject(given?.reason));
      });
    const caller = new AbortController();
    const clock = new Deadlines().start(60_000, caller.signal);
    const sending = transportOf(fetch)(request(clock.signal));
    const reason = new Error("given up");
    caller.abort(reason);
    await expect(sending).rejects.toBe(reason);
    expect(given?.aborted).toBe(true);
    expect(given?.reason).toBe(reason);
    clock.clear();
  });

  it("ignores a TRANSPORT property that is not a function", async () => {
    let called = 0;
    const fetch = Object.assign(
      async () => {
        called++;
        return new Response(null, { status: 204 });
      },
      { [TRANSPORT]: "not a transport" },
    ) as unknown as FetchLike;
    const answer = await transportOf(fetch)(request(never()));
    expect(called).toBe(1);
    expect(answer.status).toBe(204);
  });
});
