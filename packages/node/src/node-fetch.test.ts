import { Agent as HttpAgent, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import {
  InvalidConfiguration,
  InvalidResponse,
  NetworkError,
  RequestTimeoutError,
} from "@asyncovh/core";
import {
  createMockOvh,
  DEMO_APPLICATION_KEY,
  DEMO_APPLICATION_SECRET,
  DEMO_CONSUMER_KEY,
} from "@asyncovh/mock";
import { createTestCertificate, serve } from "@asyncovh/mock/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultTransport } from "./default-transport.ts";
import { Client } from "./index.ts";
import { createNodeFetch } from "./node-fetch.ts";
import {
  closeLater,
  closeServers,
  cuttingServer,
  httpServer,
  resettingServer,
  served,
} from "./test-servers.ts";

afterEach(closeServers);

const keys = {
  applicationKey: DEMO_APPLICATION_KEY,
  applicationSecret: DEMO_APPLICATION_SECRET,
  consumerKey: DEMO_CONSUMER_KEY,
};

describe("createNodeFetch", () => {
  it("answers with a web Response: status, headers, JSON body and the URL asked for", async () => {
    const server = await served();
    const fetch = createNodeFetch();
    const response = await fetch(`${server.baseUrl}/auth/time`);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.url).toBe(`${server.baseUrl}/auth/time`);
    expect(await response.json()).toBeCloseTo(Date.now() / 1000, -1);
  });

  it("carries signed calls of the Node client, bodies byte for byte, as the mock verifies", async () => {
    const server = await served();
    const client = new Client({ endpoint: server.baseUrl, ...keys, fetch: createNodeFetch() });
    expect(await client.get("/me")).toMatchObject({ nichandle: expect.any(String) });
    // A non-ASCII body is signed and sent as the same bytes.
    await client.put("/me", { firstname: "Zoë" });
    expect(await client.get("/me")).toMatchObject({ firstname: "Zoë" });
  });

  it("is the Node client's transport when none is given", async () => {
    const agents: (string | undefined)[] = [];
    const { origin } = await httpServer((req, res) => {
      // undici's fetch always sends Sec-Fetch-Mode; http.request does not.
      agents.push(req.headers["sec-fetch-mode"]);
      res.setHeader("Content-Type", "application/json");
      res.end(req.url?.endsWith("/auth/time") ? "0" : "{}");
    });
    await new Client({ endpoint: `${origin}/1.0`, ...keys }).get("/me");
    await new Client({ endpoint: `${origin}/1.0`, ...keys, fetch: globalThis.fetch }).get("/me");
    expect(agents).toEqual([undefined, undefined, "cors", "cors"]);
  });

  it("keeps connections alive between calls", async () => {
    const { origin, connections } = await httpServer((_req, res) => res.end("ok"));
    const fetch = createNodeFetch();
    for (let i = 0; i < 3; i++) expect(await (await fetch(origin)).text()).toBe("ok");
    expect(connections()).toBe(1);
  });

  it("sends the request headers given, and gives every response header back", async () => {
    let received: IncomingMessage | undefined;
    const { origin } = await httpServer((req, res) => {
      received = req;
      res.setHeader("Set-Cookie", ["a=1", "b=2"]);
      res.setHeader("X-Ovh-QueryID", "EU.ext-1.abc");
      res.end();
    });
    const fetch = createNodeFetch();
    const response = await fetch(origin, {
      method: "post",
      headers: new Headers({ "X-Ovh-Application": "key", "Content-Type": "application/json" }),
      body: '{"a":1}',
    });
    expect(received?.method).toBe("POST");
    expect(received?.headers["x-ovh-application"]).toBe("key");
    expect(received?.headers["content-type"]).toBe("application/json");
    expect(received?.headers["content-length"]).toBe("7");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(response.headers.get("x-ovh-queryid")).toBe("EU.ext-1.abc");
  });

  it("sends bodies of every kind fetch's callers use, with fetch's default Content-Type", async () => {
    const bodies: [string | undefined, string][] = [];
    const { origin } = await httpServer(async (req, res) => {
      let text = "";
      for await (const chunk of req) text += chunk;
      bodies.push([req.headers["content-type"], text]);
      res.end();
    });
    const fetch = createNodeFetch();
    await fetch(origin, { method: "POST", body: "é" });
    await fetch(origin, { method: "POST", body: new URLSearchParams({ grant_type: "x" }) });
    await fetch(origin, { method: "POST", body: new TextEncoder().encode("bytes") });
    await fetch(origin, { method: "POST", body: new TextEncoder().encode("buffer").buffer });
    await fetch(origin, { method: "POST", body: new Blob(["blob"], { type: "text/x-b" }) });
    await fetch(new Request(origin, { method: "PUT", body: "from a Request" }));
    expect(bodies).toEqual([
      ["text/plain;charset=UTF-8", "é"],
      ["application/x-www-form-urlencoded;charset=UTF-8", "grant_type=x"],
      [undefined, "bytes"],
      [undefined, "buffer"],
      ["text/x-b", "blob"],
      ["text/plain;charset=UTF-8", "from a Request"],
    ]);
    await expect(fetch(origin, { method: "GET", body: "x" })).rejects.toThrow(/cannot have a body/);
    await expect(
      fetch(origin, { method: "POST", body: new ReadableStream(), duplex: "half" } as RequestInit),
    ).rejects.toThrow(/globalThis\.fetch/);
    await expect(fetch("ftp://127.0.0.1/")).rejects.toThrow(/http: and https: only/);
  });

  it("streams the body: chunks are read as they arrive, before the server has finished", async () => {
    let finish: (() => void) | undefined;
    const { origin } = await httpServer((_req, res) => {
      res.write("first,");
      finish = () => res.end("second");
    });
    const response = await createNodeFetch()(origin);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe("first,");
    finish?.();
    expect(decoder.decode((await reader.read()).value)).toBe("second");
    expect((await reader.read()).done).toBe(true);
  });

  it("keeps back-pressure: a body nobody reads stops the server's writes", async () => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    const chunks = 512; // 32 MiB: more than the socket buffers and the stream's queue hold
    let finished = false;
    const { origin } = await httpServer((_req, res) => {
      let sent = 0;
      const pump = () => {
        while (sent < chunks) {
          sent++;
          if (!res.write(chunk)) {
            res.once("drain", pump);
            return;
          }
        }
        res.end();
      };
      res.on("finish", () => {
        finished = true;
      });
      pump();
    });
    const response = await createNodeFetch()(origin);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = (await reader.read()).value?.byteLength ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(finished).toBe(false);
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      received += read.value.byteLength;
    }
    expect(received).toBe(chunks * chunk.byteLength);
    expect(finished).toBe(true);
  });

  it("decodes gzip, deflate and brotli bodies, and passes others as they are", async () => {
    const json = `{"zipped":"${"z".repeat(1000)}"}`;
    const encode: Record<string, (text: string) => Buffer> = {
      gzip: gzipSync,
      "x-gzip": gzipSync,
      deflate: deflateSync,
      br: brotliCompressSync,
      identity: Buffer.from,
    };
    const { origin } = await httpServer((req, res) => {
      expect(req.headers["accept-encoding"]).toBe("gzip, deflate, br");
      const coding = (req.url ?? "").slice(1);
      res.writeHead(200, { "Content-Encoding": ` ${coding.toUpperCase()} ` });
      res.end(encode[coding]?.(json));
    });
    const fetch = createNodeFetch();
    for (const coding of Object.keys(encode)) {
      expect(await (await fetch(`${origin}/${coding}`)).text()).toBe(json);
    }
  });

  it("fails the body read with a TypeError when the server cuts the connection mid-body", async () => {
    const { origin } = await cuttingServer();
    const fetch = createNodeFetch();
    for (const path of ["/plain", "/gzip"]) {
      const response = await fetch(`${origin}${path}`);
      await expect(response.text()).rejects.toBeInstanceOf(TypeError);
    }
  });

  it("fails a body read that starts after the connection was cut, rather than waiting, on the shared agents or one given", async () => {
    let cut = 0;
    const { origin } = await httpServer((_req, res) => {
      res.writeHead(200, { "Content-Length": "1000" });
      res.write("part", () => {
        res.socket?.destroy();
        cut++;
      });
    });
    const agent = new HttpAgent({ keepAlive: true });
    for (const fetch of [createNodeFetch(), createNodeFetch({ httpAgent: agent })]) {
      const before = cut;
      const response = await fetch(origin);
      // The answer is cut before anyone reads it: its events are over when the read starts.
      await vi.waitFor(() => expect(cut).toBeGreaterThan(before));
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      const late = new Promise((resolve) => setTimeout(resolve, 1000, "still waiting"));
      await expect(Promise.race([response.text(), late])).rejects.toBeInstanceOf(TypeError);
    }
    agent.destroy();
  });

  it("refuses the headers that frame or route a request, before sending anything", async () => {
    const { origin, connections } = await httpServer((_req, res) => res.end());
    const fetch = createNodeFetch();
    for (const [name, value] of [
      ["Transfer-Encoding", "chunked"],
      ["Content-Length", "2"],
      ["Host", "eu.api.ovh.com"],
      ["Connection", "close"],
      ["Keep-Alive", "timeout=5"],
      ["Upgrade", "h2c"],
      ["TE", "trailers"],
      ["Trailer", "x"],
      ["Expect", "100-continue"],
      ["Proxy-Authorization", "Basic eDp5"],
    ] as const) {
      await expect(
        fetch(origin, { method: "POST", headers: { [name]: value }, body: "{}" }),
      ).rejects.toThrow(`This fetch sets the ${name.toLowerCase()} header itself`);
      await expect(
        fetch(new Request(origin, { method: "POST", headers: { [name]: value }, body: "{}" })),
      ).rejects.toThrow(TypeError);
    }
    expect(connections()).toBe(0);
  });

  it("gives null bodies for HEAD and 204", async () => {
    const { origin } = await httpServer((req, res) => {
      res.writeHead(req.url === "/empty" ? 204 : 200, { "Content-Length": "5" });
      res.end(req.method === "HEAD" ? undefined : "hello");
    });
    const fetch = createNodeFetch();
    expect((await fetch(origin, { method: "HEAD" })).body).toBeNull();
    expect((await fetch(`${origin}/empty`)).body).toBeNull();
    expect(await (await fetch(origin)).text()).toBe("hello");
  });

  it("returns a redirect as it is with redirect: manual, and refuses to follow it otherwise", async () => {
    const server = await served();
    const fetch = createNodeFetch();
    const created = await fetch(`${server.baseUrl}/auth/credential`, {
      method: "POST",
      headers: { "X-Ovh-Application": DEMO_APPLICATION_KEY, "Content-Type": "application/json" },
      body: JSON.stringify({
        accessRules: [{ method: "GET", path: "/me" }],
        redirection: "https://app.example/",
      }),
    });
    const { validationUrl } = await created.json();
    const page = await fetch(validationUrl, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("https://app.example/");
    await expect(fetch(validationUrl)).rejects.toThrow(/does not follow: pass redirect: "manual"/);
    await expect(fetch(validationUrl, { redirect: "error" })).rejects.toThrow(TypeError);
  });

  it("fails the body read with the signal's reason when aborted midway", async () => {
    const { origin } = await httpServer((_req, res) => {
      res.write("part");
    });
    const controller = new AbortController();
    const response = await createNodeFetch()(origin, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort(new Error("enough"));
    await expect(reader.read()).rejects.toThrow("enough");
  });

  it("closes the connection when the body is cancelled", async () => {
    let closed: () => void = () => undefined;
    const serverSawClose = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const { origin } = await httpServer((_req, res) => {
      res.on("close", closed);
      res.write("part");
    });
    const response = await createNodeFetch()(origin);
    await (response.body as ReadableStream<Uint8Array>).cancel();
    await serverSawClose;
  });

  it("times out through the client's deadline like the global fetch", async () => {
    const mock = createMockOvh();
    mock.faults.latency(5_000);
    const server = await served(mock);
    const client = new Client({ endpoint: server.baseUrl, ...keys, timeDelta: 0, timeout: 50 });
    await expect(client.get("/me", undefined, { retry: 0 })).rejects.toBeInstanceOf(
      RequestTimeoutError,
    );
  });

  it("fails the body read when the connection dies in the middle of the body", async () => {
    const mock = createMockOvh();
    const server = await served(mock);
    mock.faults.enqueue({ interrupt: true });
    const client = new Client({ endpoint: server.baseUrl, ...keys, timeDelta: 0, retry: 0 });
    await expect(client.get("/me")).rejects.toBeInstanceOf(NetworkError);
    expect(await client.get("/me")).toMatchObject({ nichandle: expect.any(String) });
  });

  it("speaks HTTPS, trusting the CA it is given", async () => {
    const certificate = await createTestCertificate();
    const mock = createMockOvh();
    const server = await serve(mock, { tls: certificate });
    closeLater(() => server.close());
    expect(server.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/1\.0$/);
    const httpsAgent = new HttpsAgent({ keepAlive: true, ca: certificate.ca });
    closeLater(() => httpsAgent.destroy());
    const client = new Client({
      endpoint: server.baseUrl,
      ...keys,
      fetch: createNodeFetch({ httpsAgent }),
    });
    expect(await client.get("/me")).toMatchObject({ nichandle: expect.any(String) });
    // Without the CA, the certificate is refused.
    await expect(createNodeFetch()(`${server.baseUrl}/auth/time`)).rejects.toThrow(/certificate/);
  });
});

