/**
 * @module
 * A `fetch()` for Node with connections kept alive: the default transport of the client under
 * Node. Node's global fetch (undici) spends most of a small JSON call in its WHATWG layers
 * (Request, Headers, streams, AbortSignal wiring), and `http.request` most of it in the agent's
 * bookkeeping and its message objects; this one speaks HTTP/1.1 on sockets of its own
 * (`./http1.ts`) for a fraction of either's CPU time, which is what a signed API client mostly
 * makes. Given agents, it sends through `node:http` and `node:https` with them instead.
 *
 * It keeps what the client relies on from fetch: the answer is a web `Response` whose body is a
 * stream read chunk by chunk as it arrives; the signal aborts the request or the body read with
 * the signal's reason; gzip, deflate and brotli bodies are decoded; redirects are never
 * followed (`redirect: "manual"` returns the 3xx as it is, any other mode makes it an error,
 * since the client refuses redirects anyway). A request that fails because the server closed
 * an idle kept-alive connection at the same moment is sent once more on a new connection when its
 * method is idempotent.
 */
import type http from "node:http";
import type https from "node:https";
import type { Readable, Transform } from "node:stream";
import { urlToHttpOptions } from "node:url";
import type zlib from "node:zlib";
import type { FetchLike } from "@asyncovh/core";
import { requireBuiltin } from "./builtins.ts";
import { Http1Pool, IDEMPOTENT } from "./http1.ts";
import {
  announcedLength,
  type CancelSignal,
  NULL_BODY_STATUSES,
  TRANSPORT,
  type Transport,
  type TransportAnswer,
  type TransportRequest,
  textResponse,
} from "./transport-contract.ts";

// node:http and node:https load at the first request through a given agent, node:zlib at the
// first compressed body.
let builtins: { http: typeof http; https: typeof https } | undefined;
const net = () => {
  builtins ??= { http: requireBuiltin("node:http"), https: requireBuiltin("node:https") };
  return builtins;
};
const zip = (): typeof zlib => requireBuiltin("node:zlib");

export interface NodeFetchOptions {
  /**
   * An agent for `http:` URLs: they then go through `node:http` with it (default: this
   * transport's own HTTP/1.1 connections, kept alive).
   */
  httpAgent?: http.Agent | undefined;
  /**
   * An agent for `https:` URLs (a CA of your own, a socket limit, a proxy agent): they then go
   * through `node:https` with it (default: this transport's own TLS connections, kept alive,
   * trusting Node's CA store and `NODE_EXTRA_CA_CERTS`).
   */
  httpsAgent?: https.Agent | undefined;
}

