/**
 * @module
 * The Node client's private fast path: the same requests as the fetch (./send.ts, the same
 * agents and proxies), answered without a web `Response`. Building one per call (its `Headers`,
 * its body stream and the reads through it) cost the client about half its throughput at
 * concurrency 32 against node-ovh on the same node:https agents (see BENCHMARKS.md); a call
 * needs the status, a few headers and the body as text under a size cap, which this reads
 * straight from Node's response. A `Response` is built only when asked for (`rawCall`, an
 * error's `response`).
 *
 * The fetch carries it under `Symbol.for("asyncovh.transport")`, which core looks for; other
 * code sees a plain fetch. The shapes below are core's, restated so that this package depends
 * on no export of core's for them.
 */
import type http from "node:http";
import { decoded, drop, follow, type SignalLike } from "./body-stream.ts";
import {
  badStatus,
  NULL_BODY_STATUSES,
  type Outgoing,
  type Route,
  refuseFraming,
  send,
  toResponse,
} from "./send.ts";

export const TRANSPORT: unique symbol = Symbol.for("asyncovh.transport") as never;

/** One attempt as the client sends it. */
export interface TransportRequest {
  method: string;
  url: string;
  /** Names in lower case. */
  headers: Record<string, string>;
  body: string | undefined;
  signal: SignalLike & { throwIfAborted(): void };
}

/** An answer whose body has not been read yet. */
export interface TransportAnswer {
  readonly status: number;
  readonly url: string;
  readonly redirected: boolean;
  header(name: string): string | null;
  headers(): Headers;
  /** The body as text, or `undefined` when it is over `maxBytes` (the rest is then dropped). */
  text(maxBytes: number, signal: SignalLike): Promise<string | undefined>;
  /** Drops the unread body; a body already received whole frees its connection for reuse. */
  cancel(): void;
  /** The answer as a web `Response`: its body unread if `text` was not called, else that text. */
  response(): Response;
}

export type Transport = (request: TransportRequest) => Promise<TransportAnswer>;

/** The fast path over `routeOf`, the fetch's own routing. */
export function nodeTransport(routeOf: (out: Outgoing) => Route): Transport {
  return async (request) => {
    request.signal.throwIfAborted();
    const headers: Record<string, string> = {
      accept: "*/*",
      "accept-encoding": "gzip, deflate, br",
    };
    for (const name in request.headers) {
      refuseFraming(name);
      headers[name] = request.headers[name] as string;
    }
    let body: Buffer | undefined;
    if (request.body !== undefined) {
      body = Buffer.from(request.body);
      headers["content-type"] ??= "text/plain;charset=UTF-8";
      headers["content-length"] = String(body.byteLength);
    }
    // The client hands over WHATWG-serialized URLs: the origin ends at the first "/" after "//".
    const { url } = request;
    const cut = url.indexOf("/", url.indexOf("//") + 2);
    const out: Outgoing = {
      href: url,
      origin: cut < 0 ? url : url.slice(0, cut),
      path: cut < 0 ? "/" : url.slice(cut),
      method: request.method,
      headers,
      body,
      redirect: "manual",
      signal: request.signal,
    };
    const res = await send(routeOf(out), out, true);
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 599) {
      res.destroy();
      throw badStatus(out, status);
    }
    return new NodeAnswer(res, out);
  };
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
 * body read whole in the same turn: their callers then go on together, and the requests they
 * send next go out once Node has put the connections that carried them back in the pool (it
 * does so on the next tick), rather than one new connection each. An answer read whole waits
 * for nothing else: only its caller's start moves, by less than one turn of the loop.
 */
export function handOff(settle: () => void): void {
  if (handOffs.push(settle) === 1) setImmediate(runHandOffs);
}

/** The body size a Content-Length announces, or NaN when it announces none to trust. */
const announced = (header: string | null) =>
  header !== null && /^\d+$/.test(header) ? Number(header) : Number.NaN;

class NodeAnswer implements TransportAnswer {
  readonly #res: http.IncomingMessage;
  readonly #out: Outgoing;
  /** The body once read (`text`), for `response()`. */
  #text: string | undefined;
  #response: Response | undefined;
  #used = false;
  readonly status: number;
  readonly url: string;
  readonly redirected = false;

  constructor(res: http.IncomingMessage, out: Outgoing) {
    this.#res = res;
    this.#out = out;
    this.status = res.statusCode ?? 0;
    this.url = out.href;
  }

  /** A header by name in any case, repeated ones joined with ", ": from the raw pairs. */
  header(name: string): string | null {
    const raw = this.#res.rawHeaders;
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

  headers(): Headers {
    const headers = new Headers();
    const raw = this.#res.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
    return headers;
  }

  cancel(): void {
    if (this.#used) return;
    this.#used = true;
    // A body received whole (a 503 before a retry) frees its connection for the retry; one
    // still on its way closes it, so that nothing waits for its end.
    if (this.#res.complete) this.#res.resume();
    else this.#res.destroy();
  }

  response(): Response {
    // Once read, a new Response of the text each time, as a body is read once.
    if (this.#text !== undefined) return this.#textResponse(this.#text);
    if (this.#response === undefined) {
      // Read past the cap, cut short or dropped: what is left of the body is gone.
      this.#response = this.#used ? this.#textResponse("") : toResponse(this.#res, this.#out);
      this.#used = true;
    }
    return this.#response;
  }

  /** A Response holding `text`: the encoding and length received describe it no more. */
  #textResponse(text: string): Response {
    const headers = this.headers();
    headers.delete("content-encoding");
    headers.delete("content-length");
    const response = new Response(NULL_BODY_STATUSES.has(this.status) ? null : text, {
      status: this.status,
      statusText: this.#res.statusMessage ?? "",
      headers,
    });
    Object.defineProperty(response, "url", { value: this.url });
    return response;
  }

  text(maxBytes: number, signal: SignalLike): Promise<string | undefined> {
    const res = this.#res;
    // Like a Response's body, this one is read once; a second read would wait for ever.
    if (this.#used) {
      return Promise.reject(new TypeError("The body of this answer was read already."));
    }
    this.#used = true;
    if (signal.aborted) {
      res.destroy();
      return Promise.reject(signal.reason);
    }
    if (this.#out.method === "HEAD" || NULL_BODY_STATUSES.has(this.status)) {
      res.resume();
      this.#text = "";
      return Promise.resolve("");
    }
    if (announced(this.header("content-length")) > maxBytes) {
      res.destroy();
      return Promise.resolve(undefined);
    }
    const source = decoded(res);
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
          const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
          let text = whole.toString("utf8");
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
          this.#text = text;
          handOff(() => resolve(text));
        },
        error: reject,
      });
    });
  }
}
