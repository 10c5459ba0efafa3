import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
import { serve } from "@asyncovh/mock/node";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { Client } from "./index.ts";
import { createNodeFetch } from "./node-fetch.ts";
import { closeLater, closeServers, forwardProxy, served } from "./test-servers.ts";

afterEach(async () => {
  vi.unstubAllEnvs();
  await closeServers();
});

/** Every proxy variable unset, whatever the machine running the tests has. */
function clearProxyEnv(): void {
  for (const name of ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"]) {
    vi.stubEnv(name, "");
  }
  for (const name of ["no_proxy", "NO_PROXY"]) vi.stubEnv(name, "");
}

/** The mock over HTTPS on 127.0.0.1, with a certificate of the CA the test processes trust. */
async function servedOverTls() {
  const server = await serve(createMockOvh(), { tls: inject("certificates").local });
  closeLater(() => server.close());
  return server;
}

const newClient = (endpoint: string, options: ConstructorParameters<typeof Client>[0] = {}) =>
  new Client({ endpoint, ...DEMO_CREDENTIALS, ...options });

describe("the default Node client behind a proxy of the environment", () => {
  it("tunnels its HTTPS calls through HTTPS_PROXY with CONNECT, the certificate checked against the target", async () => {
    clearProxyEnv();
    const server = await servedOverTls();
    const proxy = await forwardProxy();
    vi.stubEnv("HTTPS_PROXY", proxy.url);
    const client = newClient(server.baseUrl);
    expect(await client.get("/me")).toMatchObject({ nichandle: expect.any(String) });
    await client.put("/me", { firstname: "Zoë" });
    expect(await client.get("/me")).toMatchObject({ firstname: "Zoë" });
    const authority = new URL(server.origin).host;
    // One tunnel, kept alive for the four calls (GET /auth/time, GET, PUT, GET).
    expect(proxy.seen).toEqual([
      { method: "CONNECT", target: authority, authorization: undefined },
    ]);
  });

  it("goes direct, and the proxy sees nothing, when NO_PROXY matches the endpoint", async () => {
    clearProxyEnv();
    const server = await servedOverTls();
    const proxy = await forwardProxy();
    vi.stubEnv("HTTPS_PROXY", proxy.url);
    for (const noProxy of [
      "127.0.0.1",
      "127.0.0.0/8",
      "*",
      `127.0.0.1:${new URL(server.origin).port}`,
    ]) {
      vi.stubEnv("NO_PROXY", noProxy);
      expect(await newClient(server.baseUrl).get("/me")).toMatchObject({
        nichandle: expect.any(String),
      });
    }
    // A rule for another port does not match: that call goes through the proxy.
    vi.stubEnv("NO_PROXY", "127.0.0.1:1");
    await newClient(server.baseUrl).get("/me");
    expect(proxy.seen.map((request) => request.method)).toEqual(["CONNECT"]);
    expect(proxy.connections()).toBe(1);
  });

  it("prefers https_proxy to HTTPS_PROXY, and no_proxy to NO_PROXY", async () => {
    clearProxyEnv();
    const server = await servedOverTls();
    const upper = await forwardProxy();
    const lower = await forwardProxy();
    vi.stubEnv("HTTPS_PROXY", upper.url);
    vi.stubEnv("https_proxy", lower.url);
    vi.stubEnv("NO_PROXY", "127.0.0.1");
    vi.stubEnv("no_proxy", "example.com");
    await newClient(server.baseUrl).get("/me");
    expect(upper.seen).toEqual([]);
    expect(lower.seen).toHaveLength(1);
  });

  it("sends its HTTP calls to http_proxy in absolute form, and ignores HTTP_PROXY as curl does", async () => {
    clearProxyEnv();
    const server = await served();
    const proxy = await forwardProxy();
    vi.stubEnv("HTTP_PROXY", proxy.url);
    await newClient(server.baseUrl).get("/me");
    expect(proxy.seen).toEqual([]);
    vi.stubEnv("http_proxy", proxy.url);
    // Signed over the URL sent: the mock checks the signature behind the proxy.
    await newClient(server.baseUrl).put("/me", { firstname: "Zoë" });
    expect(proxy.seen.map(({ method, target }) => `${method} ${target}`)).toEqual([
      `GET ${server.baseUrl}/auth/time`,
      `PUT ${server.baseUrl}/me`,
    ]);
  });

  it("goes direct with proxy: false, and reads no variable at all", async () => {
    clearProxyEnv();
    const server = await servedOverTls();
    const proxy = await forwardProxy();
    vi.stubEnv("HTTPS_PROXY", proxy.url);
    await newClient(server.baseUrl, { proxy: false }).get("/me");
    // Not even a malformed one.
    vi.stubEnv("HTTPS_PROXY", "socks5://proxy.example:1080");
    await newClient(server.baseUrl, { proxy: false }).get("/me");
    expect(proxy.seen).toEqual([]);
  });
});