interface Agents {
  "http:"?: http.Agent | undefined;
  "https:"?: https.Agent | undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Errors of a kept-alive connection the server closed while it was idle. */
const STALE_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

/** An answer as this transport reads it: Node's, or the HTTP/1.1 module's. */
type Incoming = Readable & {
  statusCode?: number | undefined;
  statusMessage?: string | undefined;
  rawHeaders: string[];
  complete: boolean;
};

const DECODERS: Record<string, (z: typeof zlib) => Transform> = {
  gzip: (z) => z.createGunzip({ flush: z.constants.Z_SYNC_FLUSH }),
  "x-gzip": (z) => z.createGunzip({ flush: z.constants.Z_SYNC_FLUSH }),
  deflate: (z) => z.createInflate({ flush: z.constants.Z_SYNC_FLUSH }),
  br: (z) => z.createBrotliDecompress({ flush: z.constants.BROTLI_OPERATION_FLUSH }),
};

/** Where a request goes: what `http.request` needs of its URL. */
interface Target {
  protocol: string;
  hostname: string;
  port: string | number | null | undefined;
  origin: string;
}

interface Outgoing {
  target: Target;
  /** The URL as sent. */
  href: string;
  /** Path and query string. */
  path: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  redirect: RequestRedirect;
  signal: CancelSignal | undefined;
}

/** Builds a fetch for Node; each instance keeps its own connection pool. */
export function createNodeFetch(
  options: NodeFetchOptions = {},
): FetchLike & { [TRANSPORT]: Transport } {
  const agents: Agents = { "http:": options.httpAgent, "https:": options.httpsAgent };
  const pool = new Http1Pool();
  const send = async (outgoing: Outgoing): Promise<Incoming> => {
    const res =
      agents[outgoing.target.protocol as keyof Agents] === undefined
        ? await pool.request(outgoing)
        : await sendOnAgent(agents, outgoing, true);
    const status = res.statusCode ?? 0;
    if (REDIRECT_STATUSES.has(status) && outgoing.redirect !== "manual") {
      res.destroy();
      throw new TypeError(
        `${outgoing.target.origin} answered ${status} (a redirect), which this transport does not follow: pass redirect: "manual" to receive it.`,
      );
    }
    return res;
  };
  const fetch: FetchLike = async (input, init = {}) => {
    const outgoing = await prepare(input, init);
    outgoing.signal?.throwIfAborted();
    const res = await send(outgoing);
    try {
      return toResponse(res, outgoing);
    } catch (error) {
      // A status a Response cannot hold (e.g. 600): nothing will read this body.
      res.destroy();
      throw error;
    }
  };
  // The client sends every call to the same origin or two: their parsed form is kept.
  const targets = new Map<string, Target>();
  const transport: Transport = async (request) => {
    const outgoing = fromTransport(request, targets);
    request.signal.throwIfAborted();
    return new NodeAnswer(await send(outgoing), outgoing);
  };
  return Object.assign(fetch, { [TRANSPORT]: transport });
}

/**
 * The headers fetch sends when not told otherwise, in a new object for each request: a literal,
 * which the request's own headers are then copied into key by key.
 */
const defaultHeaders = (): Record<string, string> => ({
  accept: "*/*",
  "accept-encoding": "gzip, deflate, br",
});

/** A request of the client: its headers are in lower case already, its body a string. */
function fromTransport(request: TransportRequest, targets: Map<string, Target>): Outgoing {
  // Copied key by key into a literal: a spread copy that then gets more keys costs V8 about
  // 4 us (see the client's attempts).
  const headers = defaultHeaders();
  const given = request.headers;
  for (const name in given) headers[name] = given[name] as string;
  let body: Buffer | undefined;
  if (request.body !== undefined) {
    body = Buffer.from(request.body);
    headers["content-type"] ??= "text/plain;charset=UTF-8";
    headers["content-length"] = String(body.byteLength);
  }
  // The client hands over WHATWG-serialized URLs: the origin ends at the first "/" after "//".
  const { url } = request;
  const cut = url.indexOf("/", url.indexOf("//") + 2);
  const origin = cut < 0 ? url : url.slice(0, cut);
  let target = targets.get(origin);
  if (target === undefined) {
    target = targetOf(new URL(url));
    if (targets.size < 16) targets.set(origin, target);
  }
  return {
    target,
    href: url,
    path: cut < 0 ? "/" : url.slice(cut),
    method: request.method,
    headers,
    body,
    redirect: "manual",
    signal: request.signal,
  };
}

async function prepare(input: Request | string | URL, init: RequestInit): Promise<Outgoing> {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : String(input));
  const target = targetOf(url);
  const method = (init.method ?? request?.method ?? "GET").toUpperCase();
  const headers = defaultHeaders();
  const given = init.headers ?? request?.headers;
  (given instanceof Headers ? given : new Headers(given)).forEach((value, name) => {
    headers[name] = value;
  });
  let body: Buffer | undefined;
  const raw = init.body ?? (request?.body ? await request.arrayBuffer() : undefined);
  if (raw !== undefined && raw !== null) {
    if (method === "GET" || method === "HEAD") {
      throw new TypeError(`A ${method} request cannot have a body.`);
    }
    const [bytes, type] = await encode(raw);
    body = bytes;
    if (type !== undefined && headers["content-type"] === undefined) headers["content-type"] = type;
    headers["content-length"] = String(bytes.byteLength);
  }
  return {
    target,
    href: url.href,
    path: `${url.pathname}${url.search}`,
    method,
    headers,
    body,
    redirect: init.redirect ?? request?.redirect ?? "follow",
    signal: init.signal ?? request?.signal ?? undefined,
  };
}

