/**
 * @module
 * `@asyncovh/node`: the asyncovh client for Node.js and Bun, configured from options, then
 * `OVH_*` environment variables, then /etc/ovh.conf, ~/.ovh.conf, ~/.ovhrc and ./ovh.conf.
 */
import { type ClientOptions, Client as CoreClient } from "@asyncovh/core";
import { nodeConfigLoader } from "./config-loader.ts";
import { defaultTransport } from "./default-transport.ts";

export * from "@asyncovh/core";
export { createNodeFetch, type NodeFetchOptions } from "./node-fetch.ts";

/**
 * The client, reading its configuration from the Node/Bun environment and ovh.conf files. Under
 * Node its transport is `createNodeFetch()` (HTTP/1.1 on kept-alive sockets of its own) unless
 * `fetch` is given.
 */
export class Client extends CoreClient {
  constructor(options: ClientOptions = {}) {
    super({
      loadConfig: nodeConfigLoader,
      ...options,
      fetch: options.fetch ?? defaultTransport(),
    });
  }
}
