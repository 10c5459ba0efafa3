/**
 * @module
 * `npx --yes pnpm@10.34.8 --filter @asyncovh/api generate`: writes `types/` from the vendored
 * descriptions in `schemas/`, and the JSR manifest (`deno.json`) that lists them. With `-- --live`, first replaces `schemas/` with what
 * https://eu.api.ovh.com serves now (network needed; never run by tests or CI).
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { generate, jsrManifest, manifestText, writeGenerated } from "./generate.ts";
import { downloadSchemas } from "./live.ts";

// Built to dist/generator/cli.js: the package is two folders up.
const root = fileURLToPath(new URL("../../", import.meta.url));
const schemas = `${root}schemas`;
const out = `${root}types`;

const started = performance.now();
if (process.argv.includes("--live")) {
  const names = await downloadSchemas(schemas);
  console.log(`Downloaded ${names.length} API descriptions from https://eu.api.ovh.com.`);
}
const generated = await generate(schemas);
await writeGenerated(generated, out);
const { version } = JSON.parse(await readFile(`${root}package.json`, "utf8")) as {
  version: string;
};
await writeFile(`${root}deno.json`, manifestText(jsrManifest(generated.apis, version)));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `Generated ${generated.apis.length} APIs (${generated.files.size} files) in ${seconds} s.`,
);
for (const [api, routes] of generated.skipped) {
  console.log(`  ${api}: left out, a body that is not an object: ${routes.join(", ")}`);
}
