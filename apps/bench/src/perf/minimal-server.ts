/**
 * @module
 * The least server that answers like the mock, for the client-bound throughput scenario: it costs
 * as little per request as node:https allows, so that the client under measurement, not the
 * server, sets the throughput. Not an OVH API: it checks no signature and knows one answer.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { Client } from "@asyncovh/core";
import { DEMO_CREDENTIALS, type MockOvh } from "@asyncovh/mock";
import type { MockServer, TestCertificate } from "@asyncovh/mock/node";

/**
 * Serves, over HTTPS on 127.0.0.1 (plain HTTP without `tls`), `GET /auth/time` with the time and
 * any other request with `mock`'s answer to the demo account's `GET /me`, taken once (same body,
 * same headers), checking nothing; on `port`, default a free one.
 */
export async function serveMinimal(
  mock: MockOvh,
  tls: Pick<TestCertificate, "key" | "cert"> | undefined,
  port = 0,
): Promise<Pick<MockServer, "baseUrl" | "close">> {
  // The mock's own answer to the demo account's GET /me, taken once.
  const client = new Client({
    endpoint: "https://127.0.0.1/1.0",
    fetch: mock.fetch,
    ...DEMO_CREDENTIALS,
  });
  const me = await client.rawCall("GET", "/me");
  if (me.status !== 200) throw new Error(`The mock answered GET /me with ${me.status}.`);
  const body = Buffer.from(await me.arrayBuffer());
  const headers: Record<string, string> = {};
  me.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers["content-length"] = String(body.byteLength);
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    if (req.url?.endsWith("/auth/time")) {
      const time = String(Math.floor(Date.now() / 1000));
      res.writeHead(200, { "content-type": "application/json", "content-length": time.length });
      res.end(time);
      return;
    }
    res.writeHead(200, headers);
    res.end(body);
  };
  const server = tls
    ? createServer({ key: tls.key, cert: tls.cert }, listener)
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    baseUrl: `${tls ? "https" : "http"}://127.0.0.1:${bound}/1.0`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
