import { get } from "node:https";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_APPLICATION_KEY } from "./constants.ts";
import { createMockOvh, type MockOvh } from "./mock.ts";
import { createTestCertificate, type MockServer, serve } from "./node.ts";
import { signedRequest } from "./test-utils/requests.ts";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(mock: MockOvh = createMockOvh()) {
  server = await serve(mock);
  return { mock, server };
}

describe("serve", () => {
  it("listens on 127.0.0.1, on a free port, and gives the base URL of a client", async () => {
    const { server } = await start();
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseUrl).toBe(`${server.origin}/1.0`);
    const response = await fetch(`${server.baseUrl}/auth/time`);
    expect(response.status).toBe(200);
    expect(await response.json()).toBeCloseTo(Date.now() / 1000, -1);
  });

  it("verifies signatures over the URL and the body bytes that crossed the wire", async () => {
    const { mock, server } = await start();
    const me = await fetch(signedRequest(`${server.baseUrl}/me?with=query`));
    expect(me.status).toBe(200);
    // Non-ASCII bytes in a body survive the trip, so the signature still matches.
    const body = JSON.stringify({ firstname: "Zoë" });
    const put = await fetch(signedRequest(`${server.baseUrl}/me`, { method: "PUT", body }));
    expect(put.status).toBe(200);
    expect((await mock.handler(signedRequest("/me"))).status).toBe(200);
    const read = await fetch(signedRequest(`${server.baseUrl}/me`));
    expect((await read.json()).firstname).toBe("Zoë");
  });

  it("gives validation URLs on the server's own origin", async () => {
    const { server } = await start();
    const response = await fetch(`${server.baseUrl}/auth/credential`, {
      method: "POST",
      headers: { "X-Ovh-Application": DEMO_APPLICATION_KEY, "Content-Type": "application/json" },
      body: JSON.stringify({
        accessRules: [{ method: "GET", path: "/me" }],
        redirection: "https://app.example/",
      }),
    });
    const { validationUrl } = await response.json();
    expect(validationUrl.startsWith(`${server.origin}/auth/?credentialToken=`)).toBe(true);
    const page = await fetch(validationUrl, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("https://app.example/");
  });

  it("destroys the socket for a drop fault, and keeps serving afterwards", async () => {
    const { mock, server } = await start();
    mock.faults.enqueue({ drop: true });
    await expect(fetch(`${server.baseUrl}/auth/time`)).rejects.toThrow(TypeError);
    expect((await fetch(`${server.baseUrl}/auth/time`)).status).toBe(200);
  });

  it("cuts the connection in the middle of the body for an interrupt fault", async () => {
    const { mock, server } = await start();
    mock.faults.enqueue({ interrupt: true });
    const response = await fetch(signedRequest(`${server.baseUrl}/me`));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect((await fetch(`${server.baseUrl}/auth/time`)).status).toBe(200);
  });

  it("passes a truncated body through complete on the wire", async () => {
    const { mock, server } = await start();
    mock.faults.enqueue({ truncate: 3 });
    const response = await fetch(signedRequest(`${server.baseUrl}/me`));
    expect(await response.text()).toBe('{"a');
  });

  it("stops waiting when the client goes away during latency", async () => {
    const { mock, server } = await start();
    mock.faults.latency(5_000);
    const controller = new AbortController();
    const pending = fetch(`${server.baseUrl}/auth/time`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow();
    await expect.poll(() => mock.requests.length).toBe(1);
    expect(mock.requests[0]?.status).toBe(0);
  });

  it("serves any fetch handler, and answers 500 when it fails", async () => {
    server = await serve(async (request) => {
      if (request.method === "POST") throw new Error("handler broke");
      return new Response(`${request.method} ${new URL(request.url).pathname}`);
    });
    expect(await (await fetch(`${server.origin}/x`)).text()).toBe("GET /x");
    const failed = await fetch(`${server.origin}/x`, { method: "POST", body: "a" });
    expect(failed.status).toBe(500);
    expect(await failed.text()).toContain("handler broke");
    const head = await fetch(`${server.origin}/y`, { method: "HEAD" });
    expect(head.status).toBe(200);
  });

  it("sends each chunk of a streamed body as it comes, without holding it for the next", async () => {
    let sendRest = () => {};
    const rest = new Promise<void>((resolve) => {
      sendRest = resolve;
    });
    const encoder = new TextEncoder();
    server = await serve(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async start(controller) {
              controller.enqueue(encoder.encode("first,"));
              // The next chunk waits for the client to have the first one.
              await rest;
              controller.enqueue(encoder.encode("second,"));
              controller.enqueue(encoder.encode("last"));
              controller.close();
            },
          }),
        ),
    );
    const response = await fetch(`${server.origin}/stream`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe("first,");
    sendRest();
    let text = "";
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      text += decoder.decode(read.value, { stream: true });
    }
    expect(text).toBe("second,last");
  });

  it("closes, even with keep-alive connections open, and then refuses connections", async () => {
    const { server: running } = await start();
    await fetch(`${running.baseUrl}/auth/time`);
    await running.close();
    server = undefined;
    await expect(fetch(`${running.baseUrl}/auth/time`)).rejects.toThrow();
  });

  it("reports a port that cannot be listened on", async () => {
    const { server: first } = await start();
    const port = Number(new URL(first.origin).port);
    await expect(serve(createMockOvh(), { port, hostname: "127.0.0.1" })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });

  it("serves HTTPS with a test certificate, verifying signatures over https:// URLs", async () => {
    const certificate = await createTestCertificate();
    server = await serve(createMockOvh(), { tls: certificate });
    expect(server.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const signed = signedRequest(`${server.baseUrl}/me`);
    const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const headers = Object.fromEntries(signed.headers);
      get(signed.url, { ca: certificate.ca, headers }, (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode, body }));
      }).on("error", reject);
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toHaveProperty("nichandle");
    // The certificate is for 127.0.0.1 and signed by the CA alone.
    expect(certificate.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(certificate.cert).not.toBe(certificate.ca);
  });
});
