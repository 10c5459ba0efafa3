/**
 * @module
 * `@asyncovh/deno`: the asyncovh client for Deno, configured from options, then `OVH_*`
 * variables of `Deno.env`, then /etc/ovh.conf, ~/.ovh.conf, ~/.ovhrc and ./ovh.conf. It runs
 * without `--allow-env` / `--allow-read` when every value is passed as an option; a missing value
 * names the permission that would have let it be read.
 */
import { type ClientOptions, Client as CoreClient, SHA1 } from "@asyncovh/core";
import { denoConfigLoader } from "./config-loader.ts";
import { denoSha1 } from "./sha1.ts";

export * from "@asyncovh/core";
export {
  createDenoConfigLoader,
  type DenoConfigFileLocations,
  type DenoNamespace,
  denoConfigLoader,
} from "./config-loader.ts";

/**
 * The client, reading its configuration from `Deno.env` and ovh.conf files; it signs with
 * Deno's native SHA-1 (`node:crypto`).
 */
export class Client extends CoreClient {
  constructor(options: ClientOptions = {}) {
    super({ loadConfig: denoConfigLoader, [SHA1]: denoSha1, ...options });
  }
}
