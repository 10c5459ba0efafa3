// A page (lib DOM, no Node types): asyncovh is its browser (or runtime-free) entry, which holds
// no Node name; the mock's fetch handler runs in the page.
import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
// @ts-expect-error: a page has no Node transport.
import { Client, createNodeFetch, NotGrantedCall } from "asyncovh";

const mock = createMockOvh();
const viaProxy = new Client({ endpoint: `${location.origin}/api`, needAuth: false });
const offline = new Client({
  endpoint: "ovh-eu",
  ...DEMO_CREDENTIALS,
  fetch: mock.fetch,
  dangerouslyAllowBrowser: true,
});

export async function nickname(): Promise<string> {
  try {
    return (await offline.get<{ nichandle: string }>("/me")).nichandle;
  } catch (error) {
    return NotGrantedCall.is(error) ? "not granted" : String(createNodeFetch);
  }
}
export { viaProxy };
