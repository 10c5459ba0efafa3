/**
 * @module
 * The `node:http` and `node:https` agents requests go through, all keeping connections alive:
 * one pair shared by the whole process for direct requests (made at the first request), and
 * for each proxy, an agent whose TLS connections to https: targets run in a CONNECT tunnel
 * through it. A request to an http: target through a proxy goes to the proxy itself, in
 * absolute form, on the shared agent of the proxy's scheme.
 */
import type http from "node:http";
import type https from "node:https";
import type { Duplex } from "node:stream";
import { NetworkError } from "@asyncovh/core";
import type { SignalLike } from "@asyncovh/core/internal";
import { requireBuiltin } from "./builtins.ts";
import type { ProxyServer } from "./proxy-settings.ts";

export interface Builtins {
  http: typeof http;
  https: typeof https;
}

let builtins: Builtins | undefined;
/** node:http and node:https, loaded at the first request rather than at import. */
export const net = (): Builtins => {
  builtins ??= { http: requireBuiltin("node:http"), https: requireBuiltin("node:https") };
  return builtins;
};

export interface Agents {
  "http:": http.Agent;
  "https:": https.Agent;
}

let shared: Agents | undefined;

/** The process's agents for direct requests, kept alive (Node's own defaults otherwise). */
export function sharedAgents(): Agents {
  if (shared === undefined) {
    const { http, https } = net();
    shared = {
      "http:": new http.Agent({ keepAlive: true }),
      "https:": new https.Agent({ keepAlive: true }),
    };
  }
  return shared;
}

/** The option under which a request hands its abort signal to the tunnel it waits for. */
export const TUNNEL_SIGNAL = "asyncovhTunnelSignal";

const tunnels = new Map<string, https.Agent>();

/**
 * The agent of https: requests through `proxy`: one per proxy URL for the process, so that
 * clients on the same proxy share their tunnels.
 */
export function tunnelAgent(proxy: ProxyServer): https.Agent {
  let agent = tunnels.get(proxy.url.href);
  if (agent === undefined) {
    agent = createTunnelAgent(proxy);
    tunnels.set(proxy.url.href, agent);
  }
  return agent;
}

type ConnectionOptions = https.RequestOptions & {
  [TUNNEL_SIGNAL]?: SignalLike | undefined;
  socket?: Duplex;
};

function createTunnelAgent(proxy: ProxyServer): https.Agent {
  const { https } = net();
  const agent = new https.Agent({ keepAlive: true });
  // TLS to the target, as https.Agent does it (host name checked, sessions resumed), on the
  // tunnel's socket instead of a connection of its own.
  const overTls = agent.createConnection.bind(agent);
  agent.createConnection = (options: ConnectionOptions, done) => {
    openTunnel(proxy, options.host ?? "localhost", Number(options.port), options[TUNNEL_SIGNAL])
      .then((socket) =>
        done?.(null, overTls({ ...options, socket } as ConnectionOptions) as Duplex),
      )
      .catch((error: Error) => done?.(error, undefined as never));
    return undefined;
  };
  return agent;
}

/** `host:port` as a CONNECT request names it, an IPv6 address in brackets. */
const authority = (host: string, port: number) =>
  `${host.includes(":") ? `[${host}]` : host}:${port}`;

/** Asks `proxy` for a tunnel to host:port; resolves with the tunnel's socket. */
function openTunnel(
  proxy: ProxyServer,
  host: string,
  port: number,
  signal: SignalLike | undefined,
): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const { url, authorization } = proxy;
    const target = authority(host, port);
    const headers: Record<string, string> = { host: target };
    if (authorization !== undefined) headers["proxy-authorization"] = authorization;
    const { http, https } = net();
    const connect = (url.protocol === "https:" ? https : http).request({
      hostname: url.hostname,
      port: url.port,
      method: "CONNECT",
      path: target,
      headers,
      agent: false,
    });
    const onAbort = () => {
      connect.destroy();
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    connect.once("connect", (res: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      signal?.removeEventListener("abort", onAbort);
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        if (head.byteLength > 0) socket.unshift(head);
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(refused(url, target, status, res.statusMessage));
    });
    connect.once("error", (error) => {
      signal?.removeEventListener("abort", onAbort);
      reject(
        new TypeError(`The proxy ${url.origin} could not be reached: ${error.message}`, {
          cause: error,
        }),
      );
    });
    connect.end();
  });
}

/** The error of a proxy that refused a tunnel: typed, naming the proxy without credentials. */
function refused(url: URL, target: string, status: number, text: string | undefined): NetworkError {
  const answer = `${status}${text ? ` ${text}` : ""}`;
  const hint =
    status === 407
      ? url.username
        ? "it refused the credentials of the proxy URL"
        : "it wants credentials: put them in the proxy URL (http://user:password@proxy:port)"
      : "check that it allows tunnels to this host and port";
  return new NetworkError(
    `The proxy ${url.origin} answered ${answer} to CONNECT ${target}: ${hint}.`,
    { errorCode: status === 407 ? "PROXY_AUTHENTICATION_REQUIRED" : "PROXY_REFUSED" },
  );
}
