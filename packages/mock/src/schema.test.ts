/**
 * The mock answers like OVH: every API route it serves is one of OVH's descriptions (vendored
 * in packages/api/schemas), and its answer to an example call has every property of the
 * route's model, each of the model's type, and no other. An example call per route is below;
 * a route added to the mock without one fails here.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { conformance, type DescribedRoute, describedRoutes } from "../../api/generator/conform.ts";
import type { Method } from "../../api/generator/model.ts";
import { createMockOvh, type MockOvh } from "./mock.ts";
import { API_ROUTES } from "./routes/index.ts";
import { call, ORIGIN } from "./test-utils/requests.ts";

const schemas = fileURLToPath(new URL("../../api/schemas", import.meta.url));

/** One call: its path (placeholders filled) and body. */
interface Call {
  path: string;
  body?: unknown;
}

const SERVER = "ns3001234.ip-51-38-10.eu";
const DOMAIN = "example.com";

/** A signed call to the mock (a `/v2` path to the v2 API); its parsed answer. */
async function send(mock: MockOvh, method: string, path: string, body?: unknown): Promise<unknown> {
  const url = path.startsWith("/v2/") ? `${ORIGIN}${path}` : path;
  const answer = await call(mock, url, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (answer.status !== 200) throw new Error(`${method} ${path} answered ${answer.status}.`);
  return answer.body ?? null;
}

const list = async <T>(mock: MockOvh, path: string) => (await send(mock, "GET", path)) as T[];

const first = async <T>(mock: MockOvh, path: string): Promise<T> => {
  const [item] = await list<T>(mock, path);
  if (item === undefined) throw new Error(`The mock lists nothing at ${path}.`);
  return item;
};

/** An example call of each API route of the mock, by `METHOD /path/template`. */
const EXAMPLES: Record<string, (mock: MockOvh) => Promise<Call>> = {
  "GET /auth/time": async () => ({ path: "/auth/time" }),
  "POST /auth/credential": async () => ({
    path: "/auth/credential",
    body: { accessRules: [{ method: "GET", path: "/me" }], redirection: "https://example.com/" },
  }),
  "GET /auth/currentCredential": async () => ({ path: "/auth/currentCredential" }),
  "POST /auth/logout": async () => ({ path: "/auth/logout" }),
  "GET /me": async () => ({ path: "/me" }),
  "PUT /me": async () => ({ path: "/me", body: { firstname: "Ada" } }),
  "GET /me/bill": async () => ({ path: "/me/bill" }),
  "GET /me/bill/{billId}": async (c) => ({ path: `/me/bill/${await first(c, "/me/bill")}` }),
  "GET /me/api/credential": async () => ({ path: "/me/api/credential" }),
  "GET /me/api/credential/{credentialId}": async (c) => ({
    path: `/me/api/credential/${await first(c, "/me/api/credential")}`,
  }),
  "PUT /me/api/credential/{credentialId}": async (c) => ({
    path: `/me/api/credential/${await first(c, "/me/api/credential")}`,
    body: { allowedIPs: ["192.0.2.0/24"] },
  }),
  "DELETE /me/api/credential/{credentialId}": async (c) => ({
    path: `/me/api/credential/${(await list(c, "/me/api/credential")).at(-1)}`,
  }),
  "GET /me/api/credential/{credentialId}/application": async (c) => ({
    path: `/me/api/credential/${await first(c, "/me/api/credential")}/application`,
  }),
  "GET /me/api/application": async () => ({ path: "/me/api/application" }),
  "GET /me/api/application/{applicationId}": async (c) => ({
    path: `/me/api/application/${await first(c, "/me/api/application")}`,
  }),
  "DELETE /me/api/application/{applicationId}": async (c) => ({
    path: `/me/api/application/${(await list(c, "/me/api/application")).at(-1)}`,
  }),
  "GET /email/domain": async () => ({ path: "/email/domain" }),
  "GET /email/domain/{domain}": async () => ({ path: `/email/domain/${DOMAIN}` }),
  "GET /email/domain/{domain}/redirection": async () => ({
    path: `/email/domain/${DOMAIN}/redirection`,
  }),
  "POST /email/domain/{domain}/redirection": async () => ({
    path: `/email/domain/${DOMAIN}/redirection`,
    body: { from: `sales@${DOMAIN}`, to: "contact@example.net", localCopy: false },
  }),
  "GET /email/domain/{domain}/redirection/{id}": async (c) => ({
    path: `/email/domain/${DOMAIN}/redirection/${await first(c, `/email/domain/${DOMAIN}/redirection`)}`,
  }),
  "DELETE /email/domain/{domain}/redirection/{id}": async (c) => ({
    path: `/email/domain/${DOMAIN}/redirection/${await first(c, `/email/domain/${DOMAIN}/redirection`)}`,
  }),
  "POST /email/domain/{domain}/redirection/{id}/changeRedirection": async (c) => ({
    path: `/email/domain/${DOMAIN}/redirection/${await first(c, `/email/domain/${DOMAIN}/redirection`)}/changeRedirection`,
    body: { to: "other@example.net" },
  }),
  "GET /email/domain/{domain}/task/redirection": async () => ({
    path: `/email/domain/${DOMAIN}/task/redirection`,
  }),
  "GET /email/domain/{domain}/task/redirection/{id}": async (c) => {
    await send(
      c,
      "DELETE",
      `/email/domain/${DOMAIN}/redirection/${await first(c, `/email/domain/${DOMAIN}/redirection`)}`,
    );
    return {
      path: `/email/domain/${DOMAIN}/task/redirection/${await first(c, `/email/domain/${DOMAIN}/task/redirection`)}`,
    };
  },
  "GET /dedicated/server": async () => ({ path: "/dedicated/server" }),
  "GET /dedicated/server/{serviceName}": async () => ({ path: `/dedicated/server/${SERVER}` }),
  "PUT /dedicated/server/{serviceName}": async () => ({
    path: `/dedicated/server/${SERVER}`,
    body: { monitoring: false },
  }),
  "GET /dedicated/server/{serviceName}/burst": async () => ({
    path: `/dedicated/server/${SERVER}/burst`,
  }),
  "PUT /dedicated/server/{serviceName}/burst": async () => ({
    path: `/dedicated/server/${SERVER}/burst`,
    body: { status: "active" },
  }),
  "GET /dedicated/server/{serviceName}/features/ipmi": async () => ({
    path: `/dedicated/server/${SERVER}/features/ipmi`,
  }),
  "POST /dedicated/server/{serviceName}/features/ipmi/access": async () => ({
    path: `/dedicated/server/${SERVER}/features/ipmi/access`,
    body: { ipToAllow: "192.0.2.10", ttl: 15, type: "kvmipHtml5URL" },
  }),
  "GET /dedicated/server/{serviceName}/features/ipmi/access": async (c) => {
    const access = { ipToAllow: "192.0.2.10", ttl: 15, type: "kvmipJnlp" };
    await send(c, "POST", `/dedicated/server/${SERVER}/features/ipmi/access`, access);
    return { path: `/dedicated/server/${SERVER}/features/ipmi/access?type=kvmipJnlp` };
  },
  "GET /dedicated/server/{serviceName}/task": async () => ({
    path: `/dedicated/server/${SERVER}/task`,
  }),
  "GET /dedicated/server/{serviceName}/task/{taskId}": async (c) => {
    const access = { ipToAllow: "192.0.2.10", ttl: 15, type: "kvmipJnlp" };
    await send(c, "POST", `/dedicated/server/${SERVER}/features/ipmi/access`, access);
    return {
      path: `/dedicated/server/${SERVER}/task/${await first(c, `/dedicated/server/${SERVER}/task`)}`,
    };
  },
  "GET /v2/iam/resource": async () => ({ path: "/v2/iam/resource" }),
  "GET /v2/iam/resource/{resourceURN}": async (c) => {
    const { urn } = await first<{ urn: string }>(c, "/v2/iam/resource");
    return { path: `/v2/iam/resource/${encodeURIComponent(urn)}` };
  },
};

let find: (method: Method, path: string) => DescribedRoute | undefined;

beforeAll(async () => {
  find = await describedRoutes(schemas);
}, 60_000);

const routeName = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

describe("the mock's API routes", () => {
  it("are each one of OVH's routes, with an example call below", () => {
    const routes = API_ROUTES.map(routeName);
    expect(routes.filter((route) => EXAMPLES[route] === undefined)).toEqual([]);
    expect(Object.keys(EXAMPLES).filter((route) => !routes.includes(route))).toEqual([]);
    const unknown = API_ROUTES.filter((route) => find(route.method, route.path) === undefined);
    expect(unknown.map(routeName)).toEqual([]);
  });

  it.each(API_ROUTES.map(routeName))("%s answers what OVH's description says", async (name) => {
    const [method, template] = name.split(" ") as [Method, string];
    const route = find(method, template) as DescribedRoute;
    const mock = createMockOvh();
    const example = EXAMPLES[name] as (mock: MockOvh) => Promise<Call>;
    const { path, body } = await example(mock);
    const answer = await send(mock, method, path, body);
    expect(conformance(answer, route.operation.result, route.api.models)).toEqual([]);
  });
});
