/**
 * @module
 * `@asyncovh/deno`: the asyncovh client for Deno, configured from options, then `OVH_*`
 * variables of `Deno.env`, then /etc/ovh.conf, ~/.ovh.conf, ~/.ovhrc and ./ovh.conf. It runs
 * without `--allow-env` / `--allow-read` when every value is passed as an option; a missing value
 * names the permission that would have let it be read.
 */
import {
  type ClientOptions,
  Client as CoreClient,
  type ProjectRoutes,
  type RouteMap,
} from "@asyncovh/core";
import { settingsFrom } from "@asyncovh/core/internal";
import { denoConfigLoader } from "./config-loader.ts";

const DENO_SETTINGS = settingsFrom(denoConfigLoader);

export * from "@asyncovh/core";

/**
 * The client, reading its configuration from `Deno.env` and ovh.conf files. It signs with
 * core's SHA-1 (@noble/hashes): Deno's native one sits in `node:crypto`, whose import alone
 * takes about 40 ms, the cost of some 6,000 signatures.
 */
export class Client<R extends RouteMap = ProjectRoutes> extends CoreClient<R> {
  /** A client configured by `options`, then `Deno.env`, then the ovh.conf files. */
  constructor(options: ClientOptions = {}) {
    super({ loadConfig: DENO_SETTINGS, ...options });
  }
}
