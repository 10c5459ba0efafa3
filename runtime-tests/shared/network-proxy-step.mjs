/**
 * Proxies from the environment, in Node and Bun: a forward proxy served in the runtime itself
 * (node:http, absolute-form requests) must see the default client's call when `http_proxy`
 * names it, and none when `no_proxy` matches the endpoint or the client says `proxy: false`.
 * Node's client reads the variables when it is made, Bun's fetch when it sends: both see them set
 * here.
 */
import { createServer, request } from "node:http";
import { equal, NICHANDLE } from "./scenario.mjs";

async function forwardProxy() {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push(req.url);
    const target = new URL(req.url);
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

export function networkProxyStep(report, asyncovh, context) {
  return report.step(
    "proxies from the environment (http_proxy, no_proxy, proxy: false)",
    async () => {
      const proxy = await forwardProxy();
      const saved = { http_proxy: process.env.http_proxy, no_proxy: process.env.no_proxy };
      const client = (options = {}) =>
        new asyncovh.Client({ endpoint: context.baseUrl, ...options });
      try {
        process.env.http_proxy = proxy.url;
        delete process.env.no_proxy;
        equal((await client().get("/me")).nichandle, NICHANDLE, "GET /me through the proxy");
        equal(proxy.seen.length, 2, "requests the proxy saw (GET /auth/time, GET /me)");
        equal(proxy.seen[1], `${context.baseUrl}/me`, "the request line the proxy saw");
        await client({ proxy: false }).get("/me");
        process.env.no_proxy = "127.0.0.1";
        await client().get("/me");
        equal(proxy.seen.length, 2, "requests the proxy saw with proxy: false and no_proxy");
      } finally {
        for (const [name, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
        await proxy.close();
      }
    },
  );
}
