/**
 * The smoke scenario in a browser page, with the built ES module `asyncovh.browser.js`. The page
 * holds no secret: its client talks to the signing proxy. Only the consumer-key step uses a
 * client with the application secret, which needs `dangerouslyAllowBrowser` (the mock answers
 * CORS for this page; the real API does not, hence the proxy).
 */
import * as asyncovh from "/asyncovh.browser.js";
import { check, createReport, rejectsWith, smoke } from "/shared/scenario.mjs";

const context = JSON.parse(new URLSearchParams(location.search).get("context"));
const report = createReport("chromium");

await report.step("the built ES module runs in a page", () => {
  check(typeof window === "object" && typeof document === "object", "this is a page");
  check(typeof asyncovh.Client === "function", "the module exports Client");
});

await report.step("bad config: a secret in a page needs dangerouslyAllowBrowser", async () => {
  const secretOptions = {
    endpoint: context.baseUrl,
    applicationKey: context.applicationKey,
    applicationSecret: context.applicationSecret,
  };
  await rejectsWith(
    (async () => new asyncovh.Client(secretOptions))(),
    asyncovh.InvalidConfiguration,
    "runs in a browser",
    "dangerouslyAllowBrowser: true",
  );
  new asyncovh.Client({ ...secretOptions, dangerouslyAllowBrowser: true });
});

await report.step("bad config: missing endpoint says to pass options", async () => {
  await rejectsWith(
    new asyncovh.Client().init(),
    asyncovh.InvalidRegion,
    "pass the values as options",
  );
});

// The page's client: the proxy's URL, and nothing to sign with.
const client = new asyncovh.Client({ endpoint: context.proxyUrl, needAuth: false });
await report.step("config: explicit options, the proxy holds the secret", async () => {
  await client.init();
  check(JSON.stringify(client.toJSON()).includes("redacted") === false, "no secret held");
});

await smoke(report, {
  asyncovh,
  client,
  ckClient: new asyncovh.Client({
    endpoint: context.baseUrl,
    applicationKey: context.applicationKey,
    applicationSecret: context.applicationSecret,
    dangerouslyAllowBrowser: true,
  }),
  // The user opens the validation page; it sends them back to this page's origin.
  visit: (url) => fetch(url, { mode: "no-cors" }),
  callbackUrl: `${location.origin}/callback`,
});

await report.step("the proxy refuses calls outside its rules", async () => {
  await rejectsWith(
    client.get("/me/bill"),
    asyncovh.NotGrantedCall,
    "does not forward GET /me/bill",
  );
});

document.getElementById("report").textContent = JSON.stringify(report, null, 2);
window.smokeReport = report.toJSON();
