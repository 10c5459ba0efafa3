/**
 * The signing proxy in the runtime itself: a page's request (with an Origin, its session token,
 * and X-Ovh-* headers it must not be able to use) goes in, a signed answer with CORS comes out;
 * an anonymous request and a page of another site are refused.
 */
import { check, equal, NICHANDLE } from "./scenario.mjs";

const DASHBOARD = "http://dashboard.test";
const SESSION = "Bearer runtime-test-session";

export function proxyStep(report, { createSigningProxy }, client) {
  return report.step("signing proxy as a fetch handler", async () => {
    const proxy = createSigningProxy({
      client,
      allow: [{ method: "GET", path: "/me" }],
      allowedOrigins: [DASHBOARD],
      basePath: "/api",
      authorize: (request) => request.headers.get("Authorization") === SESSION,
    });
    const anonymous = await proxy(new Request("http://proxy.test/api/me"));
    equal(anonymous.status, 401, "status of an anonymous call");
    const elsewhere = await proxy(
      new Request("http://proxy.test/api/me", {
        headers: { Origin: "http://evil.test", Authorization: SESSION },
      }),
    );
    equal(elsewhere.status, 403, "status of a call from another site's page");
    const page = {
      Origin: DASHBOARD,
      Authorization: SESSION,
      "X-Ovh-Consumer": "someone-elses-key",
    };
    const me = await proxy(new Request("http://proxy.test/api/me", { headers: page }));
    equal(me.status, 200, "status of an allowed call");
    equal(me.headers.get("Access-Control-Allow-Origin"), DASHBOARD, "CORS origin");
    equal((await me.json()).nichandle, NICHANDLE, "GET /me through the proxy");
    const refused = await proxy(new Request("http://proxy.test/api/me/bill", { headers: page }));
    equal(refused.status, 403, "status of a call outside the rules");
    equal((await refused.json()).errorCode, "NOT_GRANTED_CALL", "errorCode");
    const preflight = await proxy(
      new Request("http://proxy.test/api/me", {
        method: "OPTIONS",
        headers: { Origin: DASHBOARD, "Access-Control-Request-Method": "GET" },
      }),
    );
    equal(preflight.status, 204, "preflight status");
    check(
      preflight.headers.get("Access-Control-Allow-Methods")?.includes("GET"),
      "preflight methods",
    );
  });
}
