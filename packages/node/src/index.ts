/**
 * @module
 * `@asyncovh/node`: the asyncovh client for Node.js and Bun, configured from options, then
 * `OVH_*` environment variables, then /etc/ovh.conf, ~/.ovh.conf, ~/.ovhrc and ./ovh.conf.
 */
import {
  Client as CoreClient,
  type ClientOptions as CoreClientOptions,
  InvalidConfiguration,
  type ProjectRoutes,
  type RouteMap,
} from "@asyncovh/core";
import { settingsFrom } from "@asyncovh/core/internal";
import { nodeConfigLoader } from "./config-loader.ts";
import { defaultTransport } from "./default-transport.ts";

const NODE_SETTINGS = settingsFrom(nodeConfigLoader);

export * from "@asyncovh/core";
export { createNodeFetch, type NodeFetchOptions } from "./node-fetch.ts";

export interface ClientOptions extends CoreClientOptions {
  /**
   * The proxy of every call: a URL (`http://user:password@proxy.example:3128`), or `false` for
   * none. By default, `https_proxy`/`HTTPS_PROXY`, `http_proxy` and `no_proxy`/`NO_PROXY` are
   * read when the client is made (see docs/guide/runtimes.md); not with `fetch`.
   */
  proxy?: string | false | undefined;
}

/**
 * The client, reading its configuration from the Node/Bun environment and ovh.conf files. Under
 * Node its transport is `createNodeFetch({ proxy })` (node:https with keep-alive agents) unless
 * `fetch` is given; under Bun, Bun's fetch.
 */
export class Client<R extends RouteMap = ProjectRoutes> extends CoreClient<R> {
  constructor(options: ClientOptions = {}) {
    const { proxy, ...rest } = options;
    if (proxy !== undefined && rest.fetch !== undefined) {
      throw new InvalidConfiguration(
        "proxy and fetch are both given: a fetch of your own decides how it connects; give it the proxy, or drop one of the two options.",
      );
    }
    super({
      loadConfig: NODE_SETTINGS,
      ...rest,
      fetch: rest.fetch ?? defaultTransport(proxy),
    });
  }
}
