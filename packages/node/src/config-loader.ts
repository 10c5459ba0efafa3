/**
 * @module
 * Configuration sources of Node.js and Bun: `process.env` and the ovh.conf files.
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { InvalidConfiguration } from "@asyncovh/core";
import type { ConfigLoader, IniFile } from "@asyncovh/core/internal";

/** Where the default files live; tests point them at a temporary directory. */
export interface ConfigFileLocations {
  /** The system-wide file (default `/etc/ovh.conf`). */
  systemFile?: string | undefined;
  /** The user's home directory (default `os.homedir()`, which follows `$HOME`). */
  home?: string | undefined;
  /** The working directory, where `./ovh.conf` is looked for (default `process.cwd()`). */
  cwd?: string | undefined;
}

/** The default files, weakest first: a later file overrides an earlier one. */
export const defaultConfigFiles = (locations: ConfigFileLocations = {}): string[] => {
  const home = locations.home ?? homedir();
  return [
    locations.systemFile ?? "/etc/ovh.conf",
    join(home, ".ovh.conf"),
    join(home, ".ovhrc"),
    resolve(locations.cwd ?? process.cwd(), "ovh.conf"),
  ];
};

const expandHome = (path: string, home: string): string =>
  path === "~" || path.startsWith("~/") ? join(home, path.slice(1)) : path;

async function readIni(path: string, required: boolean): Promise<IniFile | undefined> {
  try {
    return { path, text: await readFile(path, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!required && (code === "ENOENT" || code === "ENOTDIR")) return undefined;
    throw new InvalidConfiguration(`Cannot read config file ${path}: ${code ?? String(error)}`, {
      cause: error,
    });
  }
}

/**
 * A loader reading `process.env` and the default files (see {@link defaultConfigFiles}); with
 * `configFile`, that file alone and no environment.
 */
export function createNodeConfigLoader(locations: ConfigFileLocations = {}): ConfigLoader {
  return async ({ configFile }) => {
    if (configFile !== undefined) {
      const file = await readIni(expandHome(configFile, locations.home ?? homedir()), true);
      return { files: file ? [file] : [] };
    }
    const files = await Promise.all(
      defaultConfigFiles(locations).map((path) => readIni(path, false)),
    );
    return { env: process.env, files: files.filter((file): file is IniFile => file !== undefined) };
  };
}

/** Reads `process.env` and the ini files; with `configFile`, that file alone. */
export const nodeConfigLoader: ConfigLoader = createNodeConfigLoader();
