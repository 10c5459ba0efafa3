import { once } from "node:events";
import type { ServerResponse } from "node:http";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import {
  type APIError,
  type ClientEvent,
  InvalidResponse,
  RequestAbortedError,
  RequestTimeoutError,
} from "@asyncovh/core";
import {
  ANSWER_TRANSPORT,
  type AnswerRequest,
  type AnswerTransport,
} from "@asyncovh/core/internal";
import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Client, type ClientOptions } from "./index.ts";
import { createNodeFetch } from "./node-fetch.ts";
import { handOff } from "./node-transport.ts";
import {
  closeServers,
  cuttingServer,
  httpServer,
  resettingServer,
  served,
} from "./test-servers.ts";

afterEach(closeServers);

const transportOf = (fetch = createNodeFetch()) =>
  (fetch as unknown as { [ANSWER_TRANSPORT]: AnswerTransport })[ANSWER_TRANSPORT];
const never = (): AbortSignal => new AbortController().signal;
/** A Node client with the demo credentials, on a fresh mock served over HTTP. */
const clientOnMock = async () =>
  new Client({ endpoint: (await served()).baseUrl, ...DEMO_CREDENTIALS, fetch: createNodeFetch() });
/** A client whose calls can only take the fast path: its plain fetch fails. */
const fastOnly = (endpoint: string, options: ClientOptions = {}) => {
  const plain = () => Promise.reject(new Error("the plain fetch was called"));
  const fetch = Object.assign(plain, { [ANSWER_TRANSPORT]: transportOf() });
  return new Client({ endpoint, ...DEMO_CREDENTIALS, ...options, fetch });
};
const onMe = { match: { path: "/me" } };
const get = (
  url: string,
  { method = "GET", signal = never(), maxBytes = 1000 } = {},
): AnswerRequest => ({ method, url, headers: {}, body: undefined, signal, maxBytes });
/** Resolves when the server sees the response's connection close. */
const closed = (res: ServerResponse) => once(res, "close").then(() => undefined);

