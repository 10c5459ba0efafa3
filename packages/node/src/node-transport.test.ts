import { once } from "node:events";
import { Agent, type ServerResponse } from "node:http";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { InvalidResponse } from "@asyncovh/core";
import { DEMO_CREDENTIALS } from "@asyncovh/mock";
import { afterEach, describe, expect, it } from "vitest";
import { Client } from "./index.ts";
import { createNodeFetch } from "./node-fetch.ts";
import { handOff, TRANSPORT, type Transport, type TransportRequest } from "./node-transport.ts";
import { closeServers, httpServer, resettingServer, served } from "./test-servers.ts";

afterEach(closeServers);

const transportOf = (fetch = createNodeFetch()) =>
  (fetch as unknown as { [TRANSPORT]: Transport })[TRANSPORT];
const never = (): AbortSignal => new AbortController().signal;
/** A Node client with the demo credentials, on a fresh mock served over HTTP. */
const clientOnMock = async () =>
  new Client({ endpoint: (await served()).baseUrl, ...DEMO_CREDENTIALS, fetch: createNodeFetch() });
/** Waits, turn by turn of the event loop, until `done()` holds; fails after 2 s. */
async function until(done: () => boolean): Promise<void> {
  const give = Date.now() + 2000;
  while (!done()) {
    if (Date.now() > give) throw new Error("Still not done after 2 s.");
    await new Promise((resolve) => setImmediate(resolve));
  }
}
const get = (url: string, method = "GET", signal: AbortSignal = never()): TransportRequest => ({
  method,
  url,
  headers: {},
  body: undefined,
  signal,
});
/** Resolves when the server sees the response's connection close. */
const closed = (res: ServerResponse) => once(res, "close").then(() => undefined);

