import {
  createMockOvh,
  DEMO_APPLICATION_KEY,
  DEMO_APPLICATION_SECRET,
  DEMO_CONSUMER_KEY,
} from "@asyncovh/mock";
import ky from "ky";
import { describe, expect, it } from "vitest";
import { Client } from "./client.ts";

// ky is not in the client's request path (as the transport it costs more CPU per call than the
// fetch it wraps: `npm run bench`, BENCHMARKS.md); an application that wants ky's hooks hands a ky
// instance over as the transport.
describe("a ky instance as the transport", () => {
  it("carries signed calls, and its hooks see each attempt as sent", async () => {
    const mock = createMockOvh();
    const seen: string[] = [];
    const transport = ky.create({
      // The client's loop owns retries, deadlines and status handling.
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      fetch: (input, init) => mock.handler(new Request(input, init)),
      hooks: {
        beforeRequest: [
          (request) => {
            seen.push(`${request.method} ${request.headers.get("X-Ovh-Signature") ?? "unsigned"}`);
          },
        ],
      },
    });
    const client = new Client({
      endpoint: "http://127.0.0.1:9/1.0",
      applicationKey: DEMO_APPLICATION_KEY,
      applicationSecret: DEMO_APPLICATION_SECRET,
      consumerKey: DEMO_CONSUMER_KEY,
      fetch: transport,
    });
    expect(await client.get("/me")).toMatchObject({ nichandle: expect.any(String) });
    expect(seen).toEqual(["GET unsigned", expect.stringMatching(/^GET \$1\$[0-9a-f]{40}$/)]);
  });
});
