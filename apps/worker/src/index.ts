/**
 * @module
 * A Cloudflare Worker built on asyncovh: the signing proxy of a dashboard at `/api/…`, and
 * `/status`, a call the Worker makes itself. The credentials are the Worker's secrets; under
 * wrangler, `import … from "asyncovh"` picks the Workers entry (the `workerd` condition).
 *
 * Every route needs `Authorization: Bearer <DASHBOARD_TOKEN>`, a secret of the Worker compared
 * in constant time; without that secret (or with a short one) the Worker refuses every call.
 */
// The routes of /me for every client of the Worker: `client.get("/me")` is typed.
import type {} from "@asyncovh/api/me";
import { createSigningProxy, equalSecrets } from "@asyncovh/proxy";
import { type AccessRulePattern, type Client, clientFromEnv, isAPIError } from "asyncovh";

/** The Worker's bindings: `wrangler secret put OVH_APPLICATION_SECRET`, and vars. */
export interface Env {
  OVH_ENDPOINT?: string;
  OVH_APPLICATION_KEY?: string;
  OVH_APPLICATION_SECRET?: string;
  OVH_CONSUMER_KEY?: string;
  /** The dashboard's origin, which CORS lets call `/api` (a var of wrangler.toml). */
  DASHBOARD_ORIGIN?: string;
  /**
   * The token of the Worker's callers, at least 32 characters: `openssl rand -base64 32 |
   * npx --yes wrangler secret put DASHBOARD_TOKEN`. A secret, never a var.
   */
  DASHBOARD_TOKEN?: string;
}

/** What the dashboard may do: read the account, read mail redirections and add one. */
export const DASHBOARD_CALLS: readonly AccessRulePattern[] = [
  { method: "GET", path: "/me" },
  { method: "GET", path: "/email/domain" },
  { method: "GET", path: "/email/domain/*" },
  { method: "POST", path: "/email/domain/*/redirection" },
];

/** Shorter tokens can be guessed. */
const MIN_TOKEN_LENGTH = 32;

interface Handlers {
  env: Env;
  client: Client;
  proxy: (request: Request) => Promise<Response>;
}

// Built once per isolate, so the clock sync with the API serves every request after the first.
let handlers: Handlers | undefined;

/** True when the request carries the Worker's token. */
function hasToken(request: Request, env: Env): Promise<boolean> {
  const header = request.headers.get("Authorization");
  const token = header?.startsWith("Bearer ") ? header.slice(7) : undefined;
  return equalSecrets(token, env.DASHBOARD_TOKEN);
}

function handlersFor(env: Env): Handlers {
  if (handlers?.env !== env) {
    const client = clientFromEnv(env);
    const proxy = createSigningProxy({
      client,
      allow: DASHBOARD_CALLS,
      allowedOrigins: env.DASHBOARD_ORIGIN ? [env.DASHBOARD_ORIGIN] : [],
      basePath: "/api",
      authorize: (request) => hasToken(request, env),
    });
    handlers = { env, client, proxy };
  }
  return handlers;
}

/** An answer shaped like OVH's errors, which the dashboard's client maps to its classes. */
const refuse = (status: number, errorCode: string, message: string): Response =>
  Response.json({ errorCode, message, class: `Worker::${errorCode}` }, { status });

async function status(request: Request, env: Env, client: Client): Promise<Response> {
  if (!(await hasToken(request, env))) {
    return refuse(401, "NOT_AUTHORIZED", "GET /status needs the Worker's bearer token.");
  }
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
    if ((env.DASHBOARD_TOKEN ?? "").length < MIN_TOKEN_LENGTH) {
      return refuse(
        503,
        "NOT_CONFIGURED",
        `This Worker serves no one until its DASHBOARD_TOKEN secret holds at least ${MIN_TOKEN_LENGTH} characters: openssl rand -base64 32 | npx --yes wrangler secret put DASHBOARD_TOKEN`,
      );
    }
    const { client, proxy } = handlersFor(env);
    const { pathname } = new URL(request.url);
    if (pathname === "/api" || pathname.startsWith("/api/")) return proxy(request);
    if (pathname === "/status") return status(request, env, client);
    return new Response("Not found: try /status or /api/me", { status: 404 });
  },
};
