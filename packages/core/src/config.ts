/**
 * @module
 * Configuration as data: which option comes from which environment variable and ini key, and
 * the pure merge of the three sources (options > environment > ini files). Adapters only read
 * the sources of their runtime and hand them over as a {@link ConfigSources}.
 */
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

/** Settings that can come from options, the environment or ini files. */
export interface Credentials {
  /** An endpoint name (`ovh-eu`, …) or an absolute base URL. */
  endpoint?: string | undefined;
  /** The application key (`OVH_APPLICATION_KEY`, `application_key`). */
  applicationKey?: string | undefined;
  /** The application secret (`OVH_APPLICATION_SECRET`, `application_secret`). */
  applicationSecret?: string | undefined;
  /** The consumer key (`OVH_CONSUMER_KEY`, `consumer_key`). */
  consumerKey?: string | undefined;
  /** An OAuth2 service account's client id (`OVH_CLIENT_ID`, `client_id`). */
  clientId?: string | undefined;
  /** Its client secret (`OVH_CLIENT_SECRET`, `client_secret`). */
  clientSecret?: string | undefined;
  /** An OAuth2 access token obtained elsewhere (`OVH_ACCESS_TOKEN`, `access_token`). */
  accessToken?: string | undefined;
}

/** Option name -> [environment variable, ini key]. */
export const CONFIG_KEYS: Readonly<
  Record<keyof Credentials, readonly [variable: string, iniKey: string]>
> = Object.freeze({
  endpoint: ["OVH_ENDPOINT", "endpoint"],
  applicationKey: ["OVH_APPLICATION_KEY", "application_key"],
  applicationSecret: ["OVH_APPLICATION_SECRET", "application_secret"],
  consumerKey: ["OVH_CONSUMER_KEY", "consumer_key"],
  clientId: ["OVH_CLIENT_ID", "client_id"],
  clientSecret: ["OVH_CLIENT_SECRET", "client_secret"],
  accessToken: ["OVH_ACCESS_TOKEN", "access_token"],
} as const);

/** Environment variables by name. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;
/** An ini file read: section name -> key -> value. */
export type IniSections = Record<string, Record<string, string>>;

/** An ini file's path (for messages) and text. */
export interface IniFile {
  /** Where it was read, for messages. */
  path: string;
  /** Its text. */
  text: string;
}

/** What an adapter found in its runtime; files are listed from weakest to strongest. */
export interface ConfigSources {
  /** The environment variables. */
  env?: EnvRecord | undefined;
  /**
   * The ini files read (`[]` when none was found). Absent where the runtime reads no file (a
   * Worker): "missing value" errors then send no one to ovh.conf.
   */
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

/** The client's settings from its options and a runtime's sources, as `settingsFrom` gives them. */
export interface LoadedSettings {
  /** Each setting from the options, else the environment, else the ini files. */
  settings: Credentials;
  /** The sources' notes, for "missing value" errors. */
  notes: readonly string[];
  /** Whether the runtime reads ovh.conf files, for the same errors. */
  readsFiles: boolean;
}

/** The client's `loadConfig`: its options merged with the runtime's sources. */
export type SettingsLoader = (request: {
  configFile?: string | undefined;
  options: Credentials;
}) => Promise<LoadedSettings>;

const SECTION = /^\[([^\]]+)\]$/;
// configparser's delimiters: the first `=` or `:` ends the key.
const KEY_VALUE = /^([^=:[]+)[=:](.*)$/;

/** Sets an own property, even one named `__proto__`: a file must not reach any prototype. */
function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * Parses an ovh.conf file as python-ovh's configparser does: `[section]` headers, `key = value`
 * lines (keys lower-cased, both sides stripped of blanks, the value otherwise taken literally:
 * no inline comments, no quotes removed, so any secret reads back as written), and whole-line
 * `;`/`#` comments. Malformed lines are refused with the file and line number (never the line
 * itself: it may hold a secret).
 */
export function parseIni(file: IniFile): IniSections {
  const sections: IniSections = {};
  let current: Record<string, string> | undefined;
  file.text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) return;
    const header = SECTION.exec(line);
    if (header) {
      const name = header[1] as string;
      if (!Object.hasOwn(sections, name)) setOwn(sections, name, {});
      current = sections[name];
      return;
    }
    const where = `${file.path}:${index + 1}`;
    const pair = KEY_VALUE.exec(line);
    if (!pair) {
      throw new InvalidConfiguration(
        `${where}: malformed line; expected "[section]", "key = value" or a ";"/"#" comment.`,
      );
    }
    if (current === undefined) {
      throw new InvalidConfiguration(
        `${where}: "key = value" before any "[section]" header; start the file with [default].`,
      );
    }
    setOwn(current, (pair[1] as string).trim().toLowerCase(), (pair[2] as string).trim());
  });
  return sections;
}

/** Merges parsed files, a later file overriding an earlier one key by key. */
export function mergeIni(files: readonly IniSections[]): IniSections {
  const merged: IniSections = {};
  for (const file of files) {
    for (const [name, section] of Object.entries(file)) {
      setOwn(merged, name, { ...(Object.hasOwn(merged, name) ? merged[name] : {}), ...section });
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

/**
 * The client's loader from a runtime's reader of sources. Adapters wrap theirs with it, so the
 * ini parser travels with the runtimes that read files, and a page's bundle goes without it.
 */
export const settingsFrom =
  (read: ConfigLoader): SettingsLoader =>
  async ({ configFile, options }) => {
    const sources = await read({ configFile });
    return {
      settings: resolveSources(options, sources),
      notes: sources.notes ?? [],
      // A Worker reads no file: no message sends its user to one.
      readsFiles: sources.files !== undefined,
    };
  };
