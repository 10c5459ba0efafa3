// A Deno project on the npm packages (through node_modules): asyncovh resolves to its Deno
// entry, the one @asyncovh/deno exports.
import type { Client as DenoClient } from "@asyncovh/deno";
import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
import { Client } from "asyncovh";

const client: DenoClient = new Client({
  endpoint: "ovh-eu",
  ...DEMO_CREDENTIALS,
  fetch: createMockOvh().fetch,
});
const me = await client.get<{ nichandle: string }>("/me");
console.log(me.nichandle, Deno.version.deno);
