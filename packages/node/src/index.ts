/**
 * @module
 * `@asyncovh/node`: the asyncovh client for Node.js and Bun, configured from options, then
 * `OVH_*` environment variables, then /etc/ovh.conf, ~/.ovh.conf, ~/.ovhrc and ./ovh.conf.
 */
import { type ClientOptions, Client as CoreClient } from "@asyncovh/core";
import { nodeConfigLoader } from "./config-loader.ts";

export * from "@asyncovh/core";
export {
  type ConfigFileLocations,
  createNodeConfigLoader,
  defaultConfigFiles,
  nodeConfigLoader,
} from "./config-loader.ts";

/** The client, reading its configuration from the Node/Bun environment and ovh.conf files. */
export class Client extends CoreClient {
  constructor(options: ClientOptions = {}) {
    super({ loadConfig: nodeConfigLoader, ...options });
  }
}
