/**
 * The core client against the mock over real HTTP: each helper, unsigned calls, `call`,
 * `rawCall`, and `/v1` and `/v2` paths.
 */

import { DEMO_APPLICATION_KEY } from "@asyncovh/mock";
import { type MockApi, type ReceivedRequest, startMockApi } from "@asyncovh/mock/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Client, type ClientOptions } from "../index.ts";

let api: MockApi<Client, ClientOptions>;
beforeEach(async () => {
  api = await startMockApi(Client);
});
afterEach(() => api.stop());

const paths = () =>
  api.mock.requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`);

describe("the client's helpers, over HTTP", () => {
  it("get: reads /me, after syncing the clock once with GET /auth/time", async () => {
    const client = api.client();
    const me = await client.get<{ nichandle: string }>("/me");
    expect(me.nichandle).toBe("la12345-ovh");
    expect(paths()).toEqual(["GET /1.0/auth/time", "GET /1.0/me"]);
  });

  it("get: sends params as the query string, and the mock filters with them", async () => {
    const client = api.client();
    const validated = await client.get("/me/api/credential", { status: "validated" });
    expect(validated).toEqual([100000001]);
    const spring = await client.get<string[]>("/me/bill", {
      "date.from": "2024-03-01",
      "date.to": "2024-05-31",
      orderId: undefined,
    });
    expect(spring).toHaveLength(3);
    expect(paths().slice(-2)).toEqual([
      "GET /1.0/me/api/credential?status=validated",
      "GET /1.0/me/bill?date.from=2024-03-01&date.to=2024-05-31",
    ]);
  });

  it("post: creates a mail redirection with `_from` sent as `from`, and get filters with `_from`", async () => {
    const client = api.client();
    const task = await client.post<{ action: string; account: string }>(
      "/email/domain/example.com/redirection",
      { _from: "sales@example.com", to: "contact@example.com", localCopy: false },
    );
    expect(task).toMatchObject({ action: "add", account: "sales", domain: "example.com" });
    const ids = await client.get<string[]>("/email/domain/example.com/redirection", {
      _from: "sales@example.com",
    });
    expect(ids).toHaveLength(1);
    const redirection = await client.get(`/email/domain/example.com/redirection/${ids[0]}`);
    expect(redirection).toEqual({
      from: "sales@example.com",
      id: ids[0],
      to: "contact@example.com",
    });
  });

  it("put: changes the burst of a dedicated server", async () => {
    const client = api.client();
    const server = "ns3001234.ip-51-38-10.eu";
    expect(await client.put(`/dedicated/server/${server}/burst`, { status: "active" })).toBeNull();
    expect(await client.get(`/dedicated/server/${server}/burst`)).toMatchObject({
      status: "active",
    });
  });

  it("post and get: requests an IPMI access, then reads it with a query param", async () => {
    const client = api.client();
    const server = "ns3001234.ip-51-38-10.eu";
    const task = await client.post(`/dedicated/server/${server}/features/ipmi/access`, {
      ipToAllow: "192.0.2.10",
      ttl: 15,
      type: "kvmipHtml5URL",
    });
    expect(task).toMatchObject({ function: "requestAccessIPMI", status: "done" });
    const access = await client.get<{ value: string }>(
      `/dedicated/server/${server}/features/ipmi/access`,
      { type: "kvmipHtml5URL" },
    );
    expect(access.value.startsWith(`${api.server.origin}/ipmi/`)).toBe(true);
  });

  it("delete: removes an API credential", async () => {
    const client = api.client();
    await client.delete("/me/api/credential/100000003");
    expect(await client.get("/me/api/credential", { status: "refused" })).toEqual([]);
  });

  it("sends unsigned calls with the application key alone", async () => {
    const client = api.client();
    const time = await client.get<number>("/auth/time", undefined, { needAuth: false });
    expect(time).toBeCloseTo(Date.now() / 1000, -1);
    const sent = (api.received.at(-1) as ReceivedRequest).headers;
    expect(sent.get("X-Ovh-Application")).toBe(DEMO_APPLICATION_KEY);
    expect(sent.get("X-Ovh-Signature")).toBeNull();
    expect(sent.get("X-Ovh-Consumer")).toBeNull();
    // Unsigned calls need no clock: no GET /auth/time before it.
    expect(paths()).toEqual(["GET /1.0/auth/time"]);
  });

  it("signs calls with the four headers", async () => {
    await api.client().get("/me");
    const sent = (api.received.at(-1) as ReceivedRequest).headers;
    expect(sent.get("X-Ovh-Signature")).toMatch(/^\$1\$[0-9a-f]{40}$/);
    expect(Number(sent.get("X-Ovh-Timestamp"))).toBeCloseTo(Date.now() / 1000, -1);
    expect(sent.get("X-Ovh-Consumer")).not.toBeNull();
  });

  it("call: the low-level helper, parsed", async () => {
    const client = api.client();
    expect(await client.call("GET", "/me", undefined, true)).toMatchObject({ firstname: "Ada" });
    expect(await client.call("put", "/me", { firstname: "Grace" }, true)).toBeNull();
    expect(await client.call("GET", "/auth/time", undefined, false)).toEqual(expect.any(Number));
    expect(await client.get("/me")).toMatchObject({ firstname: "Grace" });
  });

  it("rawCall: the raw Response, whatever its status", async () => {
    const client = api.client();
    const ok = await client.rawCall("GET", "/me");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("X-Ovh-QueryID")).toMatch(/^EU\.ext-/);
    expect((await ok.json()).nichandle).toBe("la12345-ovh");
    const missing = await client.rawCall("GET", "/me/bill/FR0");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ class: "Client::NotFound" });
  });

  it("/v1 paths drop the endpoint's /1.0 and reach the same API", async () => {
    const client = api.client();
    expect(await client.get("/v1/me")).toEqual(await client.get("/me"));
    expect(paths().filter((p) => p.includes("/me"))).toEqual(["GET /v1/me", "GET /1.0/me"]);
  });

  it("/v2 paths reach the v2 API, with its cursor pagination headers", async () => {
    const client = api.client();
    const all = await client.get<{ type: string }[]>("/v2/iam/resource");
    expect(all.map((r) => r.type)).toContain("dedicatedServer");
    const page = await client.rawCall("GET", "/v2/iam/resource", undefined, true, {
      headers: { "X-Pagination-Size": "2" },
    });
    expect(await page.json()).toHaveLength(2);
    expect(page.headers.get("X-Pagination-Cursor-Next")).not.toBeNull();
    expect(paths()).toContain("GET /v2/iam/resource");
  });

  it("syncs the clock once however many calls start together", async () => {
    const client = api.client();
    await Promise.all([client.get("/me"), client.get("/me/bill"), client.get("/dedicated/server")]);
    expect(paths().filter((p) => p.endsWith("/auth/time"))).toHaveLength(1);
  });
});