/** The bytes of a body and the Content-Type fetch would give it. */
async function encode(body: BodyInit): Promise<[Buffer, string | undefined]> {
  if (typeof body === "string") return [Buffer.from(body), "text/plain;charset=UTF-8"];
  if (body instanceof URLSearchParams) {
    return [Buffer.from(body.toString()), "application/x-www-form-urlencoded;charset=UTF-8"];
  }
  if (body instanceof ArrayBuffer) return [Buffer.from(body), undefined];
  if (ArrayBuffer.isView(body)) {
    return [Buffer.from(body.buffer, body.byteOffset, body.byteLength), undefined];
  }
  if (body instanceof Blob) {
    return [Buffer.from(await body.arrayBuffer()), body.type === "" ? undefined : body.type];
  }
  throw new TypeError(
    "This transport sends string, URLSearchParams, ArrayBuffer, typed array and Blob bodies; pass `fetch: globalThis.fetch` for streams and forms.",
  );
}

/** What `http.request` needs of a URL; only http: and https: are spoken. */
function targetOf(url: URL): Target {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`This transport speaks http: and https: only, not ${url.protocol}`);
  }
  // urlToHttpOptions takes the brackets off an IPv6 address.
  const { hostname, port } = urlToHttpOptions(url);
  return { protocol: url.protocol, hostname: hostname ?? "", port, origin: url.origin };
}

/**
 * Sends `out` through the agent given for its protocol and resolves with the response once its
 * headers are in.
 */
function sendOnAgent(
  agents: Agents,
  out: Outgoing,
  mayResend: boolean,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const { target, signal } = out;
    let settled = false;
    const { http, https } = net();
    const secure = target.protocol === "https:";
    const agent = agents[secure ? "https:" : "http:"];
    const options = {
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      path: out.path,
      method: out.method,
      headers: out.headers,
      agent,
    };
    const req = secure ? https.request(options) : http.request(options);
    // Until the response arrives; the body stream then listens on its own.
    const onAbort = () => {
      req.destroy();
      if (!settled) {
        settled = true;
        reject(signal?.reason);
      }
    };
    signal?.addEventListener("abort", onAbort, { once: true });

    req.on("error", (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      if (
        mayResend &&
        req.reusedSocket &&
        IDEMPOTENT.has(out.method) &&
        STALE_SOCKET_CODES.has(error.code ?? "")
      ) {
        resolve(sendOnAgent(agents, out, false));
        return;
      }
      reject(
        new TypeError(`Request to ${target.origin} failed: ${error.message}`, { cause: error }),
      );
    });
    req.on("response", (res) => {
      signal?.removeEventListener("abort", onAbort);
      if (settled) {
        res.destroy();
        return;
      }
      settled = true;
      resolve(res);
    });
    req.end(out.body);
  });
}

/** The response as a web `Response`, its body streamed. */
function toResponse(res: Incoming, out: Outgoing): Response {
  const status = res.statusCode ?? 0;
  let body: ReadableStream<Uint8Array> | null = null;
  if (hasNoBody(res, out)) {
    res.resume();
  } else {
    body = streamOf(res, decoded(res, headerOf(res, "content-encoding") ?? undefined), out.signal);
  }
  const response = new Response(body, {
    status,
    statusText: res.statusMessage ?? "",
    headers: pairs(res),
  });
  // A constructed Response has no URL; the client checks where an answer came from.
  Object.defineProperty(response, "url", { value: out.href });
  return response;
}

/** The body as sent, or decoded when it is compressed. */
function decoded(res: Incoming, encoding: string | undefined): Readable {
  const coding = encoding?.trim().toLowerCase();
  const decoder = coding ? DECODERS[coding] : undefined;
  if (decoder === undefined) return res;
  const stream = decoder(zip());
  res.on("error", (error) => stream.destroy(error));
  return res.pipe(stream);
}

