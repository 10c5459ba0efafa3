// Runs in Node.js, Bun and Deno from the installed tarballs: every export imports, asyncovh is
// the runtime's entry, and a signed call reaches the mock served on 127.0.0.1 (serve-mock.mjs).
// Prints `PACKAGE-SMOKE {json}` with one line per step.
import { createRequire } from "node:module";

const context = JSON.parse((globalThis.Deno?.args ?? process.argv.slice(2)).at(-1));
const runtime = globalThis.Deno ? "deno" : globalThis.Bun ? "bun" : "node";
/** The adapter whose Client `import "asyncovh"` must give in each runtime. */
const ADAPTER = { node: "@asyncovh/node", bun: "@asyncovh/node", deno: "@asyncovh/deno" };

const steps = [];
async function step(name, check) {
  try {
    await check();
    steps.push({ name, ok: true });
  } catch (error) {
    steps.push({ name, ok: false, error: String(error?.stack ?? error) });
  }
}
const assert = (condition, message) => {
  if (!condition) throw new Error(message);
};

await step(`every export imports (${context.exports.length})`, async () => {
  for (const specifier of context.exports) await import(specifier);
});

await step(`"asyncovh" is the entry of ${ADAPTER[runtime]}`, async () => {
  const [asyncovh, adapter] = await Promise.all([import("asyncovh"), import(ADAPTER[runtime])]);
  assert(asyncovh.Client === adapter.Client, "asyncovh's Client is not the adapter's");
  assert(
    (typeof asyncovh.createNodeFetch === "function") === (ADAPTER[runtime] === "@asyncovh/node"),
    "createNodeFetch is exported where it does not work, or missing where it does",
  );
});

await step("signed GET /me on the mock over HTTP", async () => {
  const { Client } = await import("asyncovh");
  const client = new Client({
    endpoint: context.baseUrl,
    applicationKey: context.applicationKey,
    applicationSecret: context.applicationSecret,
    consumerKey: context.consumerKey,
  });
  const me = await client.get("/me");
  assert(typeof me.nichandle === "string", `unexpected answer ${JSON.stringify(me)}`);
});

if (runtime !== "deno") {
  await step('require("asyncovh") (an ES module, through require)', async () => {
    const asyncovh = createRequire(import.meta.url)("asyncovh");
    assert(typeof asyncovh.Client === "function", "no Client");
  });
}

const version = globalThis.Deno
  ? `deno ${Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${Bun.version}`
    : `node ${process.versions.node}`;
console.log(`PACKAGE-SMOKE ${JSON.stringify({ runtime: version, steps })}`);
