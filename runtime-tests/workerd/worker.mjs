/**
 * The smoke scenario in workerd, as a real Worker: bundled from the built `asyncovh` with the
 * `workerd` condition, configured by its env bindings, reaching the mock on 127.0.0.1 through
 * its outbound network. `GET /` runs the scenario and answers the report.
 */
import * as proxy from "@asyncovh/proxy";
import * as asyncovh from "asyncovh";
import { proxyStep } from "../shared/proxy-step.mjs";
import {
  check,
  createReport,
  equal,
  rejectsWith,
  smoke,
  visitWithFetch,
} from "../shared/scenario.mjs";

export default {
  async fetch(_request, env) {
    const report = createReport(`workerd (${navigator.userAgent})`);
    await report.step('import "asyncovh" gives the Workers entry', () => {
      check(typeof asyncovh.clientFromEnv === "function", "clientFromEnv is exported");
      check(!("createNodeFetch" in asyncovh), "and not the Node entry's helpers");
    });

    const client = asyncovh.clientFromEnv(env);
    await report.step("config: the Worker's env bindings", async () => {
      await client.init();
      equal(client.endpoint, env.OVH_ENDPOINT, "endpoint from the OVH_ENDPOINT binding");
      equal(client.applicationKey, env.OVH_APPLICATION_KEY, "key from OVH_APPLICATION_KEY");
    });
    await report.step("bad config: missing key names the Worker secret to set", async () => {
      const partial = new asyncovh.Client({ env: { OVH_ENDPOINT: env.OVH_ENDPOINT } });
      const error = await rejectsWith(
        partial.get("/me"),
        asyncovh.InvalidKey,
        "npx --yes wrangler secret put OVH_APPLICATION_SECRET",
      );
      // A Worker reads no file: the message must not send its user to one.
      check(!error.message.includes("ovh.conf"), `mentions ovh.conf: ${error.message}`);
    });
    await report.step("bad config: a binding that is not a string is named", async () => {
      // SETTINGS is a JSON binding: an object, as a KV namespace or a D1 database would be.
      const wrong = new asyncovh.Client({ env: { ...env, OVH_CONSUMER_KEY: env.SETTINGS } });
      await rejectsWith(
        wrong.init(),
        asyncovh.InvalidConfiguration,
        "The Worker binding OVH_CONSUMER_KEY is an object",
      );
    });
    await report.step("bad config: configFile says a Worker has no files", async () => {
      await rejectsWith(
        asyncovh.clientFromEnv(env).init({ configFile: "ovh.conf" }),
        asyncovh.InvalidConfiguration,
        "A Worker has no files",
      );
    });

    await smoke(report, {
      asyncovh,
      client,
      ckClient: asyncovh.clientFromEnv(env),
      visit: visitWithFetch,
      callbackUrl: env.SMOKE_CALLBACK_URL,
    });
    await proxyStep(report, proxy, client);
    return Response.json(report);
  },
};