/**
 * Up to this many bytes wait in the web stream before the socket is paused: pausing and
 * resuming a socket costs system calls, which a small JSON answer should not pay.
 */
const BUFFERED_BYTES = 256 * 1024;
const byteLength = { highWaterMark: BUFFERED_BYTES, size: (chunk: Uint8Array) => chunk.byteLength };

/** A web stream over a Node stream, pulled as the reader reads (back-pressure kept). */
function streamOf(
  res: Incoming,
  source: Readable,
  signal: CancelSignal | undefined,
): ReadableStream<Uint8Array> {
  let stop = () => false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stop = follow(res, source, signal, {
          data(chunk) {
            controller.enqueue(chunk);
            if ((controller.desiredSize ?? 0) <= 0) source.pause();
          },
          end: () => controller.close(),
          error: (reason) => controller.error(reason),
        });
      },
      pull() {
        source.resume();
      },
      cancel() {
        stop();
        drop(res, source);
      },
    },
    byteLength,
  );
}

/** Where `follow` hands a body: its chunks, then its end or the reason it failed (once). */
interface BodySink {
  data(chunk: Buffer): void;
  end(): void;
  error(reason: unknown): void;
}

/**
 * Follows a response body into `sink` until its end, an error, a connection cut short or the
 * signal's abort (the last three destroy the response). Returns `stop`, which ends the
 * following and says whether it was still going.
 */
function follow(
  res: Incoming,
  source: Readable,
  signal: CancelSignal | undefined,
  sink: BodySink,
): () => boolean {
  let finished = false;
  const onAbort = () => fail(signal?.reason);
  const stop = () => {
    if (finished) return false;
    finished = true;
    signal?.removeEventListener("abort", onAbort);
    return true;
  };
  const fail = (reason: unknown) => {
    if (stop()) sink.error(reason);
    drop(res, source);
  };
  if (signal?.aborted) {
    fail(signal.reason);
    return stop;
  }
  if (res.destroyed && !res.complete) {
    // Cut before anyone followed it: its 'error' and 'close' are past (Node emits an
    // IncomingMessage's error only to listeners), and only `errored` tells why.
    const { errored } = res;
    fail(
      errored
        ? new TypeError(`The response body failed: ${errored.message}`, { cause: errored })
        : new TypeError("The connection closed before the end of the body."),
    );
    return stop;
  }
  signal?.addEventListener("abort", onAbort, { once: true });
  source.on("data", (chunk: Buffer) => {
    if (!finished) sink.data(chunk);
  });
  source.on("end", () => {
    if (stop()) sink.end();
  });
  source.on("error", (error) =>
    fail(new TypeError(`The response body failed: ${error.message}`, { cause: error })),
  );
  // The server cut the connection before the end of the body.
  source.on("close", () => {
    if (!finished) fail(new TypeError("The connection closed before the end of the body."));
  });
  return stop;
}

/** Drops a body unread: the connection, and the decoder reading from it when there is one. */
function drop(res: Incoming, source: Readable): void {
  res.destroy();
  if (source !== res) source.destroy();
}

const hasNoBody = (res: Incoming, out: Outgoing) =>
  out.method === "HEAD" || NULL_BODY_STATUSES.has(res.statusCode ?? 0);

/**
 * A header's value by name in any case, repeated ones joined with ", ", or null. From the raw
 * pairs: Node's `res.headers` would build an object of every header first.
 */
function headerOf(res: Incoming, name: string): string | null {
  const raw = res.rawHeaders;
  const wanted = name.toLowerCase();
  let value: string | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i] as string;
    if (key.length === wanted.length && key.toLowerCase() === wanted) {
      value = value === null ? (raw[i + 1] as string) : `${value}, ${raw[i + 1]}`;
    }
  }
  return value;
}

