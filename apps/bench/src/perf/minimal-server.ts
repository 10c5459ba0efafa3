/**
 * @module
 * The least server that answers like the mock, for the client-bound throughput scenario: it costs
 * as little per request as node:https allows, so that the client under measurement, not the
 * server, sets the throughput. Not an OVH API: it checks no signature and knows one answer.
 */
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { Client } from "@asyncovh/core";
import { DEMO_CREDENTIALS, type MockOvh } from "@asyncovh/mock";
import type { MockServer, TestCertificate } from "@asyncovh/mock/node";

/**
 * Serves, over HTTPS on 127.0.0.1, `GET /auth/time` with the time and any other request with
 * `mock`'s answer to the demo account's `GET /me`, taken once (same body, same headers), checking
 * nothing; on `port`, default a free one.
 */
export async function serveMinimal(
  mock: MockOvh,
  tls: Pick<TestCertificate, "key" | "cert">,
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
  const https: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    req.resume();
    if (req.url?.endsWith("/auth/time")) {
      const time = String(Math.floor(Date.now() / 1000));
      res.writeHead(200, { "content-type": "application/json", "content-length": time.length });
      res.end(time);
      return;
    }
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    https.once("error", reject);
    https.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: bound } = https.address() as AddressInfo;
  return {
    baseUrl: `https://127.0.0.1:${bound}/1.0`,
    close: () =>
      new Promise<void>((resolve) => {
        https.close(() => resolve());
        https.closeAllConnections();
      }),
  };
}
