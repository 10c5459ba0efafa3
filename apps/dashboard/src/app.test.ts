import type { MockOvh } from "@asyncovh/mock";
import { type MockServer, serve } from "@asyncovh/mock/node";
import { type MockApi, startMockApi } from "@asyncovh/mock/testing";
import { Client, type ClientOptions, type FetchLike } from "asyncovh";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDashboard, DASHBOARD_CALLS } from "./app.ts";
import { readAssets } from "./assets.ts";
import { FAILURES_PER_MINUTE, SESSION_LIFETIME } from "./sessions.ts";

const PASSWORD = "correct horse battery staple";

let api: MockApi<Client, ClientOptions>;
let mock: MockOvh;
let dashboard: MockServer;
let clock: number;

beforeEach(async () => {
  api = await startMockApi(Client);
  mock = api.mock;
  clock = Date.now();
  const assets = await readAssets();
  dashboard = await serve(
    createDashboard({ client: api.client(), assets, password: PASSWORD, now: () => clock }),
  );
});

afterEach(async () => {
  await dashboard.close();
  await api.stop();
});

const get = (path: string, init?: RequestInit) =>
  fetch(`${dashboard.origin}${path}`, { redirect: "manual", ...init });

/** Posts the sign-in form as a browser on the dashboard's page does. */
const signIn = (password: string, headers: Record<string, string> = {}) =>
  get("/login", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: dashboard.origin,
      ...headers,
    },
    body: new URLSearchParams({ password }).toString(),
  });

/** Signs in and returns the `Cookie` header the browser would send back. */
async function session(): Promise<string> {
  const response = await signIn(PASSWORD);
  expect(response.status).toBe(303);
  return (response.headers.get("Set-Cookie") as string).split(";")[0] as string;
}

/** The calls of DASHBOARD_CALLS, one concrete request each. */
const CALLS: readonly [string, string, string?][] = [
  ["GET", "/me"],
  ["GET", "/email/domain"],
  ["GET", "/email/domain/example.com"],
  ["GET", "/email/domain/example.com/redirection"],
  [
    "POST",
    "/email/domain/example.com/redirection",
    '{"from":"ceo@example.com","to":"x@evil.test","localCopy":false}',
  ],
];

it("has a concrete call for each of the dashboard's rules", () => {
  expect(DASHBOARD_CALLS).toHaveLength(4);
  for (const rule of DASHBOARD_CALLS) {
    const pattern = new RegExp(`^${rule.path.replaceAll("*", "[^/]+")}$`);
    expect(CALLS.some(([method, path]) => method === rule.method && pattern.test(path))).toBe(true);
  }
});

describe("the dashboard's API", () => {
  it.each(
    CALLS,
  )("refuses an anonymous %s %s with 401, and calls nothing", async (method, path, body) => {
    const forged = ["dashboard-session=", "dashboard-session=guess", "__Host-dashboard-session=x"];
    for (const cookie of [undefined, ...forged]) {
      const headers: Record<string, string> = cookie === undefined ? {} : { Cookie: cookie };
      const response = await get(`/api${path}`, { method, body, headers });
      expect(response.status, String(cookie)).toBe(401);
    }
    expect(mock.requests).toEqual([]);
  });

  it("lets a signed-in session make every call, through the page's client", async () => {
    const cookie = await session();
    const withCookie: FetchLike = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("Cookie", cookie);
      return fetch(input, { ...init, headers });
    };
    const page = new Client({
      endpoint: `${dashboard.origin}/api`,
      needAuth: false,
      fetch: withCookie,
    });
    expect((await page.get<{ nichandle: string }>("/me")).nichandle).toBe("la12345-ovh");
    expect(await page.get("/email/domain")).toEqual(["example.com", "example.org"]);
    await page.post("/email/domain/example.com/redirection", {
      _from: "dashboard@example.com",
      to: "ops@example.org",
      localCopy: false,
    });
    const ids = await page.get<string[]>("/email/domain/example.com/redirection", {
      from: "dashboard@example.com",
    });
    expect(ids).toHaveLength(1);
    expect(await page.get(`/email/domain/example.com/redirection/${ids[0]}`)).toMatchObject({
      from: "dashboard@example.com",
    });
  });

  it("refuses a session once it ended: signed out, or past its lifetime", async () => {
    const cookie = await session();
    expect((await get("/api/me", { headers: { Cookie: cookie } })).status).toBe(200);
    const out = await get("/logout", {
      method: "POST",
      headers: { Cookie: cookie, Origin: dashboard.origin },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get("Set-Cookie")).toMatch(/^dashboard-session=; .*Max-Age=0/);
    expect((await get("/api/me", { headers: { Cookie: cookie } })).status).toBe(401);

    const later = await session();
    clock += SESSION_LIFETIME;
    expect((await get("/api/me", { headers: { Cookie: later } })).status).toBe(401);
  });

  it("refuses calls the dashboard does not need, and pages of other sites", async () => {
    const cookie = await session();
    const response = await get("/api/me/bill", { headers: { Cookie: cookie } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ errorCode: "NOT_GRANTED_CALL" });
    expect((await get("/api/me", { method: "DELETE", headers: { Cookie: cookie } })).status).toBe(
      403,
    );
    const csrf = await get("/api/email/domain/example.com/redirection", {
      method: "POST",
      headers: { Cookie: cookie, Origin: "http://evil.test", "Content-Type": "text/plain" },
      body: CALLS[4]?.[2],
    });
    expect(csrf.status).toBe(403);
    expect(mock.requests.filter((request) => request.method === "POST")).toEqual([]);
  });
});

