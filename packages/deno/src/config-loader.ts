/**
 * @module
 * Configuration sources of Deno: `Deno.env` and the ovh.conf files, read only where a
 * permission is already granted. Deno would otherwise prompt, or throw `NotCapable`; instead the
 * unread sources become notes that end any "missing value" error with the flag to add.
 */
import { InvalidConfiguration } from "@asyncovh/core";
import {
  CONFIG_KEYS,
  type ConfigLoader,
  type ConfigSources,
  type IniFile,
} from "@asyncovh/core/internal";

/** The part of the `Deno` namespace the loader uses. */
export interface DenoNamespace {
  /** `Deno.env`: the variables. */
  env: { get(name: string): string | undefined };
  /** `Deno.permissions`: asked before anything is read, so that Deno never prompts. */
  permissions: {
    querySync(descriptor: { name: "env"; variable: string } | { name: "read"; path: string }): {
      state: "granted" | "prompt" | "denied";
    };
  };
  /** `Deno.readTextFile`: reads an ovh.conf file. */
  readTextFile(path: string): Promise<string>;
  /** `Deno.cwd`: where `./ovh.conf` is. */
  cwd(): string;
  /** `Deno.build`: the OS, for the home directory's variable. */
  build: { os: string };
  /** `Deno.errors`: a missing file is no error. */
  errors: { NotFound: abstract new (...args: never[]) => Error };
}

/** What `Deno.permissions.querySync` is asked. */
type PermissionQuery = Parameters<DenoNamespace["permissions"]["querySync"]>[0];

/** Every variable the loader reads: the `OVH_*` ones, and the home directory. */
const variables = (deno: DenoNamespace): string[] => [
  ...Object.values(CONFIG_KEYS).map(([envName]) => envName),
  deno.build.os === "windows" ? "USERPROFILE" : "HOME",
];

const granted = (deno: DenoNamespace, descriptor: PermissionQuery): boolean =>
  deno.permissions.querySync(descriptor).state === "granted";

function readEnv(deno: DenoNamespace, name: string): string | undefined {
  return granted(deno, { name: "env", variable: name }) ? deno.env.get(name) : undefined;
}

function home(deno: DenoNamespace): string | undefined {
  return readEnv(deno, deno.build.os === "windows" ? "USERPROFILE" : "HOME");
}

function workingDirectory(deno: DenoNamespace): string | undefined {
  return granted(deno, { name: "read", path: "." }) ? deno.cwd() : undefined;
}

async function readIni(
  deno: DenoNamespace,
  path: string,
  required: boolean,
): Promise<IniFile | undefined> {
  try {
    return { path, text: await deno.readTextFile(path) };
  } catch (error) {
    if (!required && error instanceof deno.errors.NotFound) return undefined;
    throw new InvalidConfiguration(
      `Cannot read config file ${path}: ${(error as Error).name}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Where the default files are looked for; tests point them at a temporary directory. */
export interface DenoConfigFileLocations {
  /** The system-wide file (default `/etc/ovh.conf`). */
  systemFile?: string | undefined;
  /** The home directory (default `$HOME`, read only with `--allow-env=HOME`). */
  home?: string | undefined;
  /** The working directory, where `./ovh.conf` is looked for (default `Deno.cwd()`). */
  cwd?: string | undefined;
}

/**
 * A loader reading `Deno.env` and /etc/ovh.conf, ~/.ovh.conf, ~/.ovhrc and ./ovh.conf (weakest
 * first), each only when its permission is granted; with `configFile`, that file alone.
 */
export function createDenoConfigLoader(
  locations: DenoConfigFileLocations = {},
  namespace?: DenoNamespace,
): ConfigLoader {
  return async ({ configFile }): Promise<ConfigSources> => {
    const deno = namespace ?? (globalThis as { Deno?: DenoNamespace }).Deno;
    if (deno === undefined) {
      throw new InvalidConfiguration(
        'The Deno config loader runs in Deno only: import { Client } from "asyncovh" to get the one of this runtime.',
      );
    }
    const homeDir = locations.home ?? home(deno);
    if (configFile !== undefined) {
      return { files: [await readConfigFile(deno, configFile, homeDir)] };
    }

    const names = variables(deno);
    const envDenied = names.filter((name) => !granted(deno, { name: "env", variable: name }));
    const env: Record<string, string | undefined> = {};
    for (const name of names) env[name] = readEnv(deno, name);

    const cwd = locations.cwd ?? workingDirectory(deno);
    const paths = [
      locations.systemFile ?? "/etc/ovh.conf",
      homeDir === undefined ? undefined : `${homeDir}/.ovh.conf`,
      homeDir === undefined ? undefined : `${homeDir}/.ovhrc`,
      cwd === undefined ? "ovh.conf" : `${cwd}/ovh.conf`,
    ].filter((path): path is string => path !== undefined);
    const readable = paths.filter((path) => granted(deno, { name: "read", path }));
    const readDenied = paths.filter((path) => !readable.includes(path));
    const files = await Promise.all(readable.map((path) => readIni(deno, path, false)));

    const notes: string[] = [];
    if (envDenied.length > 0) {
      notes.push(
        `Deno did not let asyncovh read ${envDenied.join(", ")}: run with --allow-env=${envDenied.join(",")} (or --allow-env).`,
      );
    }
    // Without HOME, the home files are not looked for; the note above already names HOME.
    if (homeDir === undefined && envDenied.length === 0) {
      notes.push("~/.ovh.conf and ~/.ovhrc were not looked for: HOME is not set.");
    }
    if (readDenied.length > 0) {
      notes.push(
        `Deno did not let asyncovh read ${readDenied.join(", ")}: run with --allow-read=${readDenied.join(",")} (or --allow-read).`,
      );
    }
    return {
      env,
      files: files.filter((file): file is IniFile => file !== undefined),
      notes,
    };
  };
}

async function readConfigFile(
  deno: DenoNamespace,
  configFile: string,
  homeDir: string | undefined,
): Promise<IniFile> {
  let path = configFile;
  if (configFile === "~" || configFile.startsWith("~/")) {
    if (homeDir === undefined) {
      throw new InvalidConfiguration(
        `Cannot expand ~ in config file ${configFile}: Deno did not let asyncovh read HOME; run with --allow-env=HOME.`,
      );
    }
    path = `${homeDir}${configFile.slice(1)}`;
  }
  if (!granted(deno, { name: "read", path })) {
    throw new InvalidConfiguration(
      `Cannot read config file ${path}: Deno did not grant read access; run with --allow-read=${path}.`,
    );
  }
  return (await readIni(deno, path, true)) as IniFile;
}

/** Reads `Deno.env` and the ovh.conf files, each where Deno already grants it. */
export const denoConfigLoader: ConfigLoader = createDenoConfigLoader();
