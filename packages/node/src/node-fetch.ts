/**
 * @module
 * A `fetch()` on Node's own HTTP stack: `node:http` and `node:https` with connections kept
 * alive, through the proxy of the environment (or the one given), and the Node client's default
 * transport. Node parses and frames HTTP; this file maps fetch onto it:
 * - the answer is a web `Response` whose body is read as it arrives, decoded when compressed;
 * - the signal aborts the request or the body read with the signal's reason;
 * - redirects are never followed: `redirect: "manual"` returns the 3xx as it is, any other mode
 *   makes it an error (the client refuses redirects anyway);
 * - a status no `Response` can hold (outside 200-599, or a 101 nobody asked for) is an
 *   `InvalidResponse` carrying it; Node's parse errors (`HPE_*`) and TLS errors stay in `cause`;
 * - the headers that frame or route a request are this transport's to set, never the caller's;
 * - an idempotent request that meets a kept-alive connection the server had just closed is sent
 *   once more, on a new connection (Node's agent reports it, and leaves the retry to callers).
 */
import type http from "node:http";
import type https from "node:https";
import { type FetchLike, InvalidResponse, isAPIError } from "@asyncovh/core";
import { type Agents, net, sharedAgents, TUNNEL_SIGNAL, tunnelAgent } from "./agents.ts";
import { bodyStream } from "./body-stream.ts";
import { type ProxyOption, proxyFor, proxySettings } from "./proxy-settings.ts";

export interface NodeFetchOptions {
  /**
   * An agent for `http:` URLs, used as it is: no proxy of the environment applies to them
   * (default: a keep-alive `http.Agent` shared by the process, or the proxy's).
   */
  httpAgent?: http.Agent | undefined;
  /**
   * An agent for `https:` URLs (a CA of your own, client certificates, a proxy agent), used as
   * it is: no proxy of the environment applies to them (default: a keep-alive `https.Agent`
   * shared by the process, trusting Node's CA store and `NODE_EXTRA_CA_CERTS`, or a tunnel
   * through the proxy).
   */
  httpsAgent?: https.Agent | undefined;
  /**
   * The proxy: a URL (`http://user:password@proxy.example:3128`) for every request, `false`
   * for none. By default, `https_proxy`/`HTTPS_PROXY`, `http_proxy` and `no_proxy`/`NO_PROXY`
   * are read once, when the fetch is made.
   */
  proxy?: ProxyOption;
}

/** Headers that frame or route a request: Node and the proxy settings write them. */
const REFUSED_HEADERS = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authorization",
  "upgrade",
  "te",
  "trailer",
  "expect",
]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);
/** Errors of a kept-alive connection the server closed while it was idle. */
const STALE_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

interface Outgoing {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  redirect: RequestRedirect;
  signal: AbortSignal | undefined;
}

/** How a request reaches its target: `http.request`'s options and which module sends them. */
interface Route {
  secure: boolean;
  options: http.RequestOptions;
}

/**
 * Builds a fetch on `node:http`/`node:https`. The proxy settings are read here, once; the
 * connections are pooled by agents the process shares (unless agents are given).
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike {
  const { httpAgent, httpsAgent } = options;
  const settings = proxySettings(options.proxy, process.env);
  const routeOf = (out: Outgoing): Route => {
    const { url } = out;
    const protocol = url.protocol as keyof Agents;
    const given = protocol === "https:" ? httpsAgent : httpAgent;
    const proxy = given === undefined ? proxyFor(settings, url) : undefined;
    const target = {
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port || undefined,
      method: out.method,
      headers: out.headers,
    };
    if (proxy === undefined) {
      const agent = given ?? sharedAgents()[protocol];
      return { secure: protocol === "https:", options: { ...target, path: pathOf(url), agent } };
    }
    if (protocol === "https:") {
      return {
        secure: true,
        options: {
          ...target,
          path: pathOf(url),
          agent: tunnelAgent(proxy),
          [TUNNEL_SIGNAL]: out.signal,
        } as http.RequestOptions,
      };
    }
    // An http: target through the proxy: the request goes to the proxy, its target in full.
    const headers: Record<string, string> = { ...out.headers, host: url.host };
    if (proxy.authorization !== undefined) headers["proxy-authorization"] = proxy.authorization;
    const secure = proxy.url.protocol === "https:";
    return {
      secure,
      options: {
        method: out.method,
        hostname: proxy.url.hostname.replace(/^\[|\]$/g, ""),
        port: proxy.url.port || undefined,
        path: url.href,
        headers,
        agent: sharedAgents()[secure ? "https:" : "http:"],
      },
    };
  };
  return async (input, init = {}) => {
    const out = await prepare(input, init);
    out.signal?.throwIfAborted();
    const res = await send(routeOf(out), out, true);
    return toResponse(res, out);
  };
}

const pathOf = (url: URL) => `${url.pathname}${url.search}`;

async function prepare(input: Request | string | URL, init: RequestInit): Promise<Outgoing> {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : String(input));
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`This fetch speaks http: and https: only, not ${url.protocol}`);
  }
  const method = (init.method ?? request?.method ?? "GET").toUpperCase();
  const headers: Record<string, string> = { accept: "*/*", "accept-encoding": "gzip, deflate, br" };
  const given = init.headers ?? request?.headers;
  (given instanceof Headers ? given : new Headers(given)).forEach((value, name) => {
    if (REFUSED_HEADERS.has(name)) {
      throw new TypeError(
        `This fetch sets the ${name} header itself (it frames or routes the request); remove it from the request.`,
      );
    }
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
    url,
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
    "This fetch sends string, URLSearchParams, ArrayBuffer, typed array and Blob bodies; pass `fetch: globalThis.fetch` for streams and forms.",
  );
}

/** Sends the request and resolves with the response once its headers are in. */
function send(route: Route, out: Outgoing, mayResend: boolean): Promise<http.IncomingMessage> {
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
  return new TypeError(`Request to ${out.url.origin} failed: ${error.message}`, { cause: error });
}

const badStatus = (out: Outgoing, status: number) =>
  new InvalidResponse(
    `${out.url.origin} answered with status ${status}, which is not an HTTP status a response can have (200-599); the answer was dropped.`,
    { status },
  );

/** The response as a web `Response`, its body streamed. */
function toResponse(res: http.IncomingMessage, out: Outgoing): Response {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 599) {
    res.destroy();
    throw badStatus(out, status);
  }
  if (REDIRECT_STATUSES.has(status) && out.redirect !== "manual") {
    res.destroy();
    throw new TypeError(
      `${out.url.origin} answered ${status} (a redirect), which this fetch does not follow: pass redirect: "manual" to receive it.`,
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
  Object.defineProperty(response, "url", { value: out.url.href });
  return response;
}