describe("createNodeFetch()[ANSWER_TRANSPORT], the client's fast path", () => {
  it("is carried under the symbol core looks for", () => {
    expect(typeof transportOf()).toBe("function");
  });

  it("refuses a status no response can have with an InvalidResponse carrying it, without waiting for its body", async () => {
    const { origin } = await httpServer((_req, res) => {
      res.writeHead(600);
      res.write("x");
    });
    await expect(transportOf()(get(origin))).rejects.toSatisfy(
      (error) => error instanceof InvalidResponse && error.status === 600,
    );
  });

  it("refuses the headers that frame or route a request, before connecting", async () => {
    const { origin, connections } = await httpServer((_req, res) => res.end());
    const request = {
      ...get(origin, { method: "POST" }),
      headers: { "transfer-encoding": "chunked" },
    };
    await expect(transportOf()({ ...request, body: "{}" })).rejects.toThrow(
      /sets the transfer-encoding header itself/,
    );
    expect(connections()).toBe(0);
  });

  it("gives the status, the URL asked for, and headers by any case, repeated ones joined", async () => {
    const { origin } = await httpServer((_req, res) => {
      res.statusCode = 201;
      res.statusMessage = "Made";
      res.setHeader("X-Multi", ["a", "b"]);
      res.setHeader("Set-Cookie", ["c=1", "d=2"]);
      res.setHeader("X-Ovh-QueryID", "EU.ext-1.q");
      res.end();
    });
    const answer = await transportOf()(get(`${origin}/1.0/me?x=1`));
    expect(answer.status).toBe(201);
    expect(answer.statusText).toBe("Made");
    expect(answer.url).toBe(`${origin}/1.0/me?x=1`);
    expect(answer.redirected).toBe(false);
    expect(answer.header("x-ovh-queryid")).toBe("EU.ext-1.q");
    expect(answer.header("X-OVH-QUERYID")).toBe("EU.ext-1.q");
    expect(answer.header("x-multi")).toBe("a, b");
    expect(answer.header("X-Multiple")).toBeNull();
    expect(answer.header("Retry-After")).toBeNull();
    const headers = answer.headers();
    expect(headers).toBeInstanceOf(Headers);
    expect(headers.get("x-multi")).toBe("a, b");
    expect(headers.getSetCookie()).toEqual(["c=1", "d=2"]);
    expect(answer.text).toBe("");
    expect(answer.response).toBeUndefined();
  });

  it("sends the method, headers and body given, with the body's length", async () => {
    const received: [string | undefined, Record<string, unknown>, string][] = [];
    const { origin } = await httpServer(async (req, res) => {
      let text = "";
      for await (const chunk of req) text += chunk;
      received.push([req.method, req.headers, text]);
      res.end();
    });
    await transportOf()({
      ...get(`${origin}/1.0/me`, { method: "PUT" }),
      headers: { "content-type": "application/json", "x-ovh-application": "key" },
      body: '{"firstname":"Zoë"}',
    });
    const [method, headers, text] = received[0] ?? [];
    expect(method).toBe("PUT");
    expect(headers).toMatchObject({
      "content-type": "application/json",
      "x-ovh-application": "key",
      "content-length": "20",
      "accept-encoding": "gzip, deflate, br",
    });
    expect(text).toBe('{"firstname":"Zoë"}');
  });

  it("reads a JSON body as text, a character split between two packets included", async () => {
    const json = Buffer.from('{"firstname":"Zoë","emoji":"🙂"}');
    const cut = json.indexOf(Buffer.from("🙂")) + 2;
    const { origin } = await httpServer((_req, res) => {
      res.setHeader("Content-Type", "application/json");
      res.write(json.subarray(0, cut));
      setTimeout(() => res.end(json.subarray(cut)), 20);
    });
    const answer = await transportOf()(get(origin));
    expect(JSON.parse(answer.text as string)).toEqual({ firstname: "Zoë", emoji: "🙂" });
  });

  it("drops a UTF-8 byte order mark, as fetch's text() does", async () => {
    const { origin } = await httpServer((_req, res) => {
      res.end(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from("{}")]));
    });
    const fetch = createNodeFetch();
    expect(await (await fetch(origin)).text()).toBe("{}");
    expect((await transportOf(fetch)(get(origin))).text).toBe("{}");
  });

  it("decodes gzip, deflate and brotli bodies, and caps the decoded size", async () => {
    const json = `{"zipped":"${"z".repeat(1000)}"}`;
    const encode = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };
    const { origin } = await httpServer((req, res) => {
      const coding = (req.url ?? "").slice(1) as keyof typeof encode;
      const bytes = encode[coding](json);
      res.writeHead(200, { "Content-Encoding": coding, "Content-Length": bytes.byteLength });
      res.end(bytes);
    });
    const transport = transportOf();
    for (const coding of ["gzip", "deflate", "br"]) {
      const url = `${origin}/${coding}`;
      expect((await transport(get(url, { maxBytes: json.length }))).text).toBe(json);
      // The compressed size is far below the cap; the decoded one is not.
      expect((await transport(get(url, { maxBytes: json.length - 1 }))).text).toBeUndefined();
    }
  });

  it("refuses a body announced larger than maxBytes without reading it, and closes the connection", async () => {
    let connection: Promise<void> | undefined;
    const { origin } = await httpServer((_req, res) => {
      connection = closed(res);
      // The headers only: a read of the body would wait forever.
      res.writeHead(200, { "Content-Length": "1000", "X-Ovh-QueryID": "q" });
      res.flushHeaders();
    });
    const answer = await transportOf()(get(origin, { maxBytes: 999 }));
    expect(answer.text).toBeUndefined();
    expect(answer.header("x-ovh-queryid")).toBe("q");
    await connection;
  });

  it("gives up on a chunked body as soon as it goes over maxBytes, and closes the connection", async () => {
    let connection: Promise<void> | undefined;
    let written = 0;
    const { origin, connections } = await httpServer((req, res) => {
      if (req.url === "/small") {
        res.end("ok");
        return;
      }
      connection = closed(res);
      // An endless body, without Content-Length.
      const timer = setInterval(() => {
        written += 1024;
        res.write(Buffer.alloc(1024, "x"));
      }, 1);
      res.on("close", () => clearInterval(timer));
    });
    const transport = transportOf();
    expect((await transport(get(origin, { maxBytes: 10 * 1024 }))).text).toBeUndefined();
    await connection;
    expect(written).toBeLessThan(100 * 1024);
    // That connection is gone: the next call opens another.
    expect((await transport(get(`${origin}/small`))).text).toBe("ok");
    expect(connections()).toBe(2);
  });

  it("rejects with the signal's reason when it aborts mid-body, and closes the connection", async () => {
    let connection: Promise<void> | undefined;
    let wrote: () => void = () => undefined;
    const written = new Promise<void>((resolve) => {
      wrote = resolve;
    });
    const { origin } = await httpServer((_req, res) => {
      connection = closed(res);
      res.write("part", () => wrote());
    });
    const controller = new AbortController();
    const reading = transportOf()(get(origin, { signal: controller.signal }));
    await written;
    // Time for the headers to reach the client: the body read is under way.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reason = new Error("given up");
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
    await connection;
  });

  it("rejects at once with the reason of a signal that has aborted already", async () => {
    const { origin, connections } = await httpServer((_req, res) => res.end());
    const reason = new Error("too late");
    await expect(transportOf()(get(origin, { signal: AbortSignal.abort(reason) }))).rejects.toBe(
      reason,
    );
    expect(connections()).toBe(0);
  });

  it("rejects with a TypeError when the server cuts the connection mid-body", async () => {
    const { origin } = await cuttingServer();
    const transport = transportOf();
    for (const path of ["/plain", "/gzip"]) {
      await expect(
        transport(get(`${origin}${path}`, { maxBytes: 100_000 })),
      ).rejects.toBeInstanceOf(TypeError);
    }
  });

  it("reads no body for HEAD and for a 204, even when one is announced", async () => {
    const { origin } = await httpServer((req, res) => {
      res.writeHead(req.url === "/empty" ? 204 : 200, { "Content-Length": "5" });
      res.end(req.method === "HEAD" ? undefined : "hello");
    });
    const transport = transportOf();
    expect((await transport(get(origin, { method: "HEAD" }))).text).toBe("");
    const empty = await transport(get(`${origin}/empty`));
    expect(empty.status).toBe(204);
    expect(empty.text).toBe("");
    expect((await transport(get(origin))).text).toBe("hello");
  });

  it("keeps the connection alive from one call to the next, error answers included", async () => {
    const { origin, connections } = await httpServer((req, res) => {
      res.statusCode = req.url === "/busy" ? 503 : 200;
      res.end(req.url === "/busy" ? '{"message":"busy"}' : "ok");
    });
    const transport = transportOf();
    expect((await transport(get(`${origin}/busy`))).status).toBe(503);
    for (let i = 0; i < 2; i++) expect((await transport(get(origin))).text).toBe("ok");
    expect(connections()).toBe(1);
  });

  it("sends a GET again on a new connection when the idle one it reused was closed", async () => {
    const { origin, connections, resetNext } = await resettingServer();
    const transport = transportOf();
    expect((await transport(get(origin))).text).toBe("ok");
    expect((await transport(get(origin))).text).toBe("ok");
    expect(connections()).toBe(2);
    // A POST is not sent twice: the server may have received it.
    resetNext();
    await expect(transport({ ...get(origin, { method: "POST" }), body: "{}" })).rejects.toThrow(
      TypeError,
    );
    expect(connections()).toBe(2);
  });
});

