import { once } from "node:events";
import { createServer as createHttpsServer } from "node:https";
import net, { type AddressInfo, type Socket } from "node:net";
import type { Readable } from "node:stream";
import tls, { type TLSSocket } from "node:tls";
import { createTestCertificate } from "@asyncovh/mock/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type Http1Message,
  Http1Pool,
  type Http1Request,
  type Http1Target,
  messageClass,
} from "./http1.ts";
import { closeLater, closeServers } from "./test-servers.ts";

afterEach(async () => {
  vi.restoreAllMocks();
  await closeServers();
});

/** One turn of the event loop. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Two turns of the event loop: enough for the client, in this same process, to read what the
 * server has just written before the server writes again (a write made in the poll phase would
 * otherwise be followed by the next one in the check phase of the same turn).
 */
const clientTurn = async () => {
  await turn();
  await turn();
};

/** Waits, turn by turn of the event loop, until `done()` holds; fails after 2 s. */
async function until(done: () => boolean, what: string): Promise<void> {
  const give = Date.now() + 2000;
  while (!done()) {
    if (Date.now() > give) throw new Error(`Still not true after 2 s: ${what}.`);
    await turn();
  }
}

/** A request as a raw server received it. */
interface Received {
  method: string;
  path: string;
  /** The request line and headers, CRLFs included, read as Latin-1. */
  head: string;
  body: Buffer;
  /** 1 for the server's first connection, 2 for the next... */
  connection: number;
  socket: Socket;
}

interface RawServer {
  port: number;
  origin: string;
  target: Http1Target;
  requests: Received[];
  /** The server's side of each connection, in the order they came. */
  sockets: Socket[];
  connections(): number;
}

/**
 * A TCP server that reads requests (head, then as many body bytes as their Content-Length
 * says) and hands each to `respond`, which writes whatever bytes the test scripts.
 */
async function rawServer(
  respond: (request: Received) => void,
  host = "127.0.0.1",
): Promise<RawServer> {
  const requests: Received[] = [];
  const sockets: Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    const connection = sockets.length;
    socket.setNoDelay(true);
    // The client resets or closes connections in many of these tests.
    socket.on("error", () => {});
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = pending.toString("latin1", 0, end + 4);
        const size = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.byteLength < end + 4 + size) return;
        const [method = "", path = ""] = head.split(" ");
        const body = pending.subarray(end + 4, end + 4 + size);
        pending = pending.subarray(end + 4 + size);
        const request = { method, path, head, body, connection, socket };
        requests.push(request);
        respond(request);
      }
    });
  });
  server.listen(0, host);
  await once(server, "listening");
  closeLater(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    port,
    origin,
    target: { protocol: "http:", hostname: host, port, origin },
    requests,
    sockets,
    connections: () => sockets.length,
  };
}

/** A server that writes the answer `answers` gives for each request's path, in one write. */
const scripted = (answers: Record<string, string>) =>
  rawServer(({ path, socket }) => {
    const answer = answers[path];
    if (answer === undefined) socket.destroy();
    else socket.write(answer, "latin1");
  });

/** Writes `data` in pieces of `sizes` bytes (the last size repeated), the client reading each. */
async function trickle(socket: Socket, data: string | Buffer, sizes: number[]): Promise<void> {
  const bytes = typeof data === "string" ? Buffer.from(data, "latin1") : data;
  let piece = 0;
  for (let at = 0; at < bytes.byteLength && !socket.destroyed; piece++) {
    const size = sizes[Math.min(piece, sizes.length - 1)] as number;
    socket.write(bytes.subarray(at, at + size));
    at += size;
    await clientTurn();
  }
}

/** Resolves when the server's side of a connection has closed. */
const closed = (socket: Socket) =>
  socket.closed ? Promise.resolve() : once(socket, "close").then(() => undefined);

const request = (
  target: Http1Target,
  path = "/",
  init: Partial<Http1Request> = {},
): Http1Request => ({ target, method: "GET", path, headers: {}, body: undefined, ...init });

/** A pool whose idle connections are closed after the test. */
function newPool(): Http1Pool {
  const pool = new Http1Pool();
  closeLater(() => pool.close());
  return pool;
}

