/**
 * @module
 * HTTP/1.1 on `node:net` and `node:tls` sockets, kept alive in a pool of this module's own: the
 * exchange of `createNodeFetch()` when no agent is given. `http.request` spends most of a small
 * JSON call in its JavaScript layers (the agent's bookkeeping, `ClientRequest`, `OutgoingMessage`
 * and their events); writing the request in one piece and reading the answer straight from the
 * socket costs a fraction of that (BENCHMARKS.md, "The Node transport").
 *
 * What it speaks: a request with a body of known length; an answer framed by Content-Length, by
 * chunked transfer coding or by the end of the connection; interim 1xx answers skipped;
 * `Connection: close` and HTTP/1.0 honoured. What it refuses, as errors rather than guesses:
 * a malformed status line or header, conflicting lengths, headers over 64 KiB, a 101 (no
 * upgrade), and header names or values that would break the request's framing. Answers are
 * `Readable` streams with the fields of `http.IncomingMessage` the transport reads; node:net,
 * node:tls and node:stream load at the first request.
 *
 * A connection idle for longer than the server's `Keep-Alive: timeout` less a second (4 s when it
 * gives none) is closed rather than reused, so that a request seldom meets the server's idle
 * close. A request that does (sent on a kept-alive connection that the server closes before any
 * byte of an answer) is sent once more on a new connection, when its method is idempotent.
 */
import type net from "node:net";
import type { Readable } from "node:stream";
import type tls from "node:tls";
import { requireBuiltin } from "./builtins.ts";
import type { CancelSignal } from "./transport-contract.ts";

/** Where a request goes. */
export interface Http1Target {
  protocol: string;
  /** Without brackets for an IPv6 address. */
  hostname: string;
  port: string | number | null | undefined;
  /** `scheme://host[:port]`, as errors name it. */
  origin: string;
}

export interface Http1Request {
  target: Http1Target;
  method: string;
  /** Path and query string, as sent. */
  path: string;
  /** Names in any case; a `host` is added when there is none. */
  headers: Record<string, string>;
  body: Buffer | undefined;
  signal?: CancelSignal | undefined;
}

/** The most bytes of status line and headers an answer may have. */
const MAX_HEAD = 64 * 1024;
/** How long a connection may stay idle and still be reused, when the server says nothing. */
const IDLE_MS = 4_000;
/** The longest, whatever the server says. */
const MAX_IDLE_MS = 600_000;
/** Bytes of body buffered ahead of its reader before the socket is paused. */
const BUFFERED_BYTES = 256 * 1024;
/** Only these are sent again: a POST may have been received before the connection broke. */
export const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * What a header value may not hold: control characters other than tab (CR and LF above all), and
 * characters over U+00FF, which are not bytes (fetch refuses them too).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const BAD_VALUE = /[\0-\x08\x0a-\x1f\x7f\u0100-\uffff]/;
/** What a request target may not hold: spaces, control characters and anything over U+00FF. */
const BAD_PATH = /[^\x21-\xff]/;
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/;

let modules: { net: typeof net; tls: typeof tls } | undefined;
const builtins = () => {
  modules ??= { net: requireBuiltin("node:net"), tls: requireBuiltin("node:tls") };
  return modules;
};

