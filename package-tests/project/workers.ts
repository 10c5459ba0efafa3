// A Cloudflare Worker (@cloudflare/workers-types, no DOM): asyncovh is its workerd entry, with
// clientFromEnv; the signing proxy is the Worker's fetch handler.
import { createSigningProxy } from "@asyncovh/proxy";
import { clientFromEnv } from "asyncovh";

interface Env {
  OVH_ENDPOINT: string;
  OVH_APPLICATION_KEY: string;
  OVH_APPLICATION_SECRET: string;
  OVH_CONSUMER_KEY: string;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const client = clientFromEnv(env);
    const proxy = createSigningProxy({
      client,
      allow: [{ method: "GET", path: "/me" }],
      authorize: (incoming) => incoming.headers.get("cf-access-jwt-assertion") !== null,
    });
    return proxy(request);
  },
} satisfies ExportedHandler<Env>;
