/**
 * @module
 * `@asyncovh/mock/node`: serves a mock (or any fetch handler) over real HTTP with `node:http`,
 * for Node.js and Bun. A dropped answer (`Response.error()`) destroys the socket, and a body
 * that fails midway cuts the connection, as a real network failure would.
 */
// Buffer by import, not the global: JSR checks the public types without @types/node's globals.
import { Buffer } from "node:buffer";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { MockOvh } from "./mock.ts";

export { createTestCertificate, type TestCertificate } from "./certificate.ts";

/** The options of `serve()`. */
export interface ServeOptions {
  /** Default 0: a free port chosen by the system. */
  port?: number;
  /** Default `127.0.0.1`. */
  hostname?: string;
  /** A PEM key and certificate: serve HTTPS instead of HTTP (benchmarks, TLS tests). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

/** A mock served over HTTP: where, and how to stop it. */
export interface MockServer {
  /** `http://127.0.0.1:PORT` (`https://` with `tls`). */
  origin: string;
  /** `origin + "/1.0"`: the `endpoint` of a client. */
  baseUrl: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

type FetchHandler = (request: Request) => Promise<Response>;

// Hop-by-hop headers. Content-Length stays, as other runtimes' servers keep it: Node has held
// the body to it, and a handler may refuse an announced size before reading.
const SKIPPED_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade"]);

/** Bodies announced this small are read whole before the handler runs; others stream. */
const BUFFERED_BODY = 64 * 1024;

/**
 * The request body as a stream the handler reads at its own pace. What the handler leaves
 * unread (it cancels the stream, as a size cap does, or answers without reading) is read and
 * dropped rather than kept, so that the answer still reaches the client on this connection
 * (Node's `requestTimeout` bounds how long a client may go on sending).
 */
function bodyStream(req: IncomingMessage): { stream: ReadableStream<Uint8Array>; drop(): void } {
  let open = true;
  const drop = () => {
    open = false;
    req.resume();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (!open) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => {
          if (open) controller.close();
          open = false;
        });
        req.once("close", () => {
          if (open) controller.error(new Error("The client closed the connection mid-body."));
          open = false;
        });
      },
      pull() {
        req.resume();
      },
      cancel: drop,
    },
    { highWaterMark: BUFFERED_BODY, size: (chunk) => chunk.byteLength },
  );
  return { stream, drop };
}

const NOTHING_TO_DROP: () => void = () => undefined;

/** The request, and how to drop what the handler left of its body. */
async function toRequest(
  req: IncomingMessage,
  fallbackHost: string,
  signal: AbortSignal,
): Promise<{ request: Request; drop(): void }> {
  // Pairs, which the Request copies into its own Headers: a Headers built here would be copied.
  const headers: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    if (!SKIPPED_HEADERS.has(name.toLowerCase())) {
      headers.push([name, req.rawHeaders[i + 1] as string]);
    }
  }
  // The URL is the one the client sent (and signed): its Host header and request target.
  const scheme = "encrypted" in req.socket ? "https" : "http";
  const url = new URL(req.url ?? "/", `${scheme}://${req.headers.host ?? fallbackHost}`);
  const method = req.method ?? "GET";
  const length = req.headers["content-length"];
  let body: Buffer | ReadableStream<Uint8Array> | undefined;
  let drop = NOTHING_TO_DROP;
  if (method === "GET" || method === "HEAD") {
    body = undefined;
  } else if (length !== undefined && Number(length) <= BUFFERED_BODY) {
    // Node holds the request to its Content-Length: such a body cannot grow past it.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    body = chunks.length === 0 ? undefined : Buffer.concat(chunks);
  } else if (length !== undefined || req.headers["transfer-encoding"] !== undefined) {
    ({ stream: body, drop } = bodyStream(req));
  }
  const request = new Request(url, {
    method,
    headers,
    body,
    signal,
    duplex: "half",
  } as RequestInit);
  return { request, drop };
}

const NEXT_TURN = Symbol("next turn");
const nextTurn = () => new Promise<typeof NEXT_TURN>((resolve) => setImmediate(resolve, NEXT_TURN));

/** Writes `chunk` and waits until it is flushed to the connection. */
const flushed = (res: ServerResponse, chunk: Uint8Array) =>
  new Promise<void>((resolve, reject) =>
    res.write(chunk, (error) => (error ? reject(error) : resolve())),
  );

async function writeResponse(
  response: Response,
  res: ServerResponse,
  method: string,
): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (response.body === null || method === "HEAD") {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // A chunk is held until the next one is known: when that is the end, the last chunk goes out
  // with the end of the answer in one write (for most answers: headers, whole body and end at
  // once). A next chunk that is not there by the next turn of the event loop does not hold it.
  let pending: Uint8Array | undefined;
  try {
    for (;;) {
      const read = reader.read();
      if (pending !== undefined && (await Promise.race([read, nextTurn()])) === NEXT_TURN) {
        await flushed(res, pending);
        pending = undefined;
      }
      const { done, value } = await read;
      if (done) break;
      // Waiting for each chunk to be flushed means that, if the body fails next, what was
      // sent has reached the client before the connection is cut.
      if (pending !== undefined) await flushed(res, pending);
      pending = value;
    }
    res.end(pending);
  } catch {
    // The body failed midway (an interrupt fault): what came before the failure is sent, then
    // the connection is cut, as a crashing server would.
    try {
      if (pending !== undefined) await flushed(res, pending);
    } finally {
      res.destroy();
    }
  }
}

async function handle(
  handler: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
  host: string,
): Promise<void> {
  const client = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) client.abort(new Error("The client closed the connection."));
  });
  let drop = NOTHING_TO_DROP;
  try {
    const converted = await toRequest(req, host, client.signal);
    drop = converted.drop;
    const { request } = converted;
    const response = await handler(request);
    if (response.type === "error") {
      req.socket.destroy();
      return;
    }
    await writeResponse(response, res, request.method);
  } catch (error) {
    if (client.signal.aborted) return;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
    res.end(`The handler failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    drop();
  }
}

/**
 * Serves a mock over HTTP on 127.0.0.1 (by default on a free port). Close it when done:
 *
 * ```ts
 * const server = await serve(createMockOvh());
 * const client = new Client({ endpoint: server.baseUrl, ... });
 * await server.close();
 * ```
 */
export async function serve(
  target: MockOvh | ((request: Request) => Promise<Response>),
  options: ServeOptions = {},
): Promise<MockServer> {
  const handler: FetchHandler =
    typeof target === "function" ? target : (request) => target.handler(request);
  const hostname = options.hostname ?? "127.0.0.1";
  let host = hostname;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    void handle(handler, req, res, host);
  };
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  host = `${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
  const origin = `${options.tls ? "https" : "http"}://${host}`;
  return {
    origin,
    baseUrl: `${origin}/1.0`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
