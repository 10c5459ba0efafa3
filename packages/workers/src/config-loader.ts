/**
 * @module
 * Configuration source of Cloudflare Workers: the Worker's env bindings (secrets and vars).
 * A Worker has no files and no process environment; its bindings reach the code as the `env`
 * argument of `fetch(request, env)`, so the client is handed them.
 */
import { InvalidConfiguration } from "@asyncovh/core";
import {
  CONFIG_KEYS,
  type ConfigLoader,
  type ConfigSources,
  type EnvRecord,
} from "@asyncovh/core/internal";

/**
 * A Worker's `env`: secrets and vars are strings; other bindings (KV, D1, …) are ignored. Any
 * object type is accepted, so that an app's own `interface Env` fits without an index signature.
 */
export type WorkerEnv = object;

const WHERE =
  "In a Worker, set each key as a secret (npx --yes wrangler secret put OVH_APPLICATION_SECRET, and so on) and OVH_ENDPOINT under [vars] in wrangler.toml.";

const describeValue = (value: unknown): string =>
  value === null
    ? "null"
    : /^[aeiou]/.test(typeof value)
      ? `an ${typeof value}`
      : `a ${typeof value}`;

/** A loader reading the `OVH_*` bindings of a Worker's `env`. */
export function createWorkersConfigLoader(env: WorkerEnv | undefined): ConfigLoader {
  return async ({ configFile }): Promise<ConfigSources> => {
    if (configFile !== undefined) {
      throw new InvalidConfiguration(
        `A Worker has no files, so configFile ${JSON.stringify(configFile)} cannot be read: set the OVH_* values as the Worker's secrets or vars and pass its env, new Client({ env }).`,
      );
    }
    if (env === undefined) {
      return {
        env: {},
        notes: [
          "This client was given no Worker env: pass the env argument of fetch(request, env) as new Client({ env }).",
          WHERE,
        ],
      };
    }
    if (env === null || typeof env !== "object") {
      throw new InvalidConfiguration(
        "The Worker env must be the env object of fetch(request, env).",
      );
    }
    const values: Record<string, string | undefined> = {};
    for (const [name] of Object.values(CONFIG_KEYS)) {
      const value = (env as Record<string, unknown>)[name];
      if (value !== undefined && typeof value !== "string") {
        throw new InvalidConfiguration(
          `The Worker binding ${name} is ${describeValue(value)}, not a string: define it as a secret or a var.`,
        );
      }
      values[name] = value;
    }
    // No `files`: a Worker has none, and its errors say so by naming none.
    return { env: values as EnvRecord, notes: [WHERE] };
  };
}
