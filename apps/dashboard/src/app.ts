/**
 * @module
 * The dashboard as one fetch handler (`Request -> Response`): its pages, asyncovh's browser
 * module, a sign-in with one password, and the signing proxy at `/api`, which alone holds the
 * credentials and forwards only the calls of a signed-in session. Web standards only: Node (see
 * `server.ts`), Deno, Bun or a Worker can serve it.
 *
 * Routes: `GET /` and its files (public: they hold no data), `GET /login`, `POST /login`
 * (password in a form; sets the session cookie), `POST /logout`, and `/api/…`.
 */
import { createSigningProxy } from "@asyncovh/proxy";
import type { AccessRulePattern, Client } from "asyncovh";
import { createSessions, SESSION_LIFETIME, type SessionsOptions } from "./sessions.ts";

/** What the page may do: read the account, read mail redirections and add one. */
export const DASHBOARD_CALLS: readonly AccessRulePattern[] = [
  { method: "GET", path: "/me" },
  { method: "GET", path: "/email/domain" },
  { method: "GET", path: "/email/domain/*" },
  { method: "POST", path: "/email/domain/*/redirection" },
];

/** The static files, by URL path, with their content type. */
export type Assets = Readonly<Record<string, { type: string; body: string }>>;

export interface DashboardOptions {
  /** The client the proxy signs with. */
  client: Client;
  /** `/` (the page), `/login`, `/dashboard.js`, `/dashboard.css`, `/asyncovh.browser.js`… */
  assets: Assets;
  /** The sign-in password (`DASHBOARD_PASSWORD`), 12 characters or more. */
  password: string | undefined;
  /** The clock of the sessions, in ms (default `Date.now`). */
  now?: SessionsOptions["now"];
}

const COOKIE = "dashboard-session";
/** A sign-in form is a few dozen bytes. */
const MAX_FORM_SIZE = 4096;

/**
 * Set on every page: scripts and styles from this origin alone, no framing (no clickjacking of
 * the sign-in or the form), no referrer to other sites.
 */
const PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Security-Policy":
    "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  "X-Content-Type-Options": "nosniff",
  // Not no-referrer: under it, the browser says `Origin: null` for the page's own form posts.
  "Referrer-Policy": "same-origin",
  "Cache-Control": "no-cache",
});

/** True behind https, told by the URL or by the TLS-terminating proxy in front. */
const isSecure = (request: Request, url: URL): boolean =>
  url.protocol === "https:" || request.headers.get("X-Forwarded-Proto") === "https";

/**
 * The cookie's name: over https, with the `__Host-` prefix, which browsers only accept with
 * Secure, Path=/ and no Domain, so that a sibling subdomain cannot plant one.
 */
const cookieName = (secure: boolean): string => (secure ? `__Host-${COOKIE}` : COOKIE);

function sessionOf(request: Request): string | undefined {
  const name = cookieName(isSecure(request, new URL(request.url)));
  for (const pair of (request.headers.get("Cookie") ?? "").split(";")) {
    const [key, ...value] = pair.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

function sessionCookie(secure: boolean, value: string, maxAge: number): string {
  const attributes = ["Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${maxAge}`];
  if (secure) attributes.push("Secure");
  return `${cookieName(secure)}=${value}; ${attributes.join("; ")}`;
}

/**
 * A form posted by another site's page (login CSRF), as the browser tells it: Sec-Fetch-Site,
 * else Origin (as the signing proxy reads them).
 */
function fromAnotherSite(request: Request, url: URL): boolean {
  const site = request.headers.get("Sec-Fetch-Site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("Origin");
  return origin !== null && origin !== url.origin;
}

const redirect = (location: string, cookie?: string): Response => {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  if (cookie !== undefined) headers.set("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
};

const text = (status: number, body: string): Response =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** What the sign-in page says after a failed attempt. */
const LOGIN_MESSAGES: Readonly<Record<string, string>> = Object.freeze({
  failed: "Wrong password.",
  throttled: "Too many failed sign-ins: wait a minute.",
});

export function createDashboard({ client, assets, password, now }: DashboardOptions) {
  const sessions = createSessions({ password, now });
  const proxy = createSigningProxy({
    client,
    allow: DASHBOARD_CALLS,
    basePath: "/api",
    authorize: (request) => sessions.valid(sessionOf(request)),
  });

  async function signIn(request: Request, secure: boolean): Promise<Response> {
    const length = request.headers.get("Content-Length");
    if (length === null || !/^\d+$/.test(length) || Number(length) > MAX_FORM_SIZE) {
      await request.body?.cancel().catch(() => undefined);
      return text(413, "The sign-in form is a password, a few bytes long.");
    }
    // The announced length is what the server reads: the body cannot be longer.
    const form = new URLSearchParams(await request.text());
    const result = await sessions.signIn(form.get("password") ?? "");
    if ("refused" in result) {
      return redirect(`/login?${result.refused === "throttled" ? "throttled" : "failed"}`);
    }
    return redirect("/", sessionCookie(secure, result.session, SESSION_LIFETIME / 1000));
  }

  function page(path: string, url: URL): Response | undefined {
    const asset = assets[path];
    if (asset === undefined) return undefined;
    let body = asset.body;
    if (path === "/login") {
      const message = LOGIN_MESSAGES[url.search.slice(1)] ?? "";
      body = body.replace("<!--message-->", message);
    }
    return new Response(body, { headers: { "Content-Type": asset.type, ...PAGE_HEADERS } });
  }

  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const { pathname } = url;
    if (pathname === "/api" || pathname.startsWith("/api/")) return proxy(request);
    const secure = isSecure(request, url);
    if (request.method === "POST" && (pathname === "/login" || pathname === "/logout")) {
      if (fromAnotherSite(request, url)) return text(403, "Sign in from this dashboard's page.");
      if (pathname === "/login") return signIn(request, secure);
      sessions.end(sessionOf(request));
      return redirect("/login", sessionCookie(secure, "", 0));
    }
    const found = request.method === "GET" ? page(pathname, url) : undefined;
    return found ?? text(404, "Not found");
  };
}
