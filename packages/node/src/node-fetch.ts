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
 *   once more, on a new connection (./send.ts).
 */
import type http from "node:http";
import type https from "node:https";
import type { FetchLike } from "@asyncovh/core";
import type { SignalLike } from "@asyncovh/core/internal";
import { ANSWER_TRANSPORT } from "@asyncovh/core/internal";
import { sharedAgents, TUNNEL_SIGNAL, tunnelAgent } from "./agents.ts";
import { nodeTransport } from "./node-transport.ts";
import { type ProxyOption, proxyFor, proxySettings } from "./proxy-settings.ts";
import { type Outgoing, type Route, refuseFraming, send, toResponse } from "./send.ts";

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

/**
 * Builds a fetch on `node:http`/`node:https`. The proxy settings are read here, once; the
 * connections are pooled by agents the process shares (unless agents are given).
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike {
  const routeOf = router(options);
  const fetch: FetchLike = async (input, init = {}) => {
    const out = await prepare(input, init);
    (out.signal as AbortSignal | undefined)?.throwIfAborted();
    const res = await send(routeOf(out), out, true);
    return toResponse(res, out);
  };
  // The client's way in, with no web Response unless one is asked for (see ./node-transport.ts).
  return Object.assign(fetch, { [ANSWER_TRANSPORT]: nodeTransport(routeOf) });
}

/** How requests reach an origin: on which agent, to which host, through which proxy. */
interface Way {
  secure: boolean;
  hostname: string;
  port: string | undefined;
  agent: http.Agent;
  /** Set when requests go to the proxy itself, in absolute form: the target's Host header. */
  host?: string | undefined;
  authorization?: string | undefined;
  /** True when the agent tunnels through a proxy (it then wants the request's signal). */
  tunnel?: boolean | undefined;
}

/** Where each request goes: through a proxy or not, on which agent (decided once per origin). */
function router(options: NodeFetchOptions): (out: Outgoing) => Route {
  const { httpAgent, httpsAgent } = options;
  const settings = proxySettings(options.proxy, process.env);
  const ways = new Map<string, Way>();
  const wayTo = (origin: string): Way => {
    const url = new URL(origin);
    const secure = url.protocol === "https:";
    const given = secure ? httpsAgent : httpAgent;
    const proxy = given === undefined ? proxyFor(settings, url) : undefined;
    const hostname = url.hostname.replace(/^\[|\]$/g, "");
    const port = url.port || undefined;
    if (proxy === undefined) {
      return {
        secure,
        hostname,
        port,
        agent: given ?? sharedAgents()[secure ? "https:" : "http:"],
      };
    }
    if (secure) return { secure, hostname, port, agent: tunnelAgent(proxy), tunnel: true };
    // An http: target through the proxy: requests go to the proxy, their target in full.
    const toProxy = proxy.url.protocol === "https:";
    return {
      secure: toProxy,
      hostname: proxy.url.hostname.replace(/^\[|\]$/g, ""),
      port: proxy.url.port || undefined,
      agent: sharedAgents()[toProxy ? "https:" : "http:"],
      host: url.host,
      authorization: proxy.authorization,
    };
  };
  return (out: Outgoing): Route => {
    let way = ways.get(out.origin);
    if (way === undefined) {
      way = wayTo(out.origin);
      // A client calls one origin or two; the cap keeps a fetch used for many from growing.
      if (ways.size < 64) ways.set(out.origin, way);
    }
    if (way.host !== undefined) {
      const headers: Record<string, string> = { ...out.headers, host: way.host };
      if (way.authorization !== undefined) headers["proxy-authorization"] = way.authorization;
      return {
        secure: way.secure,
        options: {
          method: out.method,
          hostname: way.hostname,
          port: way.port,
          path: out.href,
          headers,
          agent: way.agent,
        },
      };
    }
    // A literal with every key, rather than a spread copy: this runs for every request.
    const options: http.RequestOptions & { [TUNNEL_SIGNAL]?: SignalLike | undefined } = {
      method: out.method,
      hostname: way.hostname,
      port: way.port,
      path: out.path,
      headers: out.headers,
      agent: way.agent,
    };
    if (way.tunnel) options[TUNNEL_SIGNAL] = out.signal;
    return { secure: way.secure, options };
  };
}

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
    refuseFraming(name);
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
    href: url.href,
    origin: url.origin,
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
    "This fetch sends string, URLSearchParams, ArrayBuffer, typed array and Blob bodies; pass `fetch: globalThis.fetch` for streams and forms.",
  );
}
