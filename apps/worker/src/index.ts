/**
 * @module
 * A Cloudflare Worker built on asyncovh: the signing proxy of a dashboard at `/api/…`, and
 * `/status`, a call the Worker makes itself. The credentials are the Worker's secrets; under
 * wrangler, `import … from "asyncovh"` picks the Workers entry (the `workerd` condition).
 */
// The routes of /me for every client of the Worker: `client.get("/me")` is typed.
import type {} from "@asyncovh/api/me";
import { createSigningProxy } from "@asyncovh/proxy";
import { type AccessRulePattern, type Client, clientFromEnv, isAPIError } from "asyncovh";

/** The Worker's bindings: `wrangler secret put OVH_APPLICATION_SECRET`, and vars. */
export interface Env {
  OVH_ENDPOINT?: string;
  OVH_APPLICATION_KEY?: string;
  OVH_APPLICATION_SECRET?: string;
  OVH_CONSUMER_KEY?: string;
  /** The dashboard's origin, which CORS lets call `/api` (a var of wrangler.toml). */
  DASHBOARD_ORIGIN?: string;
}

/** What the dashboard may do: read the account, read mail redirections and add one. */
export const DASHBOARD_CALLS: readonly AccessRulePattern[] = [
  { method: "GET", path: "/me" },
  { method: "GET", path: "/email/domain" },
  { method: "GET", path: "/email/domain/*" },
  { method: "POST", path: "/email/domain/*/redirection" },
];

interface Handlers {
  env: Env;
  client: Client;
  proxy: (request: Request) => Promise<Response>;
}

// Built once per isolate, so the clock sync with the API serves every request after the first.
let handlers: Handlers | undefined;

function handlersFor(env: Env): Handlers {
  if (handlers?.env !== env) {
    const client = clientFromEnv(env);
    const proxy = createSigningProxy({
      client,
      allow: DASHBOARD_CALLS,
      allowedOrigins: env.DASHBOARD_ORIGIN ? [env.DASHBOARD_ORIGIN] : [],
      basePath: "/api",
    });
    handlers = { env, client, proxy };
  }
  return handlers;
}

async function status(client: Client): Promise<Response> {
  try {
    const me = await client.get("/me");
    return Response.json({ ok: true, account: me.nichandle });
  } catch (error) {
    // Errors never carry a secret: their name and message may be shown.
    if (!isAPIError(error)) throw error;
    return Response.json({ ok: false, error: error.name, message: error.message }, { status: 502 });
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { client, proxy } = handlersFor(env);
    const { pathname } = new URL(request.url);
    if (pathname === "/api" || pathname.startsWith("/api/")) return proxy(request);
    if (pathname === "/status") return status(client);
    return new Response("Not found: try /status or /api/me", { status: 404 });
  },
};
