/**
 * @module
 * The transport of a Node client given no `fetch`. Under Node: `createNodeFetch({ proxy })`,
 * Node's own HTTP stack, through the proxy of the environment unless told otherwise. Under Bun:
 * Bun's own fetch, which is native there and reads the proxy variables itself; a `proxy` option
 * is handed to it (Bun's fetch takes `proxy`, and goes direct with `proxy: false`).
 */
import { type FetchLike, InvalidConfiguration } from "@asyncovh/core";
import { createNodeFetch } from "./node-fetch.ts";
import { type ProxyOption, parseProxy } from "./proxy-settings.ts";

export function defaultTransport(
  proxy: ProxyOption,
  versions: Record<string, string | undefined> = process.versions,
): FetchLike | undefined {
  if (versions.bun === undefined) return createNodeFetch({ proxy });
  if (proxy === undefined) return undefined;
  if (proxy !== false && typeof proxy !== "string") {
    throw new InvalidConfiguration("proxy must be a proxy URL, or false for none.");
  }
  const given = proxy === false ? false : parseProxy(proxy, "The proxy option").url.href;
  return (input, init) => globalThis.fetch(input, { ...init, proxy: given } as RequestInit);
}