async function read(message: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const text = async (message: Readable) => (await read(message)).toString("latin1");

/** Sends a GET of `path` and reads its body whole. */
const fetchText = async (pool: Http1Pool, server: RawServer, path = "/") =>
  text(await pool.request(request(server.target, path)));

/** Counts the `data` events of the client's sockets: how many reads an answer took. */
function countClientReads(): () => number {
  let reads = 0;
  const connect = net.connect;
  vi.spyOn(net, "connect").mockImplementation(((...args: Parameters<typeof net.connect>) => {
    const socket = connect(...args);
    socket.on("data", () => {
      reads++;
    });
    return socket;
  }) as typeof net.connect);
  return () => reads;
}

const OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

describe("Http1Pool: bodies framed by Content-Length", () => {
  it("reads a head written byte by byte and a body in odd slices, then reuses the connection", async () => {
    const reads = countClientReads();
    const head = "HTTP/1.1 200 Fine Thanks\r\nContent-Length: 26\r\nX-Two: a\r\nx-two:  b \r\n\r\n";
    const body = "abcdefghijklmnopqrstuvwxyz";
    const server = await rawServer(({ path, socket }) => {
      if (path === "/slow")
        void trickle(socket, head + body, [...Array(head.length).fill(1), 5, 3, 7]);
      else socket.write(OK);
    });
    const pool = newPool();
    const message = await pool.request(request(server.target, "/slow"));
    expect(message).toBeInstanceOf(messageClass());
    expect(message.statusCode).toBe(200);
    expect(message.statusMessage).toBe("Fine Thanks");
    // In the order and case received, values trimmed.
    expect(message.rawHeaders).toEqual(["Content-Length", "26", "X-Two", "a", "x-two", "b"]);
    expect(await text(message)).toBe(body);
    expect(message.complete).toBe(true);
    // The pieces did reach the client apart, most of them at least: the head was parsed cut
    // at many places.
    expect(reads()).toBeGreaterThan(head.length / 2);
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(1);
    expect(server.requests.map((r) => r.connection)).toEqual([1, 1]);
  });

  it("reads a body of a hundred writes, and keeps the connection", async () => {
    const body = Buffer.alloc(100 * 1000, "0123456789abcdefghijklmnopqrstuvwxyz");
    const server = await rawServer(({ socket }) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.byteLength}\r\n\r\n`);
      void trickle(socket, body, [999, 1001]);
    });
    const pool = newPool();
    const received = await read(await pool.request(request(server.target)));
    expect(received.equals(body)).toBe(true);
    expect((await read(await pool.request(request(server.target)))).equals(body)).toBe(true);
    expect(server.connections()).toBe(1);
  });

  it("ends a zero-length body at once, and reuses the connection", async () => {
    const server = await scripted({
      "/empty": "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
      "/": OK,
    });
    const pool = newPool();
    const message = await pool.request(request(server.target, "/empty"));
    expect(message.complete).toBe(true);
    expect(await text(message)).toBe("");
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(1);
  });

  it("accepts the same Content-Length given twice", async () => {
    const server = await scripted({
      "/": "HTTP/1.1 200 OK\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nok",
    });
    expect(await fetchText(newPool(), server)).toBe("ok");
  });
});

describe("Http1Pool: chunked bodies", () => {
  it("joins chunks with extensions and sizes in either case, skips trailers, then reuses the connection", async () => {
    const body = [
      "5;ext=1\r\nhello\r\n",
      'a ; name="quoted"\r\n, world!!!\r\n',
      "A\r\n0123456789\r\n",
      "1b\r\nABCDEFGHIJKLMNOPQRSTUVWXYZ_\r\n",
      "0\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n",
    ].join("");
    const server = await scripted({
      "/chunked": `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${body}`,
      "/": OK,
    });
    const pool = newPool();
    const message = await pool.request(request(server.target, "/chunked"));
    expect(await text(message)).toBe("hello, world!!!0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_");
    expect(message.complete).toBe(true);
    // Trailers are not headers.
    expect(message.rawHeaders).toEqual(["Transfer-Encoding", "chunked"]);
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(1);
  });

  it("reads size lines split across writes and the CRLF after a chunk's data written apart", async () => {
    const server = await rawServer(({ path, socket }) => {
      if (path !== "/chunked") {
        socket.write(OK);
        return;
      }
      const pieces = [
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1",
        "0\r",
        "\n0123456789abcdef",
        "\r\n",
        "3;e",
        "xt=",
        "1\r\nabc",
        "\r",
        "\n",
        "0",
        "\r\n",
        "Trailer: x\r",
        "\n\r",
        "\n",
      ];
      void (async () => {
        for (const piece of pieces) {
          if (socket.destroyed) return;
          socket.write(piece);
          await clientTurn();
        }
      })();
    });
    const pool = newPool();
    const message = await pool.request(request(server.target, "/chunked"));
    expect(await text(message)).toBe("0123456789abcdefabc");
    expect(message.complete).toBe(true);
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(1);
  });

  it("errors the body on an invalid chunk size, and closes the connection", async () => {
    const server = await rawServer(({ path, socket }) => {
      if (path !== "/bad") {
        socket.write(OK);
        return;
      }
      socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
      // After the head, so that the body's reader listens by then.
      void clientTurn().then(() => socket.write("2\r\nok\r\nzz\r\n"));
    });
    const pool = newPool();
    const message = await pool.request(request(server.target, "/bad"));
    await expect(text(message)).rejects.toThrow('Invalid chunk size: "zz"');
    expect(message.complete).toBe(false);
    await closed(server.sockets[0] as Socket);
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(2);
  });

  it("errors the body on an invalid chunk size that comes in the head's write, without an unhandled error", async () => {
    // The head and a malformed body come in one read: the answer fails before whoever waits for
    // it could listen to its 'error'. That error must reach the request or the body's reader, not
    // the process as an uncaught exception (which would end a real process). Node's own
    // IncomingMessage never emits an 'error' that nobody listens to.
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.prependListener("uncaughtException", onUncaught);
    let failure: unknown;
    try {
      const server = await scripted({
        "/": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n",
      });
      const message = await newPool().request(request(server.target));
      await text(message);
    } catch (error) {
      failure = error;
    } finally {
      await clientTurn();
      process.removeListener("uncaughtException", onUncaught);
    }
    expect(String(failure)).toMatch(/Invalid chunk size: "-1"/);
    expect(uncaught).toEqual([]);
  });

  it("errors the body when its trailers go over 64 KiB, and closes the connection", async () => {
    const trailer = `X-Trailer: ${"t".repeat(1000)}\r\n`;
    const server = await scripted({
      "/": `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n${trailer.repeat(70)}\r\n`,
    });
    const message = await newPool().request(request(server.target));
    await expect(text(message)).rejects.toThrow("The answer's trailers are too large.");
    await closed(server.sockets[0] as Socket);
  });

  it("errors the body when a chunk's data runs past its size", async () => {
    const server = await rawServer(({ socket }) => {
      socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
      void clientTurn().then(() => socket.write("2\r\nokay\r\n0\r\n\r\n"));
    });
    const message = await newPool().request(request(server.target));
    await expect(text(message)).rejects.toThrow("A chunk is longer than its size.");
  });

  it("takes chunked framing over a Content-Length sent with it, and does not reuse the connection", async () => {
    const server = await scripted({
      "/both":
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
      "/": OK,
    });
    const pool = newPool();
    expect(await fetchText(pool, server, "/both")).toBe("ok");
    await closed(server.sockets[0] as Socket);
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(2);
  });
});

describe("Http1Pool: connections kept or closed", () => {
  it("reads a body with neither length nor chunking until the server closes, and opens a new connection next", async () => {
    const server = await rawServer(({ path, socket }) => {
      if (path !== "/until-close") {
        socket.write(OK);
        return;
      }
      void trickle(socket, "HTTP/1.1 200 OK\r\nX-A: 1\r\n\r\nfirst,second,third", [27, 6, 7]).then(
        () => socket.end(),
      );
    });
    const pool = newPool();
    const message = await pool.request(request(server.target, "/until-close"));
    expect(await text(message)).toBe("first,second,third");
    expect(message.complete).toBe(true);
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.requests.map((r) => r.connection)).toEqual([1, 2]);
  });

  it("reads a body whose transfer coding is not chunked until the server closes", async () => {
    const server = await rawServer(({ socket }) => {
      socket.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nnot really gzip");
    });
    const message = await newPool().request(request(server.target));
    expect(await text(message)).toBe("not really gzip");
    expect(message.complete).toBe(true);
  });

  it("does not keep an HTTP/1.0 answer's connection, unless it says Connection: keep-alive", async () => {
    const server = await scripted({
      "/1.0": "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
      "/1.0-kept": "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 4\r\n\r\nkept",
    });
    const pool = newPool();
    expect(await fetchText(pool, server, "/1.0")).toBe("ok");
    // The client closes it, though the server did not.
    await closed(server.sockets[0] as Socket);
    expect(await fetchText(pool, server, "/1.0-kept")).toBe("kept");
    expect(await fetchText(pool, server, "/1.0-kept")).toBe("kept");
    expect(server.requests.map((r) => r.connection)).toEqual([1, 2, 2]);
  });

  it("opens a new connection after an HTTP/1.1 answer with Connection: close, and closes the old one", async () => {
    const server = await scripted({
      "/close": "HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 2\r\n\r\nok",
      "/": OK,
    });
    const pool = newPool();
    expect(await fetchText(pool, server, "/close")).toBe("ok");
    await closed(server.sockets[0] as Socket);
    expect(await fetchText(pool, server)).toBe("ok");
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.requests.map((r) => r.connection)).toEqual([1, 2, 2]);
  });

  it("closes its idle connections on close()", async () => {
    const server = await scripted({ "/": OK });
    const pool = newPool();
    expect(await fetchText(pool, server)).toBe("ok");
    pool.close();
    await closed(server.sockets[0] as Socket);
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(2);
  });
});

describe("Http1Pool: interim answers", () => {
  it("skips 100 Continue and 103 Early Hints before the answer, in one write or apart", async () => {
    const interim =
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n";
    const answer = "HTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\ndone";
    const server = await rawServer(({ path, socket }) => {
      if (path === "/together") socket.write(interim + answer);
      else void trickle(socket, interim + answer, [10, 16, 30, 20, 1]);
    });
    const pool = newPool();
    for (const path of ["/together", "/apart"]) {
      const message = await pool.request(request(server.target, path));
      expect(message.statusCode).toBe(201);
      expect(message.statusMessage).toBe("Created");
      expect(message.rawHeaders).toEqual(["Content-Length", "4"]);
      expect(await text(message)).toBe("done");
    }
    expect(server.connections()).toBe(1);
  });

  it("rejects a 101 Switching Protocols", async () => {
    const server = await scripted({
      "/": "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n",
    });
    const failure = newPool().request(request(server.target));
    await expect(failure).rejects.toThrow(TypeError);
    await expect(failure).rejects.toThrow(
      `Request to ${server.origin} failed: The server switched protocols, which is not spoken.`,
    );
  });

  it("rejects a status code under 100", async () => {
    const server = await scripted({ "/": "HTTP/1.1 099 Odd\r\n\r\n" });
    await expect(newPool().request(request(server.target))).rejects.toThrow(
      "Invalid status code: 99",
    );
  });
});

describe("Http1Pool: answers without a body", () => {
  it("gives HEAD, 204 and 304 answers no body despite a Content-Length, and reuses the connection", async () => {
    const server = await scripted({
      "/head": "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n",
      "/204": "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n",
      "/304": "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n",
      "/": OK,
    });
    const pool = newPool();
    const head = await pool.request(request(server.target, "/head", { method: "HEAD" }));
    expect(head.statusCode).toBe(200);
    expect(head.complete).toBe(true);
    expect(await text(head)).toBe("");
    for (const [path, status] of [
      ["/204", 204],
      ["/304", 304],
    ] as const) {
      const message = await pool.request(request(server.target, path));
      expect(message.statusCode).toBe(status);
      expect(message.complete).toBe(true);
      expect(await text(message)).toBe("");
    }
    // Had any of them waited for 5 bytes, this answer would have been read as their body.
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(1);
  });
});

describe("Http1Pool: malformed answers", () => {
  /** Sends a GET of `path` to `server` and expects it rejected with a TypeError naming it. */
  async function refused(server: RawServer, path: string, reason: string | RegExp) {
    const failure = newPool().request(request(server.target, path));
    await expect(failure).rejects.toThrow(TypeError);
    await expect(failure).rejects.toThrow(`Request to ${server.origin} failed: `);
    await expect(failure).rejects.toThrow(reason);
  }

  /** Serves each answer at its own path, and expects a GET of each refused for `reason`. */
  async function refusedEach(answers: Record<string, string>, reason: string) {
    const server = await scripted(answers);
    for (const path of Object.keys(answers)) await refused(server, path, reason);
  }

  it.each([
    [
      "a status line that is not HTTP/1.x",
      {
        "/2": "HTTP/2 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "/icy": "ICY 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "/short": "HTTP/1.1 20 OK\r\nContent-Length: 2\r\n\r\nok",
        "/lower": "http/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        "/no-space": "HTTP/1.1 200OK\r\nContent-Length: 2\r\n\r\nok",
      },
      "The answer is not HTTP/1.x.",
    ],
    [
      "an invalid header line",
      {
        "/no-colon": "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n",
        "/no-name": "HTTP/1.1 200 OK\r\n: value\r\n\r\n",
        "/space": "HTTP/1.1 200 OK\r\nBad Name: value\r\n\r\n",
        "/before-colon": "HTTP/1.1 200 OK\r\nName : value\r\n\r\n",
        "/folded": "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n",
      },
      "Invalid header line: ",
    ],
  ])("rejects %s", async (_what, answers: Record<string, string>, reason: string) => {
    await refusedEach(answers, reason);
  });

  it("names an invalid header line by what comes before its colon, never by its value", async () => {
    const server = await scripted({ "/": "HTTP/1.1 200 OK\r\nSet Cookie: session=s3cr3t\r\n\r\n" });
    const failure = newPool().request(request(server.target));
    await expect(failure).rejects.toThrow('Invalid header line: "Set Cookie"');
    await expect(failure).rejects.not.toThrow("s3cr3t");
  });

  it("trims only spaces and tabs around a header value", async () => {
    const server = await scripted({
      "/": "HTTP/1.1 200 OK\r\nX-A: \t a b \t\r\nX-B:\x0bv\x0c\xa0\r\nX-C:\r\nContent-Length: 0\r\n\r\n",
    });
    const message = await newPool().request(request(server.target));
    expect(message.rawHeaders).toEqual([
      "X-A",
      "a b",
      "X-B",
      "\x0bv\x0c\xa0",
      "X-C",
      "",
      "Content-Length",
      "0",
    ]);
  });

  it("rejects two different Content-Length values", async () => {
    const server = await scripted({
      "/": "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
    });
    await refused(server, "/", "The answer gives two different lengths.");
  });

  it("rejects an invalid Content-Length", async () => {
    const lengths = ["-1", "abc", "1.5", "0x10", "2, 2", "+2", "1234567890123456", ""];
    const server = await rawServer(({ path, socket }) => {
      const length = decodeURIComponent(path.slice(1));
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${length}\r\n\r\nok`);
    });
    for (const length of lengths) {
      await refused(server, `/${encodeURIComponent(length)}`, `Invalid Content-Length: ${length}`);
    }
  });

  it("rejects headers over 64 KiB, whether their end never comes or comes too late", async () => {
    const filler = `X-Filler: ${"a".repeat(1000)}\r\n`.repeat(70);
    const server = await rawServer(({ path, socket }) => {
      // Without the empty line that ends a head: the client must not wait for it.
      if (path === "/endless") socket.write(`HTTP/1.1 200 OK\r\n${filler}`);
      else socket.write(`HTTP/1.1 200 OK\r\n${filler}Content-Length: 2\r\n\r\nok`);
    });
    await refused(server, "/endless", "The answer's headers are too large.");
    await refused(server, "/ended", "The answer's headers are too large.");
  });

  it("accepts headers just under 64 KiB", async () => {
    const filler = `X-Filler: ${"a".repeat(1000)}\r\n`.repeat(60);
    const server = await scripted({
      "/": `HTTP/1.1 200 OK\r\n${filler}Content-Length: 2\r\n\r\nok`,
    });
    const message = await newPool().request(request(server.target));
    expect(message.rawHeaders.length).toBe(122);
    expect(await text(message)).toBe("ok");
  });
});

