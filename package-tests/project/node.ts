// A Node.js project: asyncovh resolves to its Node entry (the `node` condition), whose
// createNodeFetch is there; the mock is served over HTTP and the signing proxy answers a Request.
import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
import { serve } from "@asyncovh/mock/node";
import { createSigningProxy } from "@asyncovh/proxy";
import { Client, createNodeFetch, ENDPOINTS, ResourceNotFoundError } from "asyncovh";

interface Me {
  nichandle: string;
}

const server = await serve(createMockOvh());
const client = new Client({
  endpoint: server.baseUrl,
  ...DEMO_CREDENTIALS,
  fetch: createNodeFetch(),
});
const me = await client.get<Me>("/me");
let status: number | undefined;
try {
  await client.get("/me/bill/none");
} catch (error) {
  if (ResourceNotFoundError.is(error)) status = error.status;
}
const proxy = createSigningProxy({
  client,
  allow: [{ method: "GET", path: "/me" }],
  authorize: (request) => request.headers.has("cookie"),
});
const answer: Response = await proxy(new Request(`${server.origin}/me`));
await server.close();

export const seen: [string, number | undefined, number, string] = [
  me.nichandle,
  status,
  answer.status,
  ENDPOINTS["ovh-eu"],
];