/** `line` from `start`, without the spaces and tabs around it (the only whitespace HTTP trims). */
function trimmed(line: string, start: number): string {
  let end = line.length;
  while (start < end && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
  while (end > start && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
  return line.slice(start, end);
}

/** The request's head, checked: names must be tokens, values and path free of line breaks. */
function head(request: Http1Request): string {
  const { target, method, path, headers } = request;
  if (!TOKEN.test(method)) throw new TypeError(`Invalid HTTP method: ${method}`);
  if (path === "" || BAD_PATH.test(path)) {
    throw new TypeError("The request path is empty or holds invalid characters.");
  }
  let text = `${method} ${path} HTTP/1.1\r\n`;
  let host = false;
  for (const name in headers) {
    const value = headers[name] as string;
    if (!TOKEN.test(name)) throw new TypeError(`Invalid header name: ${JSON.stringify(name)}`);
    if (BAD_VALUE.test(value)) throw new TypeError(`Invalid value for header ${name}.`);
    if (name.length === 4 && name.toLowerCase() === "host") host = true;
    text += `${name}: ${value}\r\n`;
  }
  if (!host) text += `host: ${hostHeader(target)}\r\n`;
  return `${text}\r\n`;
}

function hostHeader(target: Http1Target): string {
  const host = target.hostname.includes(":") ? `[${target.hostname}]` : target.hostname;
  const port = target.port === null || target.port === undefined ? "" : String(target.port);
  const implied = target.protocol === "https:" ? "443" : "80";
  return port === "" || port === implied ? host : `${host}:${port}`;
}

/**
 * Connections kept alive between requests, by origin. Idle ones hold no process open (they are
 * unref'd) and leave the pool when the server closes them.
 */
export class Http1Pool {
  readonly #idle = new Map<string, Connection[]>();
  /** One TLS context for every connection: making one per connection costs a millisecond. */
  #context: tls.SecureContext | undefined;
  /** The last TLS session of each origin, to resume it on a new connection. */
  readonly #sessions = new Map<string, Buffer>();

  /** Sends `request` and resolves with its answer once the answer's headers are in. */
  request(request: Http1Request): Promise<Http1Message> {
    try {
      // Checked before any connection is taken.
      const text = head(request);
      request.signal?.throwIfAborted();
      return this.#send(request, text, true);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Closes every idle connection. */
  close(): void {
    for (const connections of this.#idle.values()) {
      for (const connection of connections) connection.socket.destroy();
    }
    this.#idle.clear();
  }

  /** Sends on an idle connection, or a new one; a request sent again always takes a new one. */
  #send(request: Http1Request, text: string, mayResend: boolean): Promise<Http1Message> {
    const { target, signal } = request;
    const reused = mayResend ? this.#take(target.origin) : undefined;
    const connection = reused ?? this.#connect(target);
    return new Promise<Http1Message>((resolve, reject) => {
      let answered = false;
      const onAbort = () => {
        if (answered) return;
        answered = true;
        message.destroy();
        reject(signal?.reason);
      };
      const message = new (messageClass())(connection, request.method === "HEAD", {
        head() {
          answered = true;
          signal?.removeEventListener("abort", onAbort);
          resolve(message);
        },
        failed: (error, received) => {
          if (answered) return;
          answered = true;
          signal?.removeEventListener("abort", onAbort);
          if (mayResend && reused && !received && IDEMPOTENT.has(request.method)) {
            resolve(this.#send(request, text, false));
            return;
          }
          reject(
            new TypeError(`Request to ${target.origin} failed: ${error.message}`, {
              cause: error,
            }),
          );
        },
      });
      signal?.addEventListener("abort", onAbort, { once: true });
      connection.message = message;
      const { socket } = connection;
      if (request.body === undefined) {
        socket.write(text, "latin1");
      } else {
        socket.cork();
        socket.write(text, "latin1");
        socket.write(request.body);
        socket.uncork();
      }
    });
  }

  /** The connection of `origin` idle the shortest time, taken out of the pool. */
  #take(origin: string): Connection | undefined {
    const idle = this.#idle.get(origin);
    for (let connection = idle?.pop(); connection !== undefined; connection = idle?.pop()) {
      const { socket } = connection;
      if (
        !socket.destroyed &&
        socket.readyState === "open" &&
        performance.now() <= connection.reusableUntil
      ) {
        socket.ref();
        return connection;
      }
      socket.destroy();
    }
    return undefined;
  }

  #connect(target: Http1Target): Connection {
    const port = Number(target.port || (target.protocol === "https:" ? 443 : 80));
    const host = target.hostname;
    let socket: net.Socket;
    if (target.protocol !== "https:") {
      socket = builtins().net.connect({ host, port });
    } else {
      const { tls, net } = builtins();
      this.#context ??= tls.createSecureContext();
      socket = tls.connect({
        host,
        port,
        servername: net.isIP(host) === 0 ? host : undefined,
        secureContext: this.#context,
        session: this.#sessions.get(target.origin),
        ALPNProtocols: ["http/1.1"],
      });
      socket.on("session", (session: Buffer) => {
        if (this.#sessions.size < 16 || this.#sessions.has(target.origin)) {
          this.#sessions.set(target.origin, session);
        }
      });
    }
    socket.setNoDelay(true);
    return new Connection(socket, target.origin, (connection, keep) =>
      this.#release(connection, keep),
    );
  }

  /** A connection whose answer is whole: back to the pool, or closed. */
  #release(connection: Connection, keep: boolean): void {
    const { socket, origin } = connection;
    if (!keep || socket.destroyed) {
      socket.destroy();
      this.#forget(connection);
      return;
    }
    const idle = this.#idle.get(origin);
    if (idle === undefined) this.#idle.set(origin, [connection]);
    else idle.push(connection);
    connection.reusableUntil = performance.now() + connection.idleMs;
    socket.unref();
  }

  /** Takes a connection out of the pool if it is there. */
  #forget(connection: Connection): void {
    const idle = this.#idle.get(connection.origin);
    const at = idle?.indexOf(connection) ?? -1;
    if (at >= 0) idle?.splice(at, 1);
  }
}

