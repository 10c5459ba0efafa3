/**
 * @module
 * Configuration as data: which option comes from which environment variable and ini key, and
 * the pure merge of the three sources (options > environment > ini files). Adapters only read
 * the sources of their runtime and hand them over as a {@link ConfigSources}.
 */
import ini from "ini";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

/** Settings that can come from options, the environment or ini files. */
export interface Credentials {
  endpoint?: string | undefined;
  applicationKey?: string | undefined;
  applicationSecret?: string | undefined;
  consumerKey?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  accessToken?: string | undefined;
}

/** Option name -> [environment variable, ini key]. */
export const CONFIG_KEYS = Object.freeze({
  endpoint: ["OVH_ENDPOINT", "endpoint"],
  applicationKey: ["OVH_APPLICATION_KEY", "application_key"],
  applicationSecret: ["OVH_APPLICATION_SECRET", "application_secret"],
  consumerKey: ["OVH_CONSUMER_KEY", "consumer_key"],
  clientId: ["OVH_CLIENT_ID", "client_id"],
  clientSecret: ["OVH_CLIENT_SECRET", "client_secret"],
  accessToken: ["OVH_ACCESS_TOKEN", "access_token"],
} as const satisfies Record<keyof Credentials, readonly [string, string]>);

export type EnvRecord = Readonly<Record<string, string | undefined>>;
export type IniSections = Record<string, Record<string, string>>;

/** An ini file's path (for messages) and text. */
export interface IniFile {
  path: string;
  text: string;
}

/** What an adapter found in its runtime; files are listed from weakest to strongest. */
export interface ConfigSources {
  env?: EnvRecord | undefined;
  files?: readonly IniFile[] | undefined;
  /**
   * Sentences added to "missing value" errors: sources the runtime could not read and what
   * would let them be read (a Deno permission, a Worker binding).
   */
  notes?: readonly string[] | undefined;
}

/**
 * Reads the configuration sources of a runtime. With `configFile` set, only that file is read
 * (no environment); otherwise the environment and the runtime's default files.
 */
export type ConfigLoader = (request: { configFile?: string | undefined }) => Promise<ConfigSources>;

const SECTION = /^\[([^\]]+)\]$/;

/**
 * Parses an ovh.conf file. Malformed lines are refused with the file and line number (never the
 * line itself: it may hold a secret).
 */
export function parseIni(file: IniFile): IniSections {
  const lines = file.text.split(/\r?\n/);
  let inSection = false;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) return;
    if (SECTION.test(line)) {
      inSection = true;
      return;
    }
    const where = `${file.path}:${index + 1}`;
    if (!/^[^=[]+=/.test(line)) {
      throw new InvalidConfiguration(
        `${where}: malformed line; expected "[section]", "key = value" or a ";"/"#" comment.`,
      );
    }
    if (!inSection) {
      throw new InvalidConfiguration(
        `${where}: "key = value" before any "[section]" header; start the file with [default].`,
      );
    }
  });
  // ini nests sections whose names hold dots; URL-named sections must stay flat.
  const escaped = lines.map((line) =>
    line.replace(/^(\s*\[[^\]]*\]\s*)$/, (s) => s.replace(/\./g, "\\.")),
  );
  const parsed = ini.parse(escaped.join("\n")) as Record<string, unknown>;
  const sections: IniSections = {};
  for (const [name, body] of Object.entries(parsed)) {
    if (body === null || typeof body !== "object") continue;
    const section: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) section[key] = String(value);
    sections[name] = section;
  }
  return sections;
}

/** Merges parsed files, a later file overriding an earlier one key by key. */
export function mergeIni(files: readonly IniSections[]): IniSections {
  const merged: IniSections = {};
  for (const file of files) {
    for (const [name, section] of Object.entries(file)) {
      merged[name] = { ...merged[name], ...section };
    }
  }
  return merged;
}

const present = (value: string | undefined): string | undefined =>
  value === undefined || value === "" ? undefined : value;

/**
 * Resolves the settings: each one from the options, else the environment, else the ini section
 * of the endpoint (the endpoint itself from `[default]`).
 */
export function resolveConfig(
  options: Credentials,
  env: EnvRecord = {},
  sections: IniSections = {},
): Credentials {
  const pick = (key: keyof Credentials, section: string | undefined): string | undefined => {
    const [envName, iniKey] = CONFIG_KEYS[key];
    return (
      present(options[key]) ??
      present(env[envName]) ??
      (section === undefined ? undefined : present(sections[section]?.[iniKey]))
    );
  };
  const endpoint = pick("endpoint", "default");
  const resolved: Credentials = { endpoint };
  for (const key of Object.keys(CONFIG_KEYS) as (keyof Credentials)[]) {
    if (key !== "endpoint") resolved[key] = pick(key, endpoint);
  }
  return resolved;
}

/** Reads sources into settings: parse each file, merge, resolve. */
export function resolveSources(options: Credentials, sources: ConfigSources): Credentials {
  const sections = mergeIni((sources.files ?? []).map(parseIni));
  return resolveConfig(options, sources.env, sections);
}
