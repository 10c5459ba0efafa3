/**
 * @module
 * Configuration sources of Node.js and Bun: `process.env` and the ovh.conf files.
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { type ConfigLoader, type IniFile, InvalidConfiguration } from "@asyncovh/core";

/** The default files, weakest first: a later file overrides an earlier one. */
export const defaultConfigFiles = (): string[] => [
  "/etc/ovh.conf",
  join(homedir(), ".ovh.conf"),
  join(homedir(), ".ovhrc"),
  resolve("ovh.conf"),
];

const expandHome = (path: string): string =>
  path === "~" || path.startsWith("~/") ? join(homedir(), path.slice(1)) : path;

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

/** Reads `process.env` and the ini files; with `configFile`, that file alone. */
export const nodeConfigLoader: ConfigLoader = async ({ configFile }) => {
  if (configFile !== undefined) {
    const file = await readIni(expandHome(configFile), true);
    return { files: file ? [file] : [] };
  }
  const files = await Promise.all(defaultConfigFiles().map((path) => readIni(path, false)));
  return { env: process.env, files: files.filter((file): file is IniFile => file !== undefined) };
};
