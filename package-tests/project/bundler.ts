// A Node.js project on `moduleResolution: "Bundler"` without customConditions: TypeScript matches
// only `types` and `import`, so `asyncovh` is the runtime-free entry, and the Node-only names
// come from `asyncovh/node`.
import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
// @ts-expect-error: the runtime-free entry has no Node transport.
import { createNodeFetch as absent, Client } from "asyncovh";
import { createNodeFetch, Client as NodeClient } from "asyncovh/node";

const offline = new Client({
  endpoint: "ovh-eu",
  ...DEMO_CREDENTIALS,
  fetch: createMockOvh().fetch,
});
const node = new NodeClient({ endpoint: "ovh-eu", fetch: createNodeFetch() });

export const clients: [Client, NodeClient, unknown] = [offline, node, absent];