describe("the Node client on createNodeFetch()", () => {
  it("sends its signed calls through the transport, header names in lower case, and the mock accepts them", async () => {
    const server = await served();
    const fetch = createNodeFetch();
    const transport = transportOf(fetch);
    const sent: AnswerRequest[] = [];
    let fetched = 0;
    const recording = Object.assign(
      (...args: Parameters<typeof fetch>) => {
        fetched++;
        return fetch(...args);
      },
      {
        [ANSWER_TRANSPORT]: ((request) => {
          sent.push(request);
          return transport(request);
        }) satisfies AnswerTransport,
      },
    );
    const client = new Client({ endpoint: server.baseUrl, ...DEMO_CREDENTIALS, fetch: recording });
    await client.put("/me", { firstname: "Zoë" });
    expect(await client.get("/me")).toMatchObject({ firstname: "Zoë" });
    expect(fetched).toBe(0);
    const put = sent.find((request) => request.method === "PUT");
    expect(JSON.parse(put?.body ?? "")).toEqual({ firstname: "Zoë" });
    for (const request of sent) {
      for (const name of Object.keys(request.headers)) expect(name).toBe(name.toLowerCase());
    }
    expect(put?.headers["x-ovh-signature"]).toMatch(/^\$1\$[0-9a-f]{40}$/);
  });

  it("reads through the fast path under the client's guarantees: retries, events, clock re-sync, size cap, redirects", async () => {
    const mock = createMockOvh();
    const server = await served(mock);
    const events: ClientEvent[] = [];
    const client = fastOnly(server.baseUrl, {
      timeDelta: 0,
      retry: { delay: 1 },
      onEvent: (event) => events.push(event),
    });
    mock.faults.enqueue({ status: 503 }, onMe);
    await expect(client.get("/me")).resolves.toMatchObject({ firstname: expect.any(String) });
    const statuses = events.map((e) => (e.type === "response" ? e.status : e.type));
    expect(statuses).toEqual(["request", 503, "retry", "request", 200]);
    mock.faults.clockSkew(3600);
    await expect(client.get("/me")).resolves.toBeTruthy();
    expect(Math.abs((await client.timeDelta()) - 3600)).toBeLessThanOrEqual(1);
    const tooLarge = (await client
      .get("/me", undefined, { maxResponseSize: 64 })
      .catch((e: unknown) => e)) as InvalidResponse;
    expect(tooLarge).toBeInstanceOf(InvalidResponse);
    expect(tooLarge.message).toMatch(/larger than maxResponseSize \(64 bytes\)/);
    expect(tooLarge.queryId).toBe(mock.requests.at(-1)?.queryId);
    mock.faults.enqueue({ status: 302, headers: { Location: "http://127.0.0.1:9/" } }, onMe);
    const redirected = (await client.get("/me").catch((e: unknown) => e)) as APIError;
    expect(redirected.message).toMatch(/^The API answered with a redirect, which is not followed/);
    expect(redirected.response?.status).toBe(302);
    expect(mock.requests.map((r) => `${r.path} ${r.status}`)).toEqual([
      "/me 503",
      "/me 200",
      "/me 400",
      "/auth/time 200",
      "/me 200",
      "/me 200",
      "/me 302",
    ]);
  });

  it("times out a body that stops coming, and aborts one mid-way: the signal covers the read", async () => {
    let requests = 0;
    const ends: Promise<void>[] = [];
    const { origin } = await httpServer((_req, res) => {
      requests++;
      ends.push(closed(res));
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"partial":');
    });
    const client = fastOnly(`${origin}/1.0`, { timeout: 200 });
    const unsigned = { needAuth: false };
    await expect(client.get("/slow", undefined, unsigned)).rejects.toBeInstanceOf(
      RequestTimeoutError,
    );
    const controller = new AbortController();
    const call = client.get("/slow", undefined, { ...unsigned, signal: controller.signal });
    await vi.waitFor(() => expect(requests).toBe(2));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(RequestAbortedError);
    // Neither is retried, and both connections are closed.
    await Promise.all(ends);
    expect(requests).toBe(2);
  });

  it("holds its limiter slot until the body is read", async () => {
    const arrived: string[] = [];
    const { origin } = await httpServer((req, res) => {
      arrived.push(req.url ?? "");
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write("[");
      setTimeout(() => {
        arrived.push(`${req.url} ended`);
        res.end("]");
      }, 100);
    });
    const client = fastOnly(`${origin}/1.0`, { maxConcurrency: 1 });
    const unsigned = { needAuth: false };
    await Promise.all([
      client.get("/a", undefined, unsigned),
      client.get("/b", undefined, unsigned),
    ]);
    expect(arrived).toEqual(["/1.0/a", "/1.0/a ended", "/1.0/b", "/1.0/b ended"]);
  });

  it("sends rawCall through the plain fetch, for a Response whose body is the caller's", async () => {
    const server = await served();
    const fetch = createNodeFetch();
    let fetched = 0;
    const counting = Object.assign(
      (...args: Parameters<typeof fetch>) => {
        fetched++;
        return fetch(...args);
      },
      { [ANSWER_TRANSPORT]: transportOf(fetch) },
    );
    const client = new Client({ endpoint: server.baseUrl, ...DEMO_CREDENTIALS, fetch: counting });
    const response = await client.rawCall("GET", "/me");
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(await response.json()).toMatchObject({ firstname: expect.any(String) });
    // The time sync is a call of the client's: through the fast path.
    expect(fetched).toBe(1);
  });

  it("gives an API error whose response holds the body it was read from", async () => {
    const client = await clientOnMock();
    const error = (await client.get("/no/such/path").catch((e: unknown) => e)) as {
      status: number;
      response: Response;
    };
    expect(error.status).toBe(404);
    expect(error.response.status).toBe(404);
    expect(await error.response.json()).toMatchObject({ message: expect.any(String) });
  });
});

