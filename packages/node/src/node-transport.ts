/**
 * @module
 * The Node client's private fast path: the same requests as the fetch (./send.ts, the same
 * agents and proxies), answered without a web `Response`. Building one per call (its `Headers`,
 * its body stream and the reads through it) cost the client about half its throughput at
 * concurrency 32 against node-ovh on the same node:https agents (see BENCHMARKS.md); a call
 * needs the status, a few headers and the body as text under a size cap, which this reads
 * straight from Node's response. The fetch carries it under core's `ANSWER_TRANSPORT`; other
 * code sees a plain fetch, and core builds a `Response` from an answer only when one is asked for.
 */
import type http from "node:http";
import {
  type Answer,
  type AnswerTransport,
  announcedLength,
  type SignalLike,
} from "@asyncovh/core/internal";
import { decoded, drop, follow } from "./body-stream.ts";
import {
  badStatus,
  NULL_BODY_STATUSES,
  type Outgoing,
  type Route,
  refuseFraming,
  send,
} from "./send.ts";

/** The fast path over `routeOf`, the fetch's own routing. */
export function nodeTransport(routeOf: (out: Outgoing) => Route): AnswerTransport {
  return async (request) => {
    const { signal } = request;
    if (signal.aborted) throw signal.reason;
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
    // Refused before reading: the body of an answer this broken may never end.
    if (status < 200 || status > 599) {
      res.destroy();
      throw badStatus(out, status);
    }
    if (out.method === "HEAD" || NULL_BODY_STATUSES.has(status)) {
      res.resume();
      return new NodeAnswer(res, url, "");
    }
    return new NodeAnswer(res, url, await readText(res, request.maxBytes, request.signal));
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

/**
 * The body as UTF-8 text (decoded when compressed), or `undefined` when it is larger than
 * `maxBytes` (the connection is then closed, the rest unread). Rejects with the signal's reason
 * on abort, or with a TypeError when the body breaks off.
 */
function readText(
  res: http.IncomingMessage,
  maxBytes: number,
  signal: SignalLike,
): Promise<string | undefined> {
  if (announcedLength(res.headers["content-length"] ?? null) > maxBytes) {
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
        handOff(() => resolve(text));
      },
      error: reject,
    });
  });
}

/** An answer read from Node's response: its headers from the raw pairs, on demand. */
class NodeAnswer implements Answer {
  readonly #raw: string[];
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly redirected = false;
  readonly text: string | undefined;

  constructor(res: http.IncomingMessage, url: string, text: string | undefined) {
    this.#raw = res.rawHeaders;
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? "";
    this.url = url;
    this.text = text;
  }

  header(name: string): string | null {
    const raw = this.#raw;
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
    const raw = this.#raw;
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
    return headers;
  }
}
