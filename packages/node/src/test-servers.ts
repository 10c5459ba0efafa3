/**
 * @module
 * Servers on 127.0.0.1 for the transport tests: the mock over real HTTP, a plain HTTP server for
 * what the mock cannot do, raw TCP servers (one resets reused connections, one writes exact
 * bytes), and a forward proxy. Each test file calls `closeServers` after every test.
 */
import { once } from "node:events";
import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, connect, createServer as createTcpServer, type Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { createMockOvh, type MockOvh } from "@asyncovh/mock";
import { type MockServer, serve } from "@asyncovh/mock/node";

const cleanups: (() => Promise<unknown> | unknown)[] = [];

/** Closes every server started since the last call, the latest first. */
export async function closeServers(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

/** Registers something to close with the servers. */
export function closeLater(cleanup: () => Promise<unknown> | unknown): void {
  cleanups.push(cleanup);
}

/** The mock OVH API over HTTP. */
export async function served(mock: MockOvh = createMockOvh()): Promise<MockServer> {
  const server = await serve(mock);
  cleanups.push(() => server.close());
  return server;
}

/**
 * A plain HTTP server for what the mock cannot do (slow bodies, raw headers, compression); an
 * HTTPS one with `tls`.
 */
export async function httpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  tls?: { key: string; cert: string },
): Promise<{ origin: string; server: Server; connections: () => number }> {
  const server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  let connections = 0;
  server.on("connection", () => {
    connections++;
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  const scheme = tls ? "https" : "http";
  return { origin: `${scheme}://127.0.0.1:${port}`, server, connections: () => connections };
}

/**
 * An HTTP server that announces 1000 bytes, sends the first few, then cuts the connection: at
 * `/gzip` gzipped, at any other path plain.
 */
export function cuttingServer(): ReturnType<typeof httpServer> {
  return httpServer((req, res) => {
    const gzip = req.url === "/gzip";
    res.writeHead(200, {
      "Content-Length": "1000",
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    });
    res.write(gzip ? gzipSync("x".repeat(10_000)).subarray(0, 20) : "part", () =>
      res.socket?.destroy(),
    );
  });
}

/**
 * A raw TCP server on 127.0.0.1 that hands each connection to `onSocket`, counts them, and
 * destroys them at cleanup; resolves with its http:// origin.
 */
async function tcpServer(
  onSocket: (socket: Socket) => void,
): Promise<{ origin: string; connections: () => number }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("error", () => socket.destroy());
    onSocket(socket);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, connections: () => connections };
}

/**
 * A server whose connections answer "ok" with keep-alive, except that once armed (`resetNext`,
 * armed at the start) it resets the next connection that receives a second request, as a server
 * does whose keep-alive timeout has just passed.
 */
export async function resettingServer(): Promise<{
  origin: string;
  connections: () => number;
  resetNext: () => void;
}> {
  let armed = true;
  const server = await tcpServer((socket) => {
    let requests = 0;
    socket.on("data", () => {
      if (++requests > 1 && armed) {
        armed = false;
        socket.resetAndDestroy();
        return;
      }
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok");
    });
  });
  return {
    ...server,
    resetNext: () => {
      armed = true;
    },
  };
}

/** A request a forward proxy received: a CONNECT (its target host:port) or an absolute URL. */
export interface ProxiedRequest {
  method: string;
  target: string;
  authorization: string | undefined;
}

/**
 * A forward proxy on 127.0.0.1, as corporate networks run them: CONNECT tunnels to https:
 * targets, absolute-form requests to http: targets, each recorded in `seen`. With `status`, it
 * answers every CONNECT with that status instead of a tunnel; with `credentials`
 * ("user:password"), it answers 407 to requests without them.
 */
export async function forwardProxy(
  options: { status?: number; credentials?: string; tls?: { key: string; cert: string } } = {},
): Promise<{ url: string; seen: ProxiedRequest[]; connections: () => number }> {
  const seen: ProxiedRequest[] = [];
  const expected =
    options.credentials && `Basic ${Buffer.from(options.credentials).toString("base64")}`;
  const allowed = (req: IncomingMessage) =>
    expected === undefined || req.headers["proxy-authorization"] === expected;
  const record = (req: IncomingMessage) =>
    seen.push({
      method: req.method ?? "",
      target: req.url ?? "",
      authorization: req.headers["proxy-authorization"],
    });
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    record(req);
    if (!allowed(req)) {
      res.writeHead(407, { "Proxy-Authenticate": 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(req.url ?? "");
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: req.method,
        headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  };
  const server = options.tls ? createHttpsServer(options.tls, listener) : createServer(listener);
  // Tunnels leave the HTTP server's hands: they are closed here.
  const tunnels = new Set<Socket>();
  server.on("connect", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    record(req);
    tunnels.add(socket);
    socket.on("error", () => socket.destroy());
    if (!allowed(req) || options.status !== undefined) {
      const status = allowed(req) ? (options.status as number) : 407;
      socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [, host, port] = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? "") ?? [];
    const upstream = connect(Number(port), host ?? "", () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("close", () => upstream.destroy());
  });
  let connections = 0;
  server.on("connection", () => {
    connections++;
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(() => {
    for (const socket of tunnels) socket.destroy();
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls ? "https" : "http";
  return { url: `${scheme}://127.0.0.1:${port}`, seen, connections: () => connections };
}

/**
 * A TCP server on 127.0.0.1 that answers the n-th request it receives with `answers[n]` (the
 * last one once they run out), byte for byte, and counts connections and requests.
 */
export async function scriptedServer(answers: string[]): Promise<{
  origin: string;
  connections: () => number;
  requests: () => number;
}> {
  let requests = 0;
  const server = await tcpServer((socket) => {
    let received = "";
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      // One answer per request head received (the tests send no bodies).
      for (let end = received.indexOf("\r\n\r\n"); end >= 0; end = received.indexOf("\r\n\r\n")) {
        received = received.slice(end + 4);
        const answer = answers[Math.min(requests, answers.length - 1)] as string;
        requests++;
        socket.write(answer);
      }
    });
  });
  return {
    ...server,
    requests: () => requests,
  };
}
