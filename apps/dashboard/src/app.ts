/**
 * @module
 * The dashboard as one fetch handler (`Request -> Response`): its page, asyncovh's browser
 * module, and the signing proxy at `/api`, which alone holds the credentials. Web standards
 * only: Node (see `server.ts`), Deno, Bun or a Worker can serve it.
 */
import { createSigningProxy } from "@asyncovh/proxy";
import type { AccessRulePattern, Client } from "asyncovh";

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
  /** `/` (the page), `/dashboard.js`, `/asyncovh.browser.js`… */
  assets: Assets;
}

export function createDashboard({ client, assets }: DashboardOptions) {
  const proxy = createSigningProxy({ client, allow: DASHBOARD_CALLS, basePath: "/api" });
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === "/api" || pathname.startsWith("/api/")) return proxy(request);
    const asset = request.method === "GET" ? assets[pathname] : undefined;
    if (asset === undefined) return new Response("Not found", { status: 404 });
    return new Response(asset.body, {
      headers: { "Content-Type": asset.type, "Cache-Control": "no-cache" },
    });
  };
}
