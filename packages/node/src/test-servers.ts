/**
 * @module
 * Servers on 127.0.0.1 for the transport tests: the mock over real HTTP, a plain HTTP server for
 * what the mock cannot do, and a raw TCP server that resets reused connections. Each test file
 * calls `closeServers` after every test.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, createServer as createTcpServer, type Socket } from "node:net";
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

/** A plain HTTP server for what the mock cannot do (slow bodies, raw headers, compression). */
export async function httpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ origin: string; server: Server; connections: () => number }> {
  const server = createServer(handler);
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
  return { origin: `http://127.0.0.1:${port}`, server, connections: () => connections };
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
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    connections++;
    sockets.add(socket);
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
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(resolve));
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    resetNext: () => {
      armed = true;
    },
  };
}
