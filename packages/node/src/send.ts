/**
 * @module
 * One request on `node:http`/`node:https`, as the fetch and the client's fast path both send it:
 * resolves with Node's response once its headers are in, or rejects with the signal's reason, an
 * asyncovh error (a status no response can have, a proxy that refused), or a TypeError whose
 * cause is Node's error (its `HPE_*` or TLS code kept). An idempotent request that meets a
 * kept-alive connection the server had just closed is sent once more, on a new connection
 * (Node's agent reports it, and leaves the retry to callers).
 */
import type http from "node:http";
import { InvalidResponse, isAPIError } from "@asyncovh/core";
import type { SignalLike } from "@asyncovh/core/internal";
import { FRAMING_HEADERS } from "@asyncovh/core/internal";
import { net } from "./agents.ts";
import { bodyStream } from "./body-stream.ts";

/** Headers that frame or route a request (core's list): Node and the proxy settings write them. */
const REFUSED_HEADERS = new Set(FRAMING_HEADERS);
/** Throws for a header name that this transport sets itself (`name` in lower case). */
export function refuseFraming(name: string): void {
  if (REFUSED_HEADERS.has(name)) {
    throw new TypeError(
      `This fetch sets the ${name} header itself (it frames or routes the request); remove it from the request.`,
    );
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
export const NULL_BODY_STATUSES = new Set([204, 205, 304]);
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);
/** Errors of a kept-alive connection the server closed while it was idle. */
const STALE_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

/** A request as this transport sends it. */
export interface Outgoing {
  /** The URL as sent (WHATWG-serialized), its origin, and its path with the query. */
  href: string;
  origin: string;
  path: string;
  method: string;
  /** Names in lower case. */
  headers: Record<string, string>;
  body: Buffer | undefined;
  redirect: RequestRedirect;
  signal: SignalLike | undefined;
}

/** How a request reaches its target: `http.request`'s options and which module sends them. */
export interface Route {
  secure: boolean;
  options: http.RequestOptions;
}

/** Sends the request and resolves with the response once its headers are in. */
export function send(
  route: Route,
  out: Outgoing,
  mayResend: boolean,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const { signal } = out;
    const { http, https } = net();
    const req = (route.secure ? https : http).request(route.options);
    let settled = false;
    const settle = () => {
      settled = true;
      signal?.removeEventListener("abort", onAbort);
    };
    // Until the response arrives; the body stream then listens on its own.
    const onAbort = () => {
      req.destroy();
      if (settled) return;
      settle();
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settle();
      if (
        mayResend &&
        req.reusedSocket &&
        IDEMPOTENT.has(out.method) &&
        STALE_SOCKET_CODES.has(error.code ?? "")
      ) {
        resolve(send(route, out, false));
        return;
      }
      reject(failure(out, error));
    });
    req.on("response", (res) => {
      if (settled) {
        res.destroy();
        return;
      }
      settle();
      resolve(res);
    });
    // A 101 to a request that asked for no upgrade: Node hands over the socket, nobody wants it.
    req.on("upgrade", (res: http.IncomingMessage, socket: { destroy(): void }) => {
      socket.destroy();
      if (settled) return;
      settle();
      reject(badStatus(out, res.statusCode ?? 0));
    });
    req.end(out.body);
  });
}

/** What a failed request rejects with: an asyncovh error as it is, else a TypeError like fetch's. */
function failure(out: Outgoing, error: Error): Error {
  if (isAPIError(error)) return error;
  return new TypeError(`Request to ${out.origin} failed: ${error.message}`, { cause: error });
}

export const badStatus = (out: Outgoing, status: number) =>
  new InvalidResponse(
    `${out.origin} answered with status ${status}, which is not an HTTP status a response can have (200-599); the answer was dropped.`,
    { status },
  );

/** The response as a web `Response`, its body streamed. */
export function toResponse(res: http.IncomingMessage, out: Outgoing): Response {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 599) {
    res.destroy();
    throw badStatus(out, status);
  }
  if (REDIRECT_STATUSES.has(status) && out.redirect !== "manual") {
    res.destroy();
    throw new TypeError(
      `${out.origin} answered ${status} (a redirect), which this fetch does not follow: pass redirect: "manual" to receive it.`,
    );
  }
  let body: ReadableStream<Uint8Array> | null = null;
  if (out.method === "HEAD" || NULL_BODY_STATUSES.has(status)) res.resume();
  else body = bodyStream(res, out.signal);
  const raw = res.rawHeaders;
  const headers: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) headers.push([raw[i] as string, raw[i + 1] as string]);
  const response = new Response(body, { status, statusText: res.statusMessage ?? "", headers });
  // A constructed Response has no URL; the client checks where an answer came from.
  Object.defineProperty(response, "url", { value: out.href });
  return response;
}