/**
 * A socket and the answer it is reading, if any. It listens to its socket once, for its whole
 * life: adding and removing listeners for each request would cost more than the rest of a
 * request's reading.
 */
class Connection {
  /** The answer being read; undefined while idle. */
  message: Http1Message | undefined;
  /** How long it may stay idle and be reused: from the last answer's `Keep-Alive` header. */
  idleMs = IDLE_MS;
  /** While idle, until when (`performance.now()`) it may be reused. */
  reusableUntil = 0;

  constructor(
    readonly socket: net.Socket,
    readonly origin: string,
    /** Gives the connection back (`keep`) or closes it, once its answer is whole or failed. */
    readonly release: (connection: Connection, keep: boolean) => void,
  ) {
    socket.on("data", (chunk: Buffer) => {
      if (this.message) this.message.onData(chunk);
      else this.#closedWhileIdle();
    });
    socket.on("error", (error: Error) => {
      if (this.message) this.message.onError(error);
      else this.#closedWhileIdle();
    });
    socket.on("end", () => {
      if (this.message) this.message.onEnd();
      else this.#closedWhileIdle();
    });
    socket.on("close", () => {
      if (this.message) this.message.onClose();
      else this.#closedWhileIdle();
    });
  }

  /** The server closed an idle connection, or wrote to it unasked: it cannot carry a request. */
  #closedWhileIdle(): void {
    this.socket.destroy();
    this.release(this, false);
  }
}

/** What an answer tells the request that waits for it. */
interface Waiting {
  /** The headers are in. */
  head(): void;
  /** The connection failed before the headers were in; `received`: any byte of an answer. */
  failed(error: Error, received: boolean): void;
}

enum Framing {
  /** A body of `remaining` bytes. */
  Length,
  /** A chunked body. */
  Chunked,
  /** A body that ends with the connection. */
  Close,
}

enum Chunk {
  Size,
  Data,
  DataEnd,
  Trailers,
}

/**
 * An answer, as `Http1Pool.request()` gives it: status and headers, then its body as a stream.
 * Fed by its connection (`onData` and the rest) until the body is whole.
 */
export interface Http1Message extends Readable {
  statusCode: number;
  statusMessage: string;
  /** Names and values in turn, as received. */
  rawHeaders: string[];
  /** Whether the whole body has been received. */
  complete: boolean;
  onData(chunk: Buffer): void;
  onError(error: Error): void;
  onEnd(): void;
  onClose(): void;
}

type MessageClass = new (connection: Connection, noBody: boolean, waiting: Waiting) => Http1Message;

let Message: MessageClass | undefined;

/** The class of answers, defined at the first request, so that node:stream loads then. */
export function messageClass(): MessageClass {
  Message ??= defineMessage(requireBuiltin("node:stream").Readable);
  return Message;
}

/**
 * The class of answers over `Base` (node:stream's `Readable`). Fed by its connection until the
 * body is whole, when the connection goes back to the pool (or is closed); what was received
 * stays readable.
 */
