/**
 * The smoke scenario in Deno, run twice by the runner:
 * - `permitted` (--allow-env --allow-read): configuration from Deno.env and ovh.conf files;
 * - `bare` (--allow-net=127.0.0.1 alone): explicit options work, and a missing value names the
 *   permission that would have let it be read.
 */
import * as proxy from "@asyncovh/proxy";
import * as asyncovh from "asyncovh";
import { configFileSteps, entryStep } from "../shared/config-steps.mjs";
import { proxyStep } from "../shared/proxy-step.mjs";
import { createReport, equal, rejectsWith, smoke, visitWithFetch } from "../shared/scenario.mjs";

const [mode, json] = Deno.args;
const context = JSON.parse(json);
const report = createReport(`deno ${Deno.version.deno} (${mode})`);
await entryStep(report, import.meta.resolve("asyncovh"), "deno");

let client;
if (mode === "permitted") {
  client = new asyncovh.Client();
  await report.step("config: Deno.env", async () => {
    await client.init();
    equal(client.endpoint, context.baseUrl, "endpoint from OVH_ENDPOINT");
    equal(client.applicationKey, context.applicationKey, "key from OVH_APPLICATION_KEY");
  });
  await configFileSteps(report, asyncovh, context.files);
} else {
  const explicit = {
    endpoint: context.baseUrl,
    applicationKey: context.applicationKey,
    applicationSecret: context.applicationSecret,
  };
  client = new asyncovh.Client({ ...explicit, consumerKey: context.consumerKey });
  await report.step("config: explicit options, without --allow-env/--allow-read", async () => {
    equal(Deno.permissions.querySync({ name: "env" }).state !== "granted", true, "env denied");
    equal(Deno.permissions.querySync({ name: "read" }).state !== "granted", true, "read denied");
    await client.init();
    equal(client.endpoint, context.baseUrl, "endpoint from the options");
  });
  await report.step("bad config: missing endpoint names --allow-env", async () => {
    await rejectsWith(
      new asyncovh.Client().init(),
      asyncovh.InvalidRegion,
      "--allow-env=OVH_ENDPOINT",
    );
  });
  await report.step("bad config: missing key names --allow-env and --allow-read", async () => {
    const partial = new asyncovh.Client({ endpoint: context.baseUrl, applicationKey: "ak" });
    await rejectsWith(partial.get("/me"), asyncovh.InvalidKey, "--allow-env=", "--allow-read=");
  });
  await report.step("bad config: configFile names --allow-read", async () => {
    await rejectsWith(
      new asyncovh.Client().init({ configFile: context.files.good }),
      asyncovh.InvalidConfiguration,
      `--allow-read=${context.files.good}`,
    );
  });
}

await smoke(report, {
  asyncovh,
  client,
  ckClient: new asyncovh.Client({
    endpoint: context.baseUrl,
    applicationKey: context.applicationKey,
    applicationSecret: context.applicationSecret,
  }),
  visit: visitWithFetch,
  callbackUrl: context.callbackUrl,
});
await proxyStep(report, proxy, client);
console.log(`SMOKE-RESULT ${JSON.stringify(report)}`);
