/** Where the runtimes installed as devDependencies of runtime-tests keep their binaries. */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

export const binaries = {
  /** The machine's Node.js, which runs this runner. */
  node20: process.execPath,
  node22: join(packageDir("node22"), "bin", "node"),
  node24: join(packageDir("node24"), "bin", "node"),
  bun: join(packageDir("bun"), "bin", "bun.exe"),
  deno: join(packageDir("deno"), "deno"),
  workerd: join(packageDir("workerd"), "bin", "workerd"),
  chromium: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
};
