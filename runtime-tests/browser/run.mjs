/**
 * Runs the page scenario in headless Chromium (Debian's package, driven by playwright-core):
 * the page, served from 127.0.0.1, loads the built `asyncovh.browser.js` and talks to the mock
 * through the signing proxy, which runs here in Node with the credentials.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET } from "@asyncovh/mock";
import { serve } from "@asyncovh/mock/node";
import { createSigningProxy } from "@asyncovh/proxy";
import { Client } from "asyncovh";
import { chromium } from "playwright-core";
import { startMock } from "../lib/mock.mjs";
import { versionOf } from "../lib/process.mjs";

/** Flags that keep Chromium quiet: no sandbox (root in CI), no GPU, no traffic of its own. */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-domain-reliability",
];

const TYPES = {
  ".html": "text/html",
  ".mjs": "text/javascript",
  ".js": "text/javascript",
  ".map": "application/json",
};

/** Serves the page, the shared scenario and the built bundle, and nothing else. */
async function servePage(root) {
  const files = {
    "/": join(root, "browser", "index.html"),
    "/page.mjs": join(root, "browser", "page.mjs"),
    "/shared/scenario.mjs": join(root, "shared", "scenario.mjs"),
    "/asyncovh.browser.js": join(root, "..", "packages", "asyncovh", "dist", "asyncovh.browser.js"),
    "/asyncovh.browser.js.map": join(
      root,
      "..",
      "packages",
      "asyncovh",
      "dist",
      "asyncovh.browser.js.map",
    ),
  };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://page").pathname;
    const file = files[path];
    if (path === "/callback") {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("Back on the dashboard.");
      return;
    }
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    const type = TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream";
    res.writeHead(200, { "Content-Type": type }).end(await readFile(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * apps/dashboard, the dashboard example, started with its own command and used in a tab: the
 * page sends an anonymous visitor to its sign-in, whose session cookie then lets the page's
 * calls through; signed out, they are refused again.
 */
async function dashboardSteps(browser, root) {
  const password = randomBytes(18).toString("base64url");
  const server = spawn(
    process.execPath,
    [join(root, "..", "apps", "dashboard", "dist", "server.js"), "--mock"],
    {
      env: { PATH: process.env.PATH, PORT: "0", DASHBOARD_PASSWORD: password },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const steps = [];
  try {
    const [line] = await Promise.race([
      once(server.stdout, "data"),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("the dashboard did not start")), 20_000),
      ),
    ]);
    const origin = String(line).match(/Dashboard on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    const tab = await browser.newPage();
    const step = async (name, run) => {
      try {
        await run();
        steps.push({ name, ok: true });
      } catch (error) {
        steps.push({ name, ok: false, error: error.message });
      }
    };
    /** The status of a call to the dashboard's API made by the page, with its cookies. */
    const apiStatus = (path, method = "GET") =>
      tab.evaluate(
        async ([path, method]) =>
          (await fetch(path, { method, body: method === "POST" ? "{}" : undefined })).status,
        [path, method],
      );
    await step("apps/dashboard: an anonymous visitor is sent to the sign-in page", async () => {
      await tab.goto(`${origin}/`);
      await tab.waitForURL(`${origin}/login`, { timeout: 20_000 });
      for (const [path, method] of [
        ["/api/me"],
        ["/api/email/domain"],
        ["/api/email/domain/example.com/redirection"],
        ["/api/email/domain/example.com/redirection", "POST"],
      ]) {
        const status = await apiStatus(path, method);
        if (status !== 401) throw new Error(`anonymous ${method ?? "GET"} ${path}: ${status}`);
      }
    });
    await step("apps/dashboard: a wrong password is refused", async () => {
      await tab.fill("input[name=password]", `${password}x`);
      await tab.click("button");
      await tab.waitForURL(`${origin}/login?failed`, { timeout: 20_000 });
      if ((await apiStatus("/api/me")) !== 401) throw new Error("a failed sign-in let calls in");
    });
    await step("apps/dashboard: signed in, the page shows the account", async () => {
      await tab.fill("input[name=password]", password);
      await tab.click("button");
      await tab.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
      const account = await tab.textContent("#account");
      if (!account.includes("la12345-ovh")) throw new Error(`account shows ${account}`);
      const cookies = await tab.context().cookies(origin);
      const session = cookies.find((cookie) => cookie.name === "dashboard-session");
      if (!session?.httpOnly || session.sameSite !== "Strict") {
        throw new Error(`session cookie: ${JSON.stringify(session)}`);
      }
    });
    await step("apps/dashboard: the form adds a redirection (POST with _from)", async () => {
      await tab.fill("input[name=from]", "dashboard@example.com");
      await tab.fill("input[name=to]", "ops@example.org");
      await tab.click("#add button");
      await tab.waitForSelector("td:text-is('dashboard@example.com')", { timeout: 20_000 });
      await tab.screenshot({ path: join(root, ".out", "dashboard.png") });
    });
    await step("apps/dashboard: signed out, the page's calls are refused", async () => {
      await tab.click("header button");
      await tab.waitForURL(`${origin}/login`, { timeout: 20_000 });
      if ((await apiStatus("/api/me")) !== 401) throw new Error("calls still go through");
    });
  } finally {
    server.kill("SIGTERM");
  }
  return steps;
}

/**
 * On a Debian machine where the tests run as root (CI, a fresh container), Chromium is one
 * package away: install it rather than fail. Elsewhere the error says what to do.
 */
async function installChromium(binaries, root) {
  if (process.env.CHROMIUM_PATH || process.getuid?.() !== 0) return undefined;
  if ((await versionOf("/usr/bin/apt-get")) === undefined) return undefined;
  console.log("Chromium is missing: installing Debian's chromium package (root, apt-get)…");
  const child = spawn("bash", [join(root, "install-chromium.sh")], { stdio: "inherit" });
  await once(child, "exit");
  return versionOf(binaries.chromium);
}

export async function runChromium({ binaries, root }) {
  const version = (await versionOf(binaries.chromium)) ?? (await installChromium(binaries, root));
  if (version === undefined) {
    throw new Error(
      `${binaries.chromium} does not start: install Debian's chromium (as root: runtime-tests/install-chromium.sh) or set CHROMIUM_PATH.`,
    );
  }
  await mkdir(join(root, ".out"), { recursive: true });
  const page = await servePage(root);
  const mock = await startMock({ cors: { origins: [page.origin] } });
  const signer = new Client({
    endpoint: mock.server.baseUrl,
    applicationKey: DEMO_APPLICATION_KEY,
    applicationSecret: DEMO_APPLICATION_SECRET,
    consumerKey: mock.context.consumerKey,
  });
  const proxy = await serve(
    createSigningProxy({
      client: signer,
      allow: [
        { method: "GET", path: "/me" },
        { method: "GET", path: "/email/domain/*" },
        { method: "POST", path: "/email/domain/*/redirection" },
      ],
      allowedOrigins: [page.origin],
      basePath: "/api",
      // The page's client sends no credential of its own: this proxy, on loopback for the
      // test alone, lets anyone make these calls (apps/dashboard shows a login in front).
      public: true,
    }),
  );
  const browser = await chromium.launch({ executablePath: binaries.chromium, args: FLAGS });
  try {
    const tab = await browser.newPage();
    const toProxy = [];
    const console = [];
    tab.on("request", (request) => {
      if (request.url().startsWith(proxy.origin)) toProxy.push(request);
    });
    tab.on("console", (message) => console.push(`${message.type()}: ${message.text()}`));
    tab.on("pageerror", (error) => console.push(`pageerror: ${error.message}`));
    const context = { ...mock.context, proxyUrl: `${proxy.origin}/api` };
    await tab.goto(`${page.origin}/?context=${encodeURIComponent(JSON.stringify(context))}`);
    try {
      await tab.waitForFunction(() => window.smokeReport !== undefined, undefined, {
        timeout: 60_000,
      });
    } catch (error) {
      throw new Error(`the page did not finish: ${error.message}\n${console.join("\n")}`);
    }
    const report = await tab.evaluate(() => window.smokeReport);

    const sent = [];
    for (const request of toProxy) sent.push(...Object.keys(await request.allHeaders()));
    const leaked = [...new Set(sent.filter((name) => /^x-ovh-|^authorization$/i.test(name)))];
    report.steps.push({
      name: `the page sent no credential to the proxy (${toProxy.length} requests)`,
      ok: toProxy.length > 0 && leaked.length === 0,
      ...(leaked.length ? { error: `headers sent: ${leaked.join(", ")}` } : {}),
    });
    report.steps.push(...(await dashboardSteps(browser, root)));
    report.runtime = version.replace(/^Chromium ([\d.]+).*$/, "chromium $1");
    return report;
  } finally {
    await browser.close();
    await proxy.close();
    await mock.close();
    await page.close();
  }
}