describe("Http1Pool: connections that fail", () => {
  it("rejects with a TypeError naming the origin when a fresh connection closes before any answer, and sends nothing again", async () => {
    const server = await rawServer(({ socket }) => socket.end());
    const failure = newPool().request(request(server.target));
    await expect(failure).rejects.toThrow(TypeError);
    await expect(failure).rejects.toThrow(
      `Request to ${server.origin} failed: The connection closed before an answer.`,
    );
    expect(server.requests.length).toBe(1);
    expect(server.connections()).toBe(1);
  });

  it("rejects with a TypeError naming the origin when the connection is refused", async () => {
    // A port that was free a moment ago.
    const probe = net.createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const origin = `http://127.0.0.1:${port}`;
    const failure = newPool().request(
      request({ protocol: "http:", hostname: "127.0.0.1", port, origin }),
    );
    await expect(failure).rejects.toThrow(TypeError);
    await expect(failure).rejects.toThrow(`Request to ${origin} failed: `);
    await expect(failure).rejects.toMatchObject({ cause: { code: "ECONNREFUSED" } });
  });

  it("errors the body when the connection closes mid-body, by Content-Length or chunked", async () => {
    const server = await rawServer(({ path, socket }) => {
      socket.write(
        path === "/length"
          ? "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"
          : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
      );
      void clientTurn().then(() => socket.end());
    });
    const pool = newPool();
    for (const path of ["/length", "/chunked"]) {
      const message = await pool.request(request(server.target, path));
      const chunks: string[] = [];
      message.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
      const [error] = (await once(message, "error")) as [Error & { code?: string }];
      expect(error.message).toBe("The connection closed before the end of the body.");
      expect(error.code).toBe("ECONNRESET");
      expect(chunks.join("")).toBe(path === "/length" ? "abc" : "ab");
      expect(message.complete).toBe(false);
    }
  });

  it("does not reuse a connection that brought bytes after a whole answer, in the same write or later", async () => {
    const server = await rawServer(({ path, socket }) => {
      if (path === "/extra") socket.write(`${OK}HTTP/1.1 200 OK\r\n`);
      else if (path === "/extra-empty")
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nX");
      else if (path === "/extra-chunked") {
        socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\nX");
      } else if (path === "/later") {
        socket.write(OK);
        // Once the client has read the answer and put the connection back in its pool.
        void clientTurn().then(() => socket.write("unasked"));
      } else socket.write(OK);
    });
    const pool = newPool();
    for (const path of ["/extra", "/extra-empty", "/extra-chunked", "/later"]) {
      const connection = server.connections();
      await fetchText(pool, server, path);
      await closed(server.sockets[connection] as Socket);
    }
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.requests.map((r) => r.connection)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("Http1Pool: the request written", () => {
  it("writes the request line, the headers given and a host header with the port", async () => {
    const server = await scripted({ "/a/b?c=d&e": OK });
    await newPool().request(
      request(server.target, "/a/b?c=d&e", {
        method: "OPTIONS",
        headers: { "x-one": "1", "X-Two": "two words", accept: "*/*" },
      }),
    );
    expect(server.requests[0]?.head).toBe(
      `OPTIONS /a/b?c=d&e HTTP/1.1\r\nx-one: 1\r\nX-Two: two words\r\naccept: */*\r\nhost: 127.0.0.1:${server.port}\r\n\r\n`,
    );
  });

  it("adds no host header when one is given, in any case", async () => {
    const server = await scripted({ "/": OK });
    await newPool().request(request(server.target, "/", { headers: { HoSt: "example.test" } }));
    expect(server.requests[0]?.head).toBe("GET / HTTP/1.1\r\nHoSt: example.test\r\n\r\n");
  });

  it("leaves the scheme's default port out of the host header", async () => {
    const server = await scripted({ "/": OK });
    // Connections go to the test server whatever port they ask for.
    const connect = net.connect;
    vi.spyOn(net, "connect").mockImplementation(((options: net.NetConnectOpts) =>
      connect({ ...options, port: server.port } as net.NetConnectOpts)) as typeof net.connect);
    const pool = newPool();
    for (const port of [undefined, null, "", 80, "80", 443, "8080"]) {
      const origin = `http://127.0.0.1${port === 80 || !port ? "" : `:${port}`}`;
      await pool.request(request({ protocol: "http:", hostname: "127.0.0.1", port, origin }));
    }
    expect(server.requests.map((r) => /\r\nhost: (.*)\r\n/.exec(r.head)?.[1])).toEqual([
      "127.0.0.1",
      "127.0.0.1",
      "127.0.0.1",
      "127.0.0.1",
      "127.0.0.1",
      "127.0.0.1:443",
      "127.0.0.1:8080",
    ]);
  });

  it("puts an IPv6 host in brackets", async (context) => {
    let server: RawServer;
    try {
      server = await rawServer(({ socket }) => socket.write(OK), "::1");
    } catch {
      context.skip("No IPv6 loopback here.");
      return;
    }
    expect(server.origin).toBe(`http://[::1]:${server.port}`);
    expect(await fetchText(newPool(), server)).toBe("ok");
    expect(server.requests[0]?.head).toBe(`GET / HTTP/1.1\r\nhost: [::1]:${server.port}\r\n\r\n`);
  });

  it("writes the body's bytes after the head", async () => {
    const small = Buffer.from([0, 1, 13, 10, 13, 10, 0x80, 0xff, 0x7f]);
    const large = Buffer.alloc(1024 * 1024 + 7, Buffer.from([1, 2, 3, 5, 7, 11, 13, 17, 19]));
    const server = await scripted({ "/": OK });
    const pool = newPool();
    for (const body of [small, large]) {
      await pool.request(
        request(server.target, "/", {
          method: "POST",
          headers: { "content-length": String(body.byteLength) },
          body,
        }),
      );
    }
    const [first, second] = server.requests;
    expect(first?.head).toBe(
      `POST / HTTP/1.1\r\ncontent-length: 9\r\nhost: 127.0.0.1:${server.port}\r\n\r\n`,
    );
    expect(first?.body.equals(small)).toBe(true);
    expect(second?.body.equals(large)).toBe(true);
    expect(server.connections()).toBe(1);
  });

  it("sends header values as Latin-1 bytes, tabs included", async () => {
    const server = await scripted({ "/": OK });
    await newPool().request(
      request(server.target, "/", { headers: { "x-drink": "café\tau lait" } }),
    );
    expect(server.requests[0]?.head).toContain("\r\nx-drink: caf\xe9\tau lait\r\n");
  });

  it("refuses invalid names, values, methods and paths with a TypeError before connecting", async () => {
    const server = await scripted({ "/": OK });
    const connect = vi.spyOn(net, "connect");
    const pool = newPool();
    const invalid: [Partial<Http1Request>, string][] = [
      [{ headers: { "bad name": "x" } }, 'Invalid header name: "bad name"'],
      [{ headers: { "x-a:": "x" } }, 'Invalid header name: "x-a:"'],
      [{ headers: { "": "x" } }, 'Invalid header name: ""'],
      [{ headers: { "x-ä": "x" } }, 'Invalid header name: "x-ä"'],
      [{ headers: { "x-a": "1\r\nx-injected: 1" } }, "Invalid value for header x-a."],
      [{ headers: { "x-a": "1\nx-b: 2" } }, "Invalid value for header x-a."],
      [{ headers: { "x-a": "1\r" } }, "Invalid value for header x-a."],
      [{ headers: { "x-a": "nul\0" } }, "Invalid value for header x-a."],
      [{ headers: { "x-a": "del\x7f" } }, "Invalid value for header x-a."],
      [{ headers: { "x-a": "\u0100" } }, "Invalid value for header x-a."],
      [{ headers: { "x-a": "euro €" } }, "Invalid value for header x-a."],
      [{ method: "GE T" }, "Invalid HTTP method: GE T"],
      [{ method: "GET\r\n" }, "Invalid HTTP method: GET\r\n"],
      [{ method: "" }, "Invalid HTTP method: "],
      [{ path: "/a b" }, "The request path is empty or holds invalid characters."],
      [{ path: "/a\r\nx-injected: 1" }, "The request path is empty or holds invalid characters."],
      [{ path: "/a\tb" }, "The request path is empty or holds invalid characters."],
      [{ path: "/\u0100" }, "The request path is empty or holds invalid characters."],
      [{ path: "" }, "The request path is empty or holds invalid characters."],
    ];
    for (const [init, message] of invalid) {
      const sent = (async () => pool.request({ ...request(server.target), ...init }))();
      await expect(sent).rejects.toThrow(TypeError);
      await expect(sent).rejects.toThrow(message);
    }
    expect(connect).not.toHaveBeenCalled();
    // The valid request that follows is the server's first.
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(1);
    expect(server.requests.length).toBe(1);
  });
});

describe("Http1Pool: aborts and destroyed answers", () => {
  it("rejects with the signal's reason when aborted while waiting for the head, and closes the connection", async () => {
    const server = await rawServer(() => {});
    const controller = new AbortController();
    const reason = new Error("Enough waiting.");
    const pending = newPool().request(request(server.target, "/", { signal: controller.signal }));
    await until(() => server.requests.length === 1, "the server has the request");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await closed(server.sockets[0] as Socket);
  });

  it("rejects at once with the reason of a signal aborted before the request, connecting nowhere", async () => {
    const server = await scripted({ "/": OK });
    const connect = vi.spyOn(net, "connect");
    const reason = new Error("Not any more.");
    await expect(
      newPool().request(request(server.target, "/", { signal: AbortSignal.abort(reason) })),
    ).rejects.toBe(reason);
    expect(connect).not.toHaveBeenCalled();
    expect(server.connections()).toBe(0);
  });

  it("rejects with the signal's reason when aborted on a reused connection, which is closed", async () => {
    const server = await rawServer(({ path, socket }) => {
      if (path === "/") socket.write(OK);
    });
    const pool = newPool();
    expect(await fetchText(pool, server)).toBe("ok");
    const controller = new AbortController();
    const pending = pool.request(request(server.target, "/wait", { signal: controller.signal }));
    await until(() => server.requests.length === 2, "the server has the second request");
    controller.abort("stop");
    await expect(pending).rejects.toBe("stop");
    await closed(server.sockets[0] as Socket);
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(2);
  });

  it("leaves the answer alone when the signal aborts after its head", async () => {
    const server = await rawServer(({ socket }) => {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab");
      void clientTurn().then(() => socket.write("cd"));
    });
    const controller = new AbortController();
    const pool = newPool();
    const message = await pool.request(request(server.target, "/", { signal: controller.signal }));
    controller.abort();
    expect(await text(message)).toBe("abcd");
    expect(message.complete).toBe(true);
  });

  it("closes the connection when an answer is destroyed mid-body", async () => {
    const server = await rawServer(({ path, socket }) => {
      if (path === "/long") socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nabc");
      else socket.write(OK);
    });
    const pool = newPool();
    const message = await pool.request(request(server.target, "/long"));
    message.destroy();
    await closed(server.sockets[0] as Socket);
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.requests.map((r) => r.connection)).toEqual([1, 2]);
  });

  it("keeps the connection when an answer received whole is destroyed unread", async () => {
    const server = await scripted({ "/": OK });
    const pool = newPool();
    const message = await pool.request(request(server.target));
    expect(message.complete).toBe(true);
    message.destroy();
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(1);
  });
});

describe("Http1Pool: kept-alive connections the server closes", () => {
  it("reuses an idle connection for up to 4 s, or a second less than the server's Keep-Alive timeout", async () => {
    // The pool's clock, moved forward by hand.
    let skipped = 0;
    const now = performance.now.bind(performance);
    vi.spyOn(performance, "now").mockImplementation(() => now() + skipped);
    const cases: [string, number, boolean][] = [
      ["", 3_900, true],
      ["", 4_100, false],
      ["Keep-Alive: timeout=10\r\n", 8_900, true],
      ["Keep-Alive: timeout=10\r\n", 9_100, false],
      ["Keep-Alive: max=100, timeout=3\r\n", 1_900, true],
      ["Keep-Alive: timeout=1\r\n", 5, false],
      ["Keep-Alive: max=5\r\n", 3_900, true],
    ];
    for (const [hint, idle, reused] of cases) {
      const server = await scripted({
        "/": `HTTP/1.1 200 OK\r\n${hint}Content-Length: 2\r\n\r\nok`,
      });
      const pool = newPool();
      expect(await fetchText(pool, server)).toBe("ok");
      skipped += idle;
      expect(await fetchText(pool, server)).toBe("ok");
      expect([hint, idle, server.connections()]).toEqual([hint, idle, reused ? 1 : 2]);
      if (!reused) await closed(server.sockets[0] as Socket);
    }
  });

  it("drops a connection the server closes while idle, and opens a new one", async () => {
    const server = await rawServer(({ socket }) => {
      socket.write(OK);
      // As a server does when its keep-alive timeout passes.
      void clientTurn().then(() => socket.end());
    });
    const pool = newPool();
    expect(await fetchText(pool, server)).toBe("ok");
    await closed(server.sockets[0] as Socket);
    expect(await fetchText(pool, server)).toBe("ok");
    // Sent once, on the new connection.
    expect(server.requests.map((r) => r.connection)).toEqual([1, 2]);
  });

  it("sends a GET once more on a new connection when a reused one is reset or closed before any answer", async () => {
    for (const cut of ["reset", "end"] as const) {
      const server = await rawServer(({ connection, socket }) => {
        if (connection > 1 || server.requests.length === 1) socket.write(OK);
        else if (cut === "reset") socket.resetAndDestroy();
        else socket.end();
      });
      const pool = newPool();
      expect(await fetchText(pool, server)).toBe("ok");
      expect(await fetchText(pool, server, "/again")).toBe("ok");
      expect(server.requests.map((r) => [r.path, r.connection])).toEqual([
        ["/", 1],
        ["/again", 1],
        ["/again", 2],
      ]);
    }
  });

  it("sends a GET again on a new connection, not on another idle one that may be as stale", async () => {
    // Two idle connections; the server resets both when they are reused.
    const server = await rawServer(({ connection, socket }) => {
      const onThis = server.requests.filter((r) => r.connection === connection).length;
      if (connection <= 2 && onThis > 1) socket.resetAndDestroy();
      else setImmediate(() => socket.write(OK));
    });
    const pool = newPool();
    await Promise.all([fetchText(pool, server), fetchText(pool, server)]);
    expect(server.connections()).toBe(2);
    expect(await fetchText(pool, server, "/again")).toBe("ok");
    // Sent on one idle connection, then on a third, new one: never on the other idle one.
    expect(server.requests.filter((r) => r.path === "/again").map((r) => r.connection)).toEqual([
      2, 3,
    ]);
  });

  it("does not send a POST again when a reused connection is reset: it rejects", async () => {
    const server = await rawServer(({ socket }) => {
      if (server.requests.length === 1) socket.write(OK);
      else socket.resetAndDestroy();
    });
    const pool = newPool();
    expect(await fetchText(pool, server)).toBe("ok");
    const failure = pool.request(
      request(server.target, "/", {
        method: "POST",
        headers: { "content-length": "2" },
        body: Buffer.from("{}"),
      }),
    );
    await expect(failure).rejects.toThrow(TypeError);
    await expect(failure).rejects.toThrow(`Request to ${server.origin} failed: `);
    expect(server.requests.length).toBe(2);
    expect(server.connections()).toBe(1);
  });

  it("does not send a GET again when part of an answer came before the connection closed", async () => {
    const server = await rawServer(({ socket }) => {
      if (server.requests.length === 1) socket.write(OK);
      else socket.end("HTTP/1.1 200 OK\r\nContent-");
    });
    const pool = newPool();
    expect(await fetchText(pool, server)).toBe("ok");
    await expect(pool.request(request(server.target))).rejects.toThrow(
      `Request to ${server.origin} failed: The connection closed before an answer.`,
    );
    expect(server.requests.length).toBe(2);
  });
});

describe("Http1Pool: back-pressure", () => {
  it("pauses the socket while a large body is unread, and delivers every byte in order once read", async () => {
    // Several times what the kernel's buffers held here before the server's writes stalled
    // (under 4 MiB, on both sides together).
    const size = 24 * 1024 * 1024;
    const pattern = Buffer.from(Array.from({ length: 65521 }, (_, i) => (i * 31) % 256));
    const body = Buffer.alloc(size, pattern);
    let handed = 0;
    let stalled = false;
    let drains = 0;
    const server = await rawServer(({ path, socket }) => {
      if (path !== "/large") {
        socket.write(OK);
        return;
      }
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${size}\r\n\r\n`);
      const more = () => {
        while (handed < size) {
          const piece = body.subarray(handed, handed + 64 * 1024);
          handed += piece.byteLength;
          if (!socket.write(piece)) {
            stalled = true;
            socket.once("drain", () => {
              drains++;
              stalled = false;
              more();
            });
            return;
          }
        }
      };
      more();
    });
    const pool = newPool();
    const message = await pool.request(request(server.target, "/large"));
    // Nobody reads: the answer buffers up to its high-water mark, then the socket stops reading,
    // the kernel's buffers fill and the server's writes stall.
    await until(() => stalled && message.readableLength >= 256 * 1024, "the server stalls");
    // The kernel's buffers may still take bytes for a while: wait for 50 ms without a drain.
    const give = Date.now() + 5000;
    for (let before = -1; before !== drains; ) {
      if (Date.now() > give) throw new Error("The server's writes still drain after 5 s.");
      before = drains;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(stalled).toBe(true);
    expect(handed).toBeLessThan(size);
    // At most one read of the socket past the mark.
    expect(message.readableLength).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
    const received = await read(message);
    expect(received.byteLength).toBe(size);
    expect(received.equals(body)).toBe(true);
    expect(handed).toBe(size);
    expect(await fetchText(pool, server)).toBe("ok");
    expect(server.connections()).toBe(1);
  }, 10_000);
});

describe("Http1Pool: idle connections", () => {
  it("unrefs idle connections, so that they hold no process open, and refs them again when reused", async () => {
    const server = await rawServer(({ socket }) => {
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab");
      void clientTurn().then(() => socket.write("cd"));
    });
    // Handles that keep the event loop alive, as Node lists them (unref'd ones are left out).
    const active = () =>
      (process as unknown as { _getActiveHandles(): unknown[] })
        ._getActiveHandles()
        .filter((handle) => handle instanceof net.Socket && handle.remotePort === server.port);
    const pool = newPool();
    const first = await pool.request(request(server.target));
    // Half the body still to come: the connection is in use.
    expect(active().length).toBe(1);
    expect(await text(first)).toBe("abcd");
    // Idle in the pool.
    expect(active()).toEqual([]);
    const second = await pool.request(request(server.target));
    expect(active().length).toBe(1);
    expect(await text(second)).toBe("abcd");
    expect(active()).toEqual([]);
    expect(server.connections()).toBe(1);
  });
});

describe("Http1Pool: HTTPS", () => {
  /** An HTTPS server with a certificate of the test CA, answering "ok". */
  async function httpsServer() {
    const certificate = await createTestCertificate();
    const server = createHttpsServer(
      { key: certificate.key, cert: certificate.cert },
      (req, res) => {
        // The name the client asked for (SNI), or "none" when it sent none.
        res.setHeader("x-servername", (req.socket as TLSSocket).servername || "none");
        res.end("ok");
      },
    );
    let connections = 0;
    server.on("connection", () => {
      connections++;
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    closeLater(() => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    });
    const { port } = server.address() as AddressInfo;
    const origin = `https://127.0.0.1:${port}`;
    const target: Http1Target = { protocol: "https:", hostname: "127.0.0.1", port, origin };
    return { certificate, target, origin, connections: () => connections };
  }

  it("rejects a certificate the default trust store does not know, with a TypeError naming the origin", async () => {
    const { target, origin } = await httpsServer();
    const failure = newPool().request(request(target));
    await expect(failure).rejects.toThrow(TypeError);
    await expect(failure).rejects.toThrow(`Request to ${origin} failed: `);
    await expect(failure).rejects.toMatchObject({
      cause: { code: expect.stringMatching(/CERT|SIGNATURE|ISSUER/) },
    });
  }, 15_000);

  it("reads answers over TLS and keeps the connection, once its CA is trusted", async () => {
    const { certificate, target, connections } = await httpsServer();
    // The pool's one TLS context, made with the test CA as the only trusted one.
    const createSecureContext = tls.createSecureContext;
    vi.spyOn(tls, "createSecureContext").mockImplementation(() =>
      createSecureContext({ ca: certificate.ca }),
    );
    const pool = newPool();
    expect(await text(await pool.request(request(target)))).toBe("ok");
    expect(await text(await pool.request(request(target)))).toBe("ok");
    expect(connections()).toBe(1);
  }, 15_000);

  it("sends a host name as SNI and checks the certificate against it, and no SNI for an IP", async () => {
    const { certificate, target } = await httpsServer();
    const createSecureContext = tls.createSecureContext;
    vi.spyOn(tls, "createSecureContext").mockImplementation(() =>
      createSecureContext({ ca: certificate.ca }),
    );
    const servername = async (hostname: string) => {
      const origin = `https://${hostname}:${target.port}`;
      const message = await newPool().request(request({ ...target, hostname, origin }));
      await text(message);
      const at = message.rawHeaders.indexOf("x-servername");
      return message.rawHeaders[at + 1];
    };
    // The test certificate names localhost, 127.0.0.1 and ::1.
    expect(await servername("localhost")).toBe("localhost");
    expect(await servername("127.0.0.1")).toBe("none");
    // The certificate is checked against the name asked for.
    const checkIdentity = vi.spyOn(tls, "checkServerIdentity");
    await servername("localhost");
    expect(checkIdentity).toHaveBeenCalledWith("localhost", expect.anything());
  }, 15_000);
});

describe("Http1Message, fed bytes directly", () => {
  /** An answer fed by a stand-in connection: what it releases, and what it tells its request. */
  function fed(noBody = false) {
    const released: boolean[] = [];
    const connection = {
      socket: { pause() {}, resume() {} },
      message: undefined as Http1Message | undefined,
      release: (_connection: unknown, keep: boolean) => released.push(keep),
    };
    const told: { head: boolean; failure: Error | undefined } = { head: false, failure: undefined };
    const message = new (messageClass())(connection as never, noBody, {
      head: () => {
        told.head = true;
      },
      failed: (error) => {
        told.failure = error;
      },
    });
    connection.message = message;
    const errors: Error[] = [];
    message.on("error", (error) => errors.push(error));
    return { message, released, told, errors };
  }

  const answers = {
    chunked: [
      "HTTP/1.1 100 Continue\r\n\r\n",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n",
      "5;ext=1\r\nhello\r\na\r\n, world!!!\r\nB\r\n more bytes\r\n0\r\nX-Trailer: t\r\n\r\n",
    ].join(""),
    length: "HTTP/1.1 200 OK\r\nContent-Length: 26\r\nX-A: 1\r\n\r\nhello, world!!! more bytes",
  };

  it("reads the same answer wherever its bytes are split in two or three", () => {
    for (const answer of Object.values(answers)) {
      const bytes = Buffer.from(answer, "latin1");
      const cuts: number[][] = [];
      for (let i = 1; i < bytes.byteLength; i++) {
        cuts.push([i]);
        for (let j = i + 1; j < bytes.byteLength; j += 3) cuts.push([i, j]);
      }
      for (const cut of cuts) {
        const { message, released, told, errors } = fed();
        let at = 0;
        for (const end of [...cut, bytes.byteLength]) {
          message.onData(bytes.subarray(at, end));
          at = end;
        }
        const where = `cut at ${cut.join(", ")}`;
        expect(told, where).toEqual({ head: true, failure: undefined });
        expect(message.statusCode, where).toBe(200);
        expect(message.rawHeaders.slice(-2), where).toEqual(["X-A", "1"]);
        expect(message.complete, where).toBe(true);
        expect(String(message.read()), where).toBe("hello, world!!! more bytes");
        expect(released, where).toEqual([true]);
        expect(errors, where).toEqual([]);
      }
    }
  });

  it("reads the same answer fed byte by byte", () => {
    for (const answer of Object.values(answers)) {
      const bytes = Buffer.from(answer, "latin1");
      const { message, released } = fed();
      for (let i = 0; i < bytes.byteLength; i++) message.onData(bytes.subarray(i, i + 1));
      expect(message.complete).toBe(true);
      expect(String(message.read())).toBe("hello, world!!! more bytes");
      expect(released).toEqual([true]);
    }
  });

  it("accepts a head of exactly 64 KiB whether or not its final CRLF comes apart", () => {
    const start = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Filler: ";
    // Status line and headers of 65536 bytes, the most an answer may have.
    const head = start + "a".repeat(64 * 1024 - start.length);
    const bytes = Buffer.from(`${head}\r\n\r\nok`, "latin1");
    for (const cut of [bytes.byteLength, 64 * 1024 + 3, 64 * 1024 + 1]) {
      const { message, told } = fed();
      message.onData(bytes.subarray(0, cut));
      message.onData(bytes.subarray(cut));
      expect(told.failure?.message, `cut at ${cut}`).toBeUndefined();
      expect(String(message.read()), `cut at ${cut}`).toBe("ok");
    }
    // One byte more is too many.
    const over = Buffer.from(`${head}b\r\n\r\nok`, "latin1");
    const { message, told } = fed();
    message.onData(over);
    expect(told.failure?.message).toBe("The answer's headers are too large.");
  });
});
