import type { Options } from "tsup";

/** The build every library package shares: ESM with declarations, for ES2022 runtimes. */
export const library = (entry: string[]): Options => ({
  entry,
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
});