/** The headers as received, as pairs: a `Headers` or a `Response` copies them anyway. */
function pairs(res: Incoming): [string, string][] {
  const headers: [string, string][] = [];
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.push([raw[i] as string, raw[i + 1] as string]);
  return headers;
}

/** What `handOff` has queued for the next check phase. */
let handOffs: (() => void)[] = [];

function runHandOffs(): void {
  const due = handOffs;
  handOffs = [];
  for (const settle of due) settle();
}

/**
 * Runs `settle` (a promise's resolve) in the event loop's next check phase, with every other
 * answer read whole in the same turn: their callers then go on together, and the requests they
 * send next go out in one burst once all of them have run, instead of one between two socket
 * reads. With 32 calls in flight this cut the client's CPU per call by about 15% (253 to 215 µs,
 * medians of 5 interleaved rounds, against the mock run in two processes so that it was not the
 * bottleneck); at concurrency 1 it changed nothing measurable. An answer read whole is waiting
 * for nothing else, so only its caller's start is moved, by less than one turn of the loop.
 */
export function handOff(settle: () => void): void {
  if (handOffs.push(settle) === 1) setImmediate(runHandOffs);
}

/**
 * The client's view of a response: status and headers as Node parsed them, and the body read
 * straight from the socket into one string (no web stream, no `Response` unless asked for).
 */
class NodeAnswer implements TransportAnswer {
  readonly #res: Incoming;
  readonly #out: Outgoing;
  /** The body once read (`text`), for `response()`. */
  #text: string | undefined;
  /** The body as a web `Response`, once `response()` has streamed it. */
  #response: Response | undefined;
  #used = false;
  readonly status: number;
  readonly url: string;
  readonly redirected = false;

  constructor(res: Incoming, out: Outgoing) {
    this.#res = res;
    this.#out = out;
    this.status = res.statusCode ?? 0;
    this.url = out.href;
  }

  header(name: string): string | null {
    return headerOf(this.#res, name);
  }

  headers(): Headers {
    return new Headers(pairs(this.#res));
  }

  cancel(): void {
    if (this.#used) return;
    this.#used = true;
    // A body already received whole (a 503 or a 429 before a retry) is dropped and the
    // connection goes back to the pool: the retry then needs no new TLS handshake. A body
    // still on its way closes the connection, so that nothing waits for its end.
    if (this.#res.complete) this.#res.resume();
    else this.#res.destroy();
  }

  response(): Response {
    if (this.#text !== undefined) return textResponse(this, this.#text);
    if (this.#response !== undefined) return this.#response;
    // Read, dropped, cut short or over the cap: what is left of the body is gone.
    if (this.#used) return textResponse(this, "");
    this.#used = true;
    this.#response = toResponse(this.#res, this.#out);
    return this.#response;
  }

  text(maxBytes: number, signal: CancelSignal): Promise<string | undefined> {
    const res = this.#res;
    // Like a Response's body, this one is read once; a second read would wait for ever.
    if (this.#used)
      return Promise.reject(new TypeError("The body of this answer was read already."));
    this.#used = true;
    if (signal.aborted) {
      res.destroy();
      return Promise.reject(signal.reason);
    }
    if (hasNoBody(res, this.#out)) {
      res.resume();
      this.#text = "";
      return Promise.resolve("");
    }
    if (announcedLength(this.header("content-length")) > maxBytes) {
      res.destroy();
      return Promise.resolve(undefined);
    }
    const source = decoded(res, this.header("content-encoding") ?? undefined);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const stop = follow(res, source, signal, {
        data(chunk) {
          size += chunk.byteLength;
          if (size <= maxBytes) {
            chunks.push(chunk);
            return;
          }
          stop();
          drop(res, source);
          resolve(undefined);
        },
        end: () => {
          // Decoded whole, so that a character split between two chunks stays whole; a byte
          // order mark is dropped, as fetch's text() does.
          let text = (
            chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)
          ).toString("utf8");
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
          this.#text = text;
          handOff(() => resolve(text));
        },
        error: reject,
      });
    });
  }
}
