// A Worker on Bundler resolution without customConditions (wrangler's own tsconfig): the
// Workers entry is `asyncovh/workers`.
import { Client } from "asyncovh/workers";

interface Env {
  OVH_CONSUMER_KEY: string;
}

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    const me = await new Client({ env }).get<{ nichandle: string }>("/me");
    return Response.json(me);
  },
} satisfies ExportedHandler<Env>;
