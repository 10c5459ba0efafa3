/**
 * @module
 * `@asyncovh/node`: the asyncovh client for Node.js and Bun, configured from options, then
 * `OVH_*` environment variables, then /etc/ovh.conf, ~/.ovh.conf, ~/.ovhrc and ./ovh.conf.
 */
import {
  type ClientOptions,
  Client as CoreClient,
  type ProjectRoutes,
  type RouteMap,
  SHA1,
  TIMERS,
} from "@asyncovh/core";
import { nodeConfigLoader } from "./config-loader.ts";
import { defaultTransport } from "./default-transport.ts";
import { nodeSha1 } from "./sha1.ts";
import { nodeTimers } from "./timers.ts";

export * from "@asyncovh/core";
export {
  type ConfigFileLocations,
  createNodeConfigLoader,
  defaultConfigFiles,
  nodeConfigLoader,
} from "./config-loader.ts";
export { createNodeFetch, type NodeFetchOptions } from "./node-fetch.ts";

/**
 * The client, reading its configuration from the Node/Bun environment and ovh.conf files. Under
 * Node its transport is `createNodeFetch()` (HTTP/1.1 on kept-alive sockets of its own) unless
 * `fetch` is given; it signs with `node:crypto`'s SHA-1, and its attempts share one deadline
 * timer, unref'd while it is idle.
 */
export class Client<R extends RouteMap = ProjectRoutes> extends CoreClient<R> {
  constructor(options: ClientOptions = {}) {
    super({
      loadConfig: nodeConfigLoader,
      [SHA1]: nodeSha1,
      [TIMERS]: nodeTimers,
      ...options,
      fetch: options.fetch ?? defaultTransport(),
    });
  }
}
