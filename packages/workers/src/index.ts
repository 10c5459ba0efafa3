/**
 * @module
 * `@asyncovh/workers`: the asyncovh client for Cloudflare Workers, configured from options,
 * then the Worker's `OVH_*` env bindings.
 */
import {
  type ClientOptions,
  Client as CoreClient,
  type ProjectRoutes,
  type RouteMap,
} from "@asyncovh/core";
import { settingsFrom } from "@asyncovh/core/internal";
import { createWorkersConfigLoader, type WorkerEnv } from "./config-loader.ts";

export * from "@asyncovh/core";
export type { WorkerEnv } from "./config-loader.ts";

/** The options of the Workers client: core's, and the Worker's `env`. */
export interface WorkersClientOptions extends ClientOptions {
  /** The Worker's env (the second argument of `fetch`), whose `OVH_*` bindings configure it. */
  env?: WorkerEnv | undefined;
}

/** The client, reading its configuration from a Worker's env bindings. */
export class Client<R extends RouteMap = ProjectRoutes> extends CoreClient<R> {
  /** A client configured by `options`, then the `OVH_*` bindings of `env`. */
  constructor({ env, ...options }: WorkersClientOptions = {}) {
    super({ loadConfig: settingsFrom(createWorkersConfigLoader(env)), ...options });
  }
}

/** `clientFromEnv(env)`: a client configured by a Worker's `OVH_*` bindings. */
export const clientFromEnv = <R extends RouteMap = ProjectRoutes>(
  env: WorkerEnv,
  options: ClientOptions = {},
): Client<R> => new Client<R>({ ...options, env });
