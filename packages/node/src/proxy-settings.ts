/**
 * @module
 * Which proxy a request goes through: the one given (`proxy` option), none (`proxy: false`), or
 * the environment's, read as curl reads it:
 * - `https_proxy`, else `HTTPS_PROXY`, for https: URLs;
 * - `http_proxy` for http: URLs, and not `HTTP_PROXY`: a CGI program receives a request's
 *   `Proxy:` header as `HTTP_PROXY`, so a server could choose the proxy (httpoxy);
 * - `no_proxy`, else `NO_PROXY`, for the hosts reached directly (see ./no-proxy.ts).
 * An empty variable counts as unset. A value without a scheme is an http:// proxy; http:// and
 * https:// proxies are spoken, anything else (socks5://…) is refused rather than ignored.
 */
import { InvalidConfiguration } from "@asyncovh/core";
import { bypassesProxy } from "./no-proxy.ts";

/** A proxy to send requests through. */
export interface ProxyServer {
  /** The proxy's URL, credentials included. */
  url: URL;
  /** `Basic …` from the URL's user name and password, when it has them. */
  authorization: string | undefined;
}

/** Where requests go, by the target's scheme; `noProxy` lists the hosts reached directly. */
export interface ProxySettings {
  /** A variable that cannot be used is kept as its error, thrown by the first call it routes. */
  "http:": ProxyServer | InvalidConfiguration | undefined;
  "https:": ProxyServer | InvalidConfiguration | undefined;
  noProxy: string;
}

export type ProxyOption = string | false | undefined;

type Env = Record<string, string | undefined>;

const NONE: ProxySettings = Object.freeze({ "http:": undefined, "https:": undefined, noProxy: "" });

/** The first of `names` set to something other than "", with its name. */
function first(env: Env, names: string[]): [string, string] | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return [name, value];
  }
  return undefined;
}

/**
 * Parses a proxy URL; `where` names it in errors, which never repeat the value (it may hold a
 * password).
 */
export function parseProxy(value: string, where: string): ProxyServer {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new InvalidConfiguration(
      `${where} is not a proxy URL such as http://proxy.example:3128 (its value is not shown: it may hold a password).`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidConfiguration(
      `${where} is a ${url.protocol}// proxy; asyncovh's Node transport speaks http:// and https:// proxies only. Unset it, or pass \`proxy: false\` or a \`fetch\` of your own.`,
    );
  }
  let authorization: string | undefined;
  if (url.username || url.password) {
    let user: string;
    let password: string;
    try {
      [user, password] = [decodeURIComponent(url.username), decodeURIComponent(url.password)];
    } catch {
      throw new InvalidConfiguration(
        `${where} has credentials that are not valid percent-encoding (its value is not shown).`,
      );
    }
    authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  }
  return { url, authorization };
}

/** The settings for a `proxy` option, reading `env` when it is undefined. */
export function proxySettings(option: ProxyOption, env: Env): ProxySettings {
  if (option === false) return NONE;
  if (typeof option === "string") {
    const proxy = parseProxy(option, "The proxy option");
    return { "http:": proxy, "https:": proxy, noProxy: "" };
  }
  if (option !== undefined) {
    throw new InvalidConfiguration(
      `proxy must be a proxy URL, false for none, or undefined to read HTTPS_PROXY, http_proxy and NO_PROXY (got ${typeof option}).`,
    );
  }
  const https = first(env, ["https_proxy", "HTTPS_PROXY"]);
  const http = first(env, ["http_proxy"]);
  if (https === undefined && http === undefined) return NONE;
  // Parsed now, failing only where used: an http_proxy meant for other tools (socks5h://…)
  // does not stop a client whose calls are all https.
  const parsed = (entry: [string, string] | undefined) => {
    if (entry === undefined) return undefined;
    try {
      return parseProxy(entry[1], `The ${entry[0]} environment variable`);
    } catch (error) {
      return error as InvalidConfiguration;
    }
  };
  return {
    "https:": parsed(https),
    "http:": parsed(http),
    noProxy: first(env, ["no_proxy", "NO_PROXY"])?.[1] ?? "",
  };
}

/** The proxy that `url` goes through, or undefined to reach it directly. */
export function proxyFor(settings: ProxySettings, url: URL): ProxyServer | undefined {
  const proxy = settings[url.protocol as "http:" | "https:"];
  if (proxy === undefined || bypassesProxy(settings.noProxy, url)) return undefined;
  if (proxy instanceof InvalidConfiguration) throw proxy;
  return proxy;
}
