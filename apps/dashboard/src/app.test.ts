import { type MockServer, serve } from "@asyncovh/mock/node";
import { type MockApi, startMockApi } from "@asyncovh/mock/testing";
import { Client, type ClientOptions } from "asyncovh";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDashboard } from "./app.ts";
import { readAssets } from "./assets.ts";

let api: MockApi<Client, ClientOptions>;
let dashboard: MockServer;

beforeAll(async () => {
  api = await startMockApi(Client);
  dashboard = await serve(createDashboard({ client: api.client(), assets: await readAssets() }));
});

afterAll(async () => {
  await dashboard.close();
  await api.stop();
});

const get = (path: string, init?: RequestInit) => fetch(`${dashboard.origin}${path}`, init);

describe("the dashboard server", () => {
  it("serves the page, its script and asyncovh's browser module", async () => {
    const page = await get("/");
    expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<script type="module" src="/dashboard.js">');
    expect(await (await get("/dashboard.js")).text()).toContain('from "/asyncovh.browser.js"');
    const bundle = await get("/asyncovh.browser.js");
    expect(bundle.headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect(await bundle.text()).toMatch(/dangerouslyAllowBrowser/);
  });

  it("signs the page's calls at /api, where the page's client points", async () => {
    const page = new Client({ endpoint: `${dashboard.origin}/api`, needAuth: false });
    expect((await page.get<{ nichandle: string }>("/me")).nichandle).toBe("la12345-ovh");
    await page.post("/email/domain/example.com/redirection", {
      _from: "dashboard@example.com",
      to: "ops@example.org",
      localCopy: false,
    });
    const ids = await page.get<string[]>("/email/domain/example.com/redirection", {
      from: "dashboard@example.com",
    });
    expect(ids).toHaveLength(1);
  });

  it("refuses calls the dashboard does not need", async () => {
    const response = await get("/api/me/bill");
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ errorCode: "NOT_GRANTED_CALL" });
    expect((await get("/api/me", { method: "DELETE" })).status).toBe(403);
  });

  it("answers 404 elsewhere", async () => {
    expect((await get("/nope")).status).toBe(404);
    expect((await get("/", { method: "POST", body: "x" })).status).toBe(404);
  });
});