/** createNodeFetch on a keep-alive node:http agent of the test's own: its path given agents. */
function onAgent() {
  const agent = new HttpAgent({ keepAlive: true });
  closeLater(() => agent.destroy());
  return createNodeFetch({ httpAgent: agent });
}

describe.each([
  ["the agents the process shares", () => createNodeFetch()],
  ["a node:http agent given", onAgent],
])("createNodeFetch on %s", (_name, make) => {
  it("rejects with the signal's reason when aborted before the answer, and closes the socket", async () => {
    const mock = createMockOvh();
    mock.faults.latency(5_000);
    const server = await served(mock);
    const controller = new AbortController();
    const pending = make()(`${server.baseUrl}/auth/time`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(pending).rejects.toThrow("stop");
    const already = AbortSignal.abort(new Error("too late"));
    await expect(make()(server.baseUrl, { signal: already })).rejects.toThrow("too late");
  });

  it("fails with a TypeError naming the origin when there is no answer", async () => {
    const mock = createMockOvh();
    const server = await served(mock);
    mock.faults.enqueue({ drop: true });
    await expect(make()(`${server.baseUrl}/auth/time`)).rejects.toThrow(
      new RegExp(`^Request to ${server.origin} failed`),
    );
    const client = new Client({
      endpoint: server.baseUrl,
      ...keys,
      timeDelta: 0,
      retry: 0,
      fetch: make(),
    });
    mock.faults.enqueue({ drop: true });
    await expect(client.get("/me")).rejects.toBeInstanceOf(NetworkError);
  });

  it("refuses a status a Response cannot hold with an InvalidResponse carrying it, and closes the connection", async () => {
    let closed = false;
    const { origin } = await httpServer((_req, res) => {
      res.on("close", () => {
        closed = true;
      });
      res.writeHead(600);
      res.write("part");
    });
    const error = await make()(origin).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect(error).toMatchObject({ status: 600, message: expect.stringContaining(origin) });
    const give = Date.now() + 2000;
    while (!closed && Date.now() < give) await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });

  it("sends an idempotent request again when the server closed the idle connection it reused", async () => {
    // A connection that has answered once is reset when the next request arrives on it, as by
    // a server whose keep-alive timeout has just passed; new connections answer normally.
    const { origin, connections, resetNext } = await resettingServer();
    const fetch = make();
    expect(await (await fetch(origin)).text()).toBe("ok");
    expect(await (await fetch(origin, { method: "DELETE" })).text()).toBe("ok");
    expect(connections()).toBe(2);
    // A POST is not sent twice: the server may have received it.
    resetNext();
    await expect(fetch(origin, { method: "POST", body: "{}" })).rejects.toThrow(/failed/);
    expect(connections()).toBe(2);
  });
});

describe("defaultTransport", () => {
  it("is a createNodeFetch under Node, and Bun's own fetch under Bun", () => {
    expect(typeof defaultTransport(undefined, { node: "20.20.0" })).toBe("function");
    expect(defaultTransport(undefined, { node: "22.0.0", bun: "1.4.5" })).toBeUndefined();
  });

  it("hands a proxy option to Bun's fetch, checked first", async () => {
    const seen: unknown[] = [];
    const bunFetch = Object.assign(
      async (_input: unknown, init?: RequestInit & { proxy?: unknown }) => {
        seen.push(init?.proxy);
        return new Response("ok");
      },
      { preconnect: () => undefined },
    );
    const real = globalThis.fetch;
    globalThis.fetch = bunFetch as typeof fetch;
    try {
      const bun = { node: "22.0.0", bun: "1.4.5" };
      await defaultTransport("proxy.example:3128", bun)?.("https://eu.api.ovh.com/1.0/me");
      await defaultTransport(false, bun)?.("https://eu.api.ovh.com/1.0/me", { method: "GET" });
      expect(seen).toEqual(["http://proxy.example:3128/", false]);
      expect(() => defaultTransport("socks5://proxy.example", bun)).toThrow(InvalidConfiguration);
      expect(() => defaultTransport(true as never, bun)).toThrow(InvalidConfiguration);
    } finally {
      globalThis.fetch = real;
    }
  });
});