describe("handOff (how a body read whole reaches its caller)", () => {
  it("settles after the current turn, with everything handed off in that turn, before their callers go on", async () => {
    const order: string[] = [];
    let secondSettled = false;
    const first = new Promise<void>((resolve) => handOff(resolve));
    handOff(() => {
      secondSettled = true;
    });
    queueMicrotask(() => order.push("microtask of this turn"));
    await Promise.resolve();
    expect(secondSettled).toBe(false);
    setImmediate(() => order.push("immediate queued after"));
    await first;
    order.push("first caller goes on");
    // One batch: the first caller resumes only once the second answer has settled too, and
    // after what the current turn had queued.
    expect(secondSettled).toBe(true);
    expect(order).toEqual(["microtask of this turn", "first caller goes on"]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([
      "microtask of this turn",
      "first caller goes on",
      "immediate queued after",
    ]);
  });

  it("gives each of many calls in flight at once its own body", async () => {
    const client = await clientOnMock();
    const paths = ["/me", "/auth/time", "/me/bill", "/dedicated/server"];
    const calls = Array.from({ length: 16 }, (_, i) => paths[i % paths.length] as string);
    const alone = await Promise.all(paths.map((path) => client.get(path)));
    const answers = await Promise.all(calls.map((path) => client.get(path)));
    answers.forEach((answer, i) => {
      const expected = alone[i % paths.length];
      if (calls[i] === "/auth/time") expect(typeof answer).toBe("number");
      else expect(answer).toEqual(expected);
    });
  });
});