describe("createNodeFetch()[TRANSPORT], the client's fast path", () => {
  it("is carried under the symbol core looks for", () => {
    expect(TRANSPORT).toBe(Symbol.for("asyncovh.transport"));
    expect(typeof transportOf()).toBe("function");
  });

  it("refuses a status no response can have with an InvalidResponse carrying it", async () => {
    const { origin } = await httpServer((_req, res) => {
      res.writeHead(600);
      res.end("x");
    });
    await expect(transportOf()(get(origin))).rejects.toSatisfy(
      (error) => error instanceof InvalidResponse && error.status === 600,
    );
  });

  it("refuses the headers that frame or route a request, before connecting", async () => {
    const { origin, connections } = await httpServer((_req, res) => res.end());
    const request = { ...get(origin, "POST"), headers: { "transfer-encoding": "chunked" } };
    await expect(transportOf()({ ...request, body: "{}" })).rejects.toThrow(
      /sets the transfer-encoding header itself/,
    );
    expect(connections()).toBe(0);
  });

  it("gives the status, the URL asked for, and headers by any case, repeated ones joined", async () => {
    const { origin } = await httpServer((_req, res) => {
      res.statusCode = 201;
      res.setHeader("X-Multi", ["a", "b"]);
      res.setHeader("Set-Cookie", ["c=1", "d=2"]);
      res.setHeader("X-Ovh-QueryID", "EU.ext-1.q");
      res.end();
    });
    const answer = await transportOf()(get(`${origin}/1.0/me?x=1`));
    expect(answer.status).toBe(201);
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
    expect(await answer.text(100, never())).toBe("");
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
      method: "PUT",
      url: `${origin}/1.0/me`,
      headers: { "content-type": "application/json", "x-ovh-application": "key" },
      body: '{"firstname":"Zoë"}',
      signal: never(),
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
    expect(JSON.parse((await answer.text(1000, never())) as string)).toEqual({
      firstname: "Zoë",
      emoji: "🙂",
    });
  });

  it("reads a body once, like a Response: a second read is refused, not left waiting", async () => {
    const { origin } = await httpServer((_req, res) => res.end("{}"));
    const answer = await transportOf()(get(origin));
    expect(await answer.text(100, never())).toBe("{}");
    await expect(answer.text(100, never())).rejects.toThrow(/read already/);
    // What was read stays available as a Response.
    expect(await answer.response().text()).toBe("{}");
  });

  it("drops a UTF-8 byte order mark, as fetch's text() does", async () => {
    const { origin } = await httpServer((_req, res) => {
      res.end(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from("{}")]));
    });
    const fetch = createNodeFetch();
    expect(await (await fetch(origin)).text()).toBe("{}");
    expect(await (await transportOf(fetch)(get(origin))).text(100, never())).toBe("{}");
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
      const answer = await transport(get(`${origin}/${coding}`));
      expect(await answer.text(json.length, never())).toBe(json);
      // The compressed size is far below the cap; the decoded one is not.
      const over = await transport(get(`${origin}/${coding}`));
      expect(await over.text(json.length - 1, never())).toBeUndefined();
    }
  });

  it("refuses a body announced larger than maxBytes without reading it, and closes the connection", async () => {
    let connection: Promise<void> | undefined;
    const { origin } = await httpServer((_req, res) => {
      connection = closed(res);
      // The headers only: a read of the body would wait forever.
      res.writeHead(200, { "Content-Length": "1000" });
      res.flushHeaders();
    });
    const answer = await transportOf()(get(origin));
    expect(await answer.text(999, never())).toBeUndefined();
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
    const answer = await transport(get(origin));
    expect(await answer.text(10 * 1024, never())).toBeUndefined();
    await connection;
    expect(written).toBeLessThan(100 * 1024);
    // That connection is gone: the next call opens another.
    expect(await (await transport(get(`${origin}/small`))).text(10, never())).toBe("ok");
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
    const answer = await transportOf()(get(origin, "GET", controller.signal));
    const reading = answer.text(1000, controller.signal);
    await written;
    const reason = new Error("given up");
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
    await connection;
  });

  it("rejects at once with the reason of a signal that has aborted already", async () => {
    const { origin } = await httpServer((_req, res) => {
      res.write("part");
    });
    const answer = await transportOf()(get(origin));
    const reason = new Error("too late");
    await expect(answer.text(1000, AbortSignal.abort(reason))).rejects.toBe(reason);
    await expect(transportOf()(get(origin, "GET", AbortSignal.abort(reason)))).rejects.toBe(reason);
  });

  it("rejects with a TypeError when the server cuts the connection mid-body", async () => {
    const { origin } = await httpServer((req, res) => {
      const gzip = req.url === "/gzip";
      res.writeHead(200, {
        "Content-Length": "1000",
        ...(gzip ? { "Content-Encoding": "gzip" } : {}),
      });
      res.write(gzip ? gzipSync("x".repeat(10_000)).subarray(0, 20) : "part", () =>
        res.socket?.destroy(),
      );
    });
    const transport = transportOf();
    for (const path of ["/plain", "/gzip"]) {
      const answer = await transport(get(`${origin}${path}`));
      await expect(answer.text(100_000, never())).rejects.toBeInstanceOf(TypeError);
    }
  });

  it("rejects a read that starts after the connection was cut mid-body, on the shared agents or one given", async () => {
    let cut = 0;
    const { origin } = await httpServer((_req, res) => {
      res.writeHead(200, { "Content-Length": "1000" });
      res.write("part", () => {
        res.socket?.destroy();
        cut++;
      });
    });
    const agent = new Agent({ keepAlive: true });
    for (const fetch of [createNodeFetch(), createNodeFetch({ httpAgent: agent })]) {
      const before = cut;
      const answer = await transportOf(fetch)(get(`${origin}/1.0/me`));
      // The answer is cut before anyone reads it: its events are over when the read starts.
      await until(() => cut > before);
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      const read = answer.text(100_000, never());
      const late = new Promise((resolve) => setTimeout(resolve, 1000, "still waiting"));
      await expect(Promise.race([read, late])).rejects.toBeInstanceOf(TypeError);
    }
    agent.destroy();
  });

  it("gives, after a read cut short or over the cap, a response with an empty body, not one waiting on the dropped connection", async () => {
    const { origin } = await httpServer((req, res) => {
      res.writeHead(200, { "Content-Length": "1000", "X-Ovh-QueryID": "q" });
      if (req.url === "/cut") res.write("part", () => res.socket?.destroy());
      else res.end("x".repeat(1000));
    });
    const transport = transportOf();
    const cut = await transport(get(`${origin}/cut`));
    await expect(cut.text(100_000, never())).rejects.toBeInstanceOf(TypeError);
    const over = await transport(get(`${origin}/whole`));
    expect(await over.text(10, never())).toBeUndefined();
    for (const answer of [cut, over]) {
      const response = answer.response();
      expect(response.headers.get("x-ovh-queryid")).toBe("q");
      // The announced length was that of the body on the wire, not of this one.
      expect(response.headers.get("content-length")).toBeNull();
      expect(await response.text()).toBe("");
    }
  });

  it("streams the body to one response(): a later text() is refused and a second response() is the same", async () => {
    const { origin } = await httpServer((_req, res) => {
      res.end("hello");
    });
    const answer = await transportOf()(get(origin));
    const response = answer.response();
    expect(answer.response()).toBe(response);
    await expect(answer.text(100, never())).rejects.toThrow(/read already/);
    expect(await response.text()).toBe("hello");
  });

  it("rejects with the reason of a signal aborted before the read, also when there is no body to read", async () => {
    const { origin } = await httpServer((req, res) => {
      res.writeHead(req.url === "/empty" ? 204 : 200, { "Content-Length": "1000" });
      res.end(req.url === "/empty" ? undefined : "x".repeat(1000));
    });
    const transport = transportOf();
    const reason = new Error("too late");
    for (const path of ["/empty", "/large"]) {
      const answer = await transport(get(`${origin}${path}`));
      await expect(answer.text(10, AbortSignal.abort(reason))).rejects.toBe(reason);
    }
  });

  it("reads no body for HEAD and for a 204, even when one is announced", async () => {
    const { origin } = await httpServer((req, res) => {
      res.writeHead(req.url === "/empty" ? 204 : 200, { "Content-Length": "5" });
      res.end(req.method === "HEAD" ? undefined : "hello");
    });
    const transport = transportOf();
    const head = await transport(get(origin, "HEAD"));
    expect(await head.text(100, never())).toBe("");
    const empty = await transport(get(`${origin}/empty`));
    expect(empty.status).toBe(204);
    expect(await empty.text(100, never())).toBe("");
    expect(empty.response().body).toBeNull();
    expect(await (await transport(get(origin))).text(100, never())).toBe("hello");
  });

  it("gives a streamed web Response before text(), and one holding the text after", async () => {
    const { origin } = await httpServer((_req, res) => {
      res.writeHead(404, { "Content-Type": "application/json", "X-Ovh-QueryID": "q" });
      res.end('{"message":"gone"}');
    });
    const transport = transportOf();

    const unread = (await transport(get(`${origin}/a`))).response();
    expect(unread.status).toBe(404);
    expect(unread.url).toBe(`${origin}/a`);
    expect(unread.headers.get("x-ovh-queryid")).toBe("q");
    expect(unread.body).toBeInstanceOf(ReadableStream);
    expect(await unread.json()).toEqual({ message: "gone" });

    const answer = await transport(get(`${origin}/b`));
    expect(await answer.text(100, never())).toBe('{"message":"gone"}');
    for (let i = 0; i < 2; i++) {
      const read = answer.response();
      expect(read.status).toBe(404);
      expect(read.url).toBe(`${origin}/b`);
      expect(read.headers.get("x-ovh-queryid")).toBe("q");
      expect(await read.json()).toEqual({ message: "gone" });
    }
  });

  it("closes the connection of an answer cancelled unread", async () => {
    let connection: Promise<void> | undefined;
    const { origin } = await httpServer((_req, res) => {
      connection = closed(res);
      res.write("part");
    });
    (await transportOf()(get(origin))).cancel();
    await connection;
  });

  it("keeps the connection of an answer cancelled once received whole, as before a retry", async () => {
    const { origin, connections } = await httpServer((_req, res) => {
      res.statusCode = 503;
      res.end('{"message":"busy"}');
    });
    const agent = new Agent({ keepAlive: true });
    const transport = transportOf(createNodeFetch({ httpAgent: agent }));
    // The server writes headers and body at once: the answer arrives whole with its headers.
    const busy = await transport(get(origin));
    busy.cancel();
    // As a retry waits its backoff: the dropped body frees the connection meanwhile. A
    // connection closed instead would never come back to the pool.
    await until(() => Object.keys(agent.freeSockets).length === 1);
    expect((await transport(get(origin))).status).toBe(503);
    expect(connections()).toBe(1);
    agent.destroy();
  });

  it("keeps the connection alive from one call to the next", async () => {
    const { origin, connections } = await httpServer((_req, res) => res.end("ok"));
    const transport = transportOf();
    for (let i = 0; i < 2; i++) {
      expect(await (await transport(get(origin))).text(10, never())).toBe("ok");
    }
    expect(connections()).toBe(1);
  });

  it("sends a GET again on a new connection when the idle one it reused was closed", async () => {
    const { origin, connections, resetNext } = await resettingServer();
    const transport = transportOf();
    expect(await (await transport(get(origin))).text(10, never())).toBe("ok");
    expect(await (await transport(get(origin))).text(10, never())).toBe("ok");
    expect(connections()).toBe(2);
    // A POST is not sent twice: the server may have received it.
    resetNext();
    await expect(transport({ ...get(origin, "POST"), body: "{}" })).rejects.toThrow(TypeError);
    expect(connections()).toBe(2);
  });
});

describe("the Node client on createNodeFetch()", () => {
  it("sends its signed calls through the transport, header names in lower case, and the mock accepts them", async () => {
    const server = await served();
    const fetch = createNodeFetch();
    const transport = transportOf(fetch);
    const sent: TransportRequest[] = [];
    let fetched = 0;
    const recording = Object.assign(
      (...args: Parameters<typeof fetch>) => {
        fetched++;
        return fetch(...args);
      },
      {
        [TRANSPORT]: ((request) => {
          sent.push(request);
          return transport(request);
        }) satisfies Transport,
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