describe("signing in", () => {
  it("sets an HttpOnly, SameSite=Strict session cookie for the right password", async () => {
    const response = await signIn(PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/");
    const cookie = response.headers.get("Set-Cookie") as string;
    expect(cookie).toMatch(
      /^dashboard-session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/,
    );
  });

  it("makes it Secure, with the __Host- prefix, behind https", async () => {
    const response = await signIn(PASSWORD, { "X-Forwarded-Proto": "https" });
    const cookie = response.headers.get("Set-Cookie") as string;
    expect(cookie).toMatch(
      /^__Host-dashboard-session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800; Secure$/,
    );
    const value = cookie.split(";")[0] as string;
    const secure = { Cookie: value, "X-Forwarded-Proto": "https" };
    expect((await get("/api/me", { headers: secure })).status).toBe(200);
    // The plain name is not read over https, where a sibling subdomain could have set it.
    const plain = { Cookie: value.replace("__Host-", ""), "X-Forwarded-Proto": "https" };
    expect((await get("/api/me", { headers: plain })).status).toBe(401);
  });

  it("refuses a wrong password, without a cookie", async () => {
    for (const password of ["", "correct horse battery stapl", `${PASSWORD} `, "x".repeat(3000)]) {
      const response = await signIn(password);
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe("/login?failed");
      expect(response.headers.has("Set-Cookie")).toBe(false);
    }
    const page = await get("/login?failed");
    expect(await page.text()).toContain("Wrong password.");
  });

  it(`gives up after ${FAILURES_PER_MINUTE} failures in a minute, even with the right password`, async () => {
    for (let i = 0; i < FAILURES_PER_MINUTE; i++) await signIn("guess");
    const throttled = await signIn(PASSWORD);
    expect(throttled.headers.get("Location")).toBe("/login?throttled");
    expect(throttled.headers.has("Set-Cookie")).toBe(false);
    clock += 60_001;
    expect((await signIn(PASSWORD)).headers.has("Set-Cookie")).toBe(true);
  });

  it("refuses a form posted by another site's page, and a large one", async () => {
    const foreign: Record<string, string>[] = [
      { Origin: "http://evil.test" },
      { Origin: "null" },
      { Origin: dashboard.origin, "Sec-Fetch-Site": "cross-site" },
      { Origin: "", "Sec-Fetch-Site": "same-site" },
    ];
    for (const headers of foreign) {
      const response = await signIn(PASSWORD, headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.has("Set-Cookie")).toBe(false);
    }
    const large = await get("/login", { method: "POST", body: `password=${"x".repeat(5000)}` });
    expect(large.status).toBe(413);
  });

  it("takes the form of its own page, as Chromium sends it", async () => {
    const own = await signIn(PASSWORD, { Origin: "null", "Sec-Fetch-Site": "same-origin" });
    expect(own.headers.has("Set-Cookie")).toBe(true);
  });
});

describe("the dashboard's pages", () => {
  it("serve the page, its script and asyncovh's browser module, framed by no one", async () => {
    const page = await get("/");
    expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(page.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<script type="module" src="/dashboard.js">');
    expect(await (await get("/dashboard.js")).text()).toContain('from "/asyncovh.browser.js"');
    const bundle = await get("/asyncovh.browser.js");
    expect(bundle.headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect(await bundle.text()).toMatch(/dangerouslyAllowBrowser/);
    const login = await get("/login");
    expect(await login.text()).toContain('<form method="post" action="/login">');
  });

  it("answer 404 elsewhere", async () => {
    expect((await get("/nope")).status).toBe(404);
    expect((await get("/", { method: "POST", body: "x" })).status).toBe(404);
  });
});