describe("a proxy spoken to over TLS (an https:// proxy URL)", () => {
  it("tunnels HTTPS calls in its TLS connection, and takes HTTP calls in absolute form", async () => {
    clearProxyEnv();
    const tls = await servedOverTls();
    const plain = await served();
    const proxy = await forwardProxy({ tls: inject("certificates").local });
    expect(proxy.url).toMatch(/^https:/);
    vi.stubEnv("https_proxy", proxy.url);
    vi.stubEnv("http_proxy", proxy.url);
    expect(await newClient(tls.baseUrl).get("/me")).toMatchObject({
      nichandle: expect.any(String),
    });
    expect(await newClient(plain.baseUrl).get("/me")).toMatchObject({
      nichandle: expect.any(String),
    });
    expect(proxy.seen.map(({ method, target }) => `${method} ${target}`)).toEqual([
      `CONNECT ${new URL(tls.origin).host}`,
      `GET ${plain.baseUrl}/auth/time`,
      `GET ${plain.baseUrl}/me`,
    ]);
  });
});

describe("a proxy given as an option", () => {
  it("carries every call, and gets the URL's credentials as Proxy-Authorization, never the target", async () => {
    clearProxyEnv();
    const server = await servedOverTls();
    const proxy = await forwardProxy({ credentials: "ovh user:p@ss:w0rd" });
    const url = new URL(proxy.url);
    url.username = "ovh user";
    url.password = "p@ss:w0rd";
    vi.stubEnv("NO_PROXY", "*");
    const client = newClient(server.baseUrl, { proxy: url.href, timeDelta: 0 });
    expect(await client.get("/me")).toMatchObject({ nichandle: expect.any(String) });
    expect(proxy.seen).toEqual([
      {
        method: "CONNECT",
        target: new URL(server.origin).host,
        authorization: `Basic ${Buffer.from("ovh user:p@ss:w0rd").toString("base64")}`,
      },
    ]);
  });

  it("is refused next to a fetch of one's own", () => {
    expect(() => newClient("ovh-eu", { proxy: false, fetch: globalThis.fetch })).toThrow(
      /proxy and fetch are both given/,
    );
  });
});

describe("a proxy that refuses", () => {
  const secret = "s3cret-Pa55";

  it("answering 407 fails the call once, typed, without the credentials in the error or the events", async () => {
    clearProxyEnv();
    const server = await servedOverTls();
    const proxy = await forwardProxy({ credentials: "user:right" });
    const events: unknown[] = [];
    const client = newClient(server.baseUrl, {
      proxy: proxy.url.replace("//", `//user:${secret}@`),
      timeDelta: 0,
      onEvent: (event) => events.push(event),
    });
    const started = performance.now();
    const error = await client.get("/me").catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({
      name: "NetworkError",
      errorCode: "PROXY_AUTHENTICATION_REQUIRED",
      message: expect.stringContaining(`The proxy ${proxy.url} answered 407`),
    });
    expect(proxy.seen).toHaveLength(1);
    const shown = JSON.stringify([error, String(error), (error as Error).stack, events]);
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain(Buffer.from(`user:${secret}`).toString("base64"));
  });

  it("answering 407 to a proxy URL without credentials says to put them in the URL", async () => {
    clearProxyEnv();
    const proxy = await forwardProxy({ credentials: "user:right" });
    const fetch = createNodeFetch({ proxy: proxy.url });
    await expect(fetch("https://127.0.0.1:1/")).rejects.toThrow(/wants credentials: put them/);
  });

  it("refusing the CONNECT fails the call once, typed, naming the proxy and the target", async () => {
    clearProxyEnv();
    const server = await servedOverTls();
    const proxy = await forwardProxy({ status: 403 });
    const client = newClient(server.baseUrl, { proxy: proxy.url, timeDelta: 0 });
    const error = await client.get("/me").catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: "NetworkError",
      errorCode: "PROXY_REFUSED",
      message: expect.stringContaining(
        `answered 403 Refused to CONNECT ${new URL(server.origin).host}`,
      ),
    });
    expect(proxy.seen).toHaveLength(1);
  });

  it("that cannot be reached fails with Node's code in the cause, and no credentials", async () => {
    const proxy = await forwardProxy();
    const port = new URL(proxy.url).port;
    await closeServers();
    const fetch = createNodeFetch({ proxy: `http://user:${secret}@127.0.0.1:${port}` });
    const error = (await fetch("https://127.0.0.1:1/").catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(
      `Request to https://127.0.0.1:1 failed: The proxy http://127.0.0.1:${port} could not be reached: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect((error.cause as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });

  it("that never answers the CONNECT is left at the caller's abort, with its reason", async () => {
    let connected: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const { createServer } = await import("node:net");
    const silent = createServer((socket) => {
      socket.on("error", () => undefined);
      connected();
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    closeLater(() => new Promise((resolve) => silent.close(resolve)));
    const { port } = silent.address() as { port: number };
    const controller = new AbortController();
    const pending = createNodeFetch({ proxy: `http://127.0.0.1:${port}` })("https://127.0.0.1:1/", {
      signal: controller.signal,
    });
    await reached;
    controller.abort(new Error("given up"));
    await expect(pending).rejects.toThrow("given up");
    // The tunnel's connection is closed, not left open.
    await vi.waitFor(async () => {
      const count = await new Promise<number>((resolve, reject) =>
        silent.getConnections((error, n) => (error ? reject(error) : resolve(n))),
      );
      expect(count).toBe(0);
    });
  });
});
