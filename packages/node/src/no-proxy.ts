/**
 * @module
 * `NO_PROXY` as curl reads it (see curl's CURLOPT_NOPROXY): which hosts are reached directly
 * although a proxy is set. A list of entries separated by commas or white space, where
 * - `*` matches every host;
 * - a host name matches itself and its subdomains (`example.com` matches `api.example.com`, not
 *   `myexample.com`), case-insensitively; a leading `.` (or `*.`) and a trailing `.` are ignored;
 * - an IP address matches that address, and a CIDR range (`10.0.0.0/8`, `fd00::/8`) the
 *   addresses in it; IPv6 addresses are written without brackets, unless a port follows;
 * - `:port` after an entry restricts it to that port (an addition to curl's rules, as in Go
 *   and Node's own NO_PROXY support).
 * A host name entry never matches an IP address nor the other way round: nothing is resolved.
 */
import type net from "node:net";
import { requireBuiltin } from "./builtins.ts";

/** One entry of the list. */
interface Entry {
  /** A host name in lower case without leading or trailing dots, or an IP address or range. */
  host: string;
  /** The prefix length of a range, when the entry is one. */
  bits: number | undefined;
  /** The port it is restricted to. */
  port: string | undefined;
}

/** Splits an entry into host, range and port; undefined when it cannot match anything. */
function parseEntry(token: string): Entry | undefined {
  let rest = token.toLowerCase();
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) {
    rest = bracketed[1] as string;
    port = bracketed[2];
  } else {
    // One colon: a port after a name or an IPv4 address. More: a bare IPv6 address.
    const colon = rest.indexOf(":");
    if (colon >= 0 && colon === rest.lastIndexOf(":")) {
      port = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
      if (!/^\d+$/.test(port)) return undefined;
    }
  }
  let bits: number | undefined;
  const slash = rest.indexOf("/");
  if (slash >= 0) {
    const prefix = rest.slice(slash + 1);
    if (!/^\d+$/.test(prefix)) return undefined;
    bits = Number(prefix);
    rest = rest.slice(0, slash);
  }
  if (rest.startsWith("*.")) rest = rest.slice(1);
  rest = rest.replace(/^\./, "").replace(/\.$/, "");
  return rest === "" ? undefined : { host: rest, bits, port };
}

/** The default port of a URL's scheme when it names none. */
const portOf = (url: URL): string => url.port || (url.protocol === "https:" ? "443" : "80");

/**
 * True when `noProxy` says that `url` is reached directly rather than through the proxy.
 */
export function bypassesProxy(noProxy: string, url: URL): boolean {
  const tokens = noProxy.split(/[\s,]+/).filter(Boolean);
  if (tokens.length === 0) return false;
  const hostname = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = portOf(url);
  const { isIP, BlockList } = requireBuiltin("node:net") as typeof net;
  const family = isIP(hostname);
  const name = hostname.replace(/\.$/, "");
  for (const token of tokens) {
    if (token === "*") return true;
    const entry = parseEntry(token);
    if (entry === undefined || (entry.port !== undefined && entry.port !== port)) continue;
    if (family === 0) {
      // Host names: the name itself, or one of its subdomains.
      if (entry.bits === undefined && (name === entry.host || name.endsWith(`.${entry.host}`))) {
        return true;
      }
      continue;
    }
    const entryFamily = isIP(entry.host);
    if (entryFamily !== family) continue;
    const type = family === 4 ? "ipv4" : "ipv6";
    const range = new BlockList();
    try {
      range.addSubnet(entry.host, entry.bits ?? (family === 4 ? 32 : 128), type);
    } catch {
      // A prefix longer than the address: matches nothing, as in curl.
      continue;
    }
    if (range.check(hostname, type)) return true;
  }
  return false;
}
