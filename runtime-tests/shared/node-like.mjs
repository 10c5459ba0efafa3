/**
 * The steps of the runtimes that run the Node adapter (Node.js and Bun): configuration from the
 * `OVH_*` environment variables and from ovh.conf files, then the shared scenario.
 */
import * as proxy from "@asyncovh/proxy";
import { configFileSteps } from "./config-steps.mjs";
import { networkProxyStep } from "./network-proxy-step.mjs";
import { proxyStep } from "./proxy-step.mjs";
import { createReport, equal, smoke, visitWithFetch } from "./scenario.mjs";

export async function nodeLikeSmoke(runtime, asyncovh, context, before) {
  const report = createReport(runtime);
  await before(report);
  const client = new asyncovh.Client();
  await report.step("config: OVH_* environment variables", async () => {
    await client.init();
    equal(client.endpoint, context.baseUrl, "endpoint from OVH_ENDPOINT");
    equal(client.applicationKey, context.applicationKey, "key from OVH_APPLICATION_KEY");
  });
  await configFileSteps(report, asyncovh, context.files);
  await smoke(report, {
    asyncovh,
    client,
    // Its consumer key (from the environment) is replaced by the one it requests.
    ckClient: new asyncovh.Client(),
    visit: visitWithFetch,
    callbackUrl: context.callbackUrl,
  });
  await proxyStep(report, proxy, client);
  await networkProxyStep(report, asyncovh, context);
  return report;
}