function defineMessage(Base: typeof Readable): MessageClass {
  return class Http1Answer extends Base implements Http1Message {
    statusCode = 0;
    statusMessage = "";
    /** Names and values in turn, as received. */
    rawHeaders: string[] = [];
    /** Whether the whole body has been received. */
    complete = false;

    #connection: Connection | undefined;
    readonly #noBody: boolean;
    readonly #waiting: Waiting;
    #buffer: Buffer | undefined;
    #headDone = false;
    #received = false;
    #keepAlive = true;
    #framing = Framing.Length;
    #remaining = 0;
    #chunk = Chunk.Size;
    #trailerBytes = 0;
    #paused = false;
    constructor(connection: Connection, noBody: boolean, waiting: Waiting) {
      super({ highWaterMark: BUFFERED_BYTES });
      this.#connection = connection;
      this.#noBody = noBody;
      this.#waiting = waiting;
    }

    override _read(): void {
      if (this.#paused) {
        this.#paused = false;
        this.#connection?.socket.resume();
      }
    }

    override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
      // A body still on its way: its connection cannot carry another request.
      if (!this.complete) this.#detach(false);
      callback(error);
    }

    onData(chunk: Buffer): void {
      this.#received = true;
      try {
        if (this.#headDone) {
          this.#body(chunk);
          return;
        }
        const buffer = this.#buffer === undefined ? chunk : Buffer.concat([this.#buffer, chunk]);
        const rest = this.#head(buffer);
        if (rest === undefined) return;
        this.#buffer = undefined;
        this.#waiting.head();
        if (this.#framing === Framing.Length && this.#remaining === 0) {
          // Bytes after an answer without a body: the connection is not in a state to reuse.
          if (rest.byteLength > 0) this.#keepAlive = false;
          this.#finish();
        } else if (rest.byteLength > 0) {
          this.#body(rest);
        }
      } catch (error) {
        this.#fail(error as Error);
      }
    }

    onError(error: Error): void {
      this.#fail(error);
    }

    onEnd(): void {
      // A body framed by the connection's end (its connection was never to be kept).
      if (this.#headDone && this.#framing === Framing.Close && !this.complete) this.#finish();
    }

    onClose(): void {
      if (this.complete) return;
      if (this.#headDone && this.#framing === Framing.Close) {
        // A body framed by the connection's end, closed without a TLS close_notify or a FIN seen.
        this.#finish();
        return;
      }
      const error = new Error(
        this.#headDone
          ? "The connection closed before the end of the body."
          : "The connection closed before an answer.",
      ) as Error & { code: string };
      error.code = "ECONNRESET";
      this.#fail(error);
    }

    #fail(error: Error): void {
      if (!this.#headDone) {
        this.#detach(false);
        this.#waiting.failed(error, this.#received);
        return;
      }
      if (this.complete) return;
      this.#detach(false);
      // An 'error' nobody listens to would end the process: when the answer fails before anyone
      // follows it (its head and a bad body in one packet, or a cut before the read), the reason
      // waits for the first listener, and reaches it once it has set up its others.
      if (this.listenerCount("error") > 0) this.destroy(error);
      else this.once("newListener", () => process.nextTick(() => this.destroy(error)));
    }

    /** Parses the head from `buffer`: the bytes after it, or undefined while it is incomplete. */
    #head(buffer: Buffer): Buffer | undefined {
      for (;;) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) {
          // Up to three bytes of the final CRLFCRLF may be there already.
          if (buffer.byteLength > MAX_HEAD + 3) {
            throw new Error("The answer's headers are too large.");
          }
          this.#buffer = buffer;
          return undefined;
        }
        if (end > MAX_HEAD) throw new Error("The answer's headers are too large.");
        const lines = buffer.toString("latin1", 0, end).split("\r\n");
        const status = STATUS_LINE.exec(lines[0] as string);
        if (status === null) throw new Error("The answer is not HTTP/1.x.");
        const code = Number(status[2]);
        if (code < 200) {
          if (code === 101) throw new Error("The server switched protocols, which is not spoken.");
          if (code < 100) throw new Error(`Invalid status code: ${code}`);
          // An interim answer (100 Continue, 103 Early Hints): the real one follows.
          buffer = buffer.subarray(end + 4);
          continue;
        }
        this.statusCode = code;
        this.statusMessage = status[3] ?? "";
        this.#headers(lines, status[1] === "1");
        this.#headDone = true;
        return buffer.subarray(end + 4);
      }
    }

    #headers(lines: string[], http11: boolean): void {
      const raw = this.rawHeaders;
      let length: string | undefined;
      let chunked = false;
      let encoded = false;
      let connection = "";
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i] as string;
        const colon = line.indexOf(":");
        const name = colon > 0 ? line.slice(0, colon) : "";
        if (!TOKEN.test(name)) {
          // Up to the colon, or the start of a line without one: never a header's value.
          const shown = colon > 0 ? name : line.slice(0, 32);
          throw new Error(`Invalid header line: ${JSON.stringify(shown)}`);
        }
        const value = trimmed(line, colon + 1);
        raw.push(name, value);
        switch (
          name.length === 10 || name.length === 14 || name.length === 17 ? name.toLowerCase() : ""
        ) {
          case "content-length":
            if (length !== undefined && length !== value) {
              throw new Error("The answer gives two different lengths.");
            }
            length = value;
            break;
          case "transfer-encoding":
            encoded = true;
            chunked = /(?:^|,)\s*chunked\s*$/i.test(value);
            break;
          case "connection":
            connection += `,${value.toLowerCase()}`;
            break;
          case "keep-alive":
            this.#idleHint(value);
            break;
        }
      }
      this.#keepAlive = http11
        ? !/(?:^|,)\s*close\s*(?:,|$)/.test(connection)
        : /(?:^|,)\s*keep-alive\s*(?:,|$)/.test(connection);
      const status = this.statusCode;
      if (this.#noBody || status === 204 || status === 304) {
        this.#framing = Framing.Length;
        this.#remaining = 0;
      } else if (encoded) {
        // A length next to a transfer coding is ignored, and the connection not kept.
        if (length !== undefined) this.#keepAlive = false;
        this.#framing = chunked ? Framing.Chunked : Framing.Close;
      } else if (length !== undefined) {
        if (!/^\d{1,15}$/.test(length)) throw new Error(`Invalid Content-Length: ${length}`);
        this.#framing = Framing.Length;
        this.#remaining = Number(length);
      } else {
        this.#framing = Framing.Close;
      }
      if (this.#framing === Framing.Close) this.#keepAlive = false;
    }

    /**
     * A `Keep-Alive: timeout=N` hint: the connection is reused for up to a second less than the
     * server keeps it, so that a request does not meet the server's close on the way.
     */
    #idleHint(value: string): void {
      const timeout = /(?:^|[,;\s])timeout\s*=\s*(\d{1,9})(?:$|[,;\s])/i.exec(value);
      if (timeout === null || this.#connection === undefined) return;
      this.#connection.idleMs = Math.min(
        Math.max(Number(timeout[1]) * 1000 - 1000, 0),
        MAX_IDLE_MS,
      );
    }

    /** Body bytes as they come off the socket. */
    #body(data: Buffer): void {
      if (this.complete) {
        // Bytes after the end of the answer: the connection is not in a state to reuse.
        this.#keepAlive = false;
        this.#detach(false);
        return;
      }
      switch (this.#framing) {
        case Framing.Close:
          this.#deliver(data);
          return;
        case Framing.Length: {
          if (data.byteLength <= this.#remaining) {
            this.#remaining -= data.byteLength;
            this.#deliver(data);
            if (this.#remaining === 0) this.#finish();
            return;
          }
          this.#deliver(data.subarray(0, this.#remaining));
          this.#remaining = 0;
          this.#keepAlive = false;
          this.#finish();
          return;
        }
        case Framing.Chunked:
          this.#chunked(data);
          return;
      }
    }

    #chunked(data: Buffer): void {
      let at = 0;
      while (at < data.byteLength) {
        if (this.#chunk === Chunk.Data) {
          const take = Math.min(this.#remaining, data.byteLength - at);
          this.#deliver(data.subarray(at, at + take));
          at += take;
          this.#remaining -= take;
          if (this.#remaining === 0) this.#chunk = Chunk.DataEnd;
          continue;
        }
        // Lines: a chunk's size, the CRLF after its data, trailers.
        const buffer =
          this.#buffer === undefined
            ? data.subarray(at)
            : Buffer.concat([this.#buffer, data.subarray(at)]);
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) {
          if (buffer.byteLength > MAX_HEAD) throw new Error("A chunk's size line is too long.");
          this.#buffer = buffer;
          return;
        }
        this.#buffer = undefined;
        const line = buffer.toString("latin1", 0, eol);
        data = buffer;
        at = eol + 2;
        if (this.#chunk === Chunk.DataEnd) {
          if (line !== "") throw new Error("A chunk is longer than its size.");
          this.#chunk = Chunk.Size;
        } else if (this.#chunk === Chunk.Size) {
          const size = /^([0-9a-fA-F]{1,12})[ \t]*(?:;.*)?$/.exec(line);
          if (size === null) throw new Error(`Invalid chunk size: ${JSON.stringify(line)}`);
          this.#remaining = Number.parseInt(size[1] as string, 16);
          this.#chunk = this.#remaining === 0 ? Chunk.Trailers : Chunk.Data;
        } else if (line === "") {
          // The empty line after the trailers: the body is whole.
          if (at < data.byteLength) this.#keepAlive = false;
          this.#finish();
          return;
        } else {
          // A trailer: read past, but not without end.
          this.#trailerBytes += at;
          if (this.#trailerBytes > MAX_HEAD)
            throw new Error("The answer's trailers are too large.");
        }
      }
    }

    #deliver(data: Buffer): void {
      if (data.byteLength === 0) return;
      if (!this.push(data) && !this.#paused && this.#connection !== undefined) {
        this.#paused = true;
        this.#connection.socket.pause();
      }
    }

    #finish(): void {
      this.complete = true;
      this.#detach(this.#keepAlive);
      this.push(null);
    }

    /** Lets go of the socket: back to the pool when `keep`, else closed. */
    #detach(keep: boolean): void {
      const connection = this.#connection;
      if (connection === undefined) return;
      this.#connection = undefined;
      connection.message = undefined;
      if (this.#paused) connection.socket.resume();
      connection.release(connection, keep);
    }
  };
}
