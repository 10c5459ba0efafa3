import { describe, expect, it } from "vitest";
import { Client } from "./client.ts";
import { settingsFrom } from "./config.ts";
import { InvalidKey } from "./errors/invalid-key.ts";
import { InvalidRegion } from "./errors/invalid-region.ts";
import type { FetchLike } from "./types.ts";

/** A transport that keeps each request and answers like OVH for `/auth/time` and the rest. */
function recordingFetch() {
  const requests: Request[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    requests.push(request);
    return Response.json(request.url.endsWith("/auth/time") ? 1_700_000_000 : { ok: true });
  };
  return { fetch, requests };
}

describe("notes of a runtime's config sources", () => {
  const unread = settingsFrom(async () => ({
    env: {},
    files: [],
    notes: ["The environment was not read: run with --allow-env."],
  }));

  it("end the error of a missing endpoint", async () => {
    const init = new Client({ loadConfig: unread }).init();
    await expect(init).rejects.toBeInstanceOf(InvalidRegion);
    await expect(init).rejects.toThrow(
      /section of ovh\.conf\. The environment was not read: run with --allow-env\.$/,
    );
  });

  it("end the error of a missing key", async () => {
    const { fetch, requests } = recordingFetch();
    const client = new Client({ endpoint: "ovh-eu", loadConfig: unread, fetch });
    const call = client.get("/me");
    await expect(call).rejects.toBeInstanceOf(InvalidKey);
    await expect(call).rejects.toThrow(/\(GET \/me\)\. The environment was not read/);
    expect(requests).toEqual([]);
  });

  it("say, without a runtime adapter, that only options configure the client", async () => {
    const client = new Client({ endpoint: "ovh-eu", fetch: recordingFetch().fetch });
    const missingKey = (await client.get("/me").catch((error: Error) => error)) as Error;
    expect(missingKey.message).toMatch(
      /^A signed call needs application key, application secret, consumer key: pass them as options; a service account instead takes clientId and clientSecret \(GET \/me\)\. This runtime reads no environment variable nor ovh\.conf file: pass the values as options/,
    );
    const noEndpoint = (await new Client().init().catch((error: Error) => error)) as Error;
    expect(noEndpoint.message).toMatch(
      /^No endpoint configured: pass `endpoint` \(e\.g\. "ovh-eu"\)\. This runtime reads no environment variable.*signing proxy\)\.$/,
    );
    expect(`${missingKey.message} ${noEndpoint.message}`).not.toContain("OVH_");
  });
});

describe("the client's needAuth", () => {
  it("false: calls go unsigned, with no secret and no time sync, as behind a signing proxy", async () => {
    const { fetch, requests } = recordingFetch();
    const client = new Client({ endpoint: "http://127.0.0.1:1/api/1.0", needAuth: false, fetch });

    await client.get("/me");
    await client.post("/me/contact", { firstName: "Ada" });
    await client.call("DELETE", "/me/contact/1");

    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "GET /api/1.0/me",
      "POST /api/1.0/me/contact",
      "DELETE /api/1.0/me/contact/1",
    ]);
    for (const request of requests) {
      expect([...request.headers.keys()].filter((name) => name.startsWith("x-ovh"))).toEqual([]);
    }
  });

  it("is overridden by a call's own needAuth", async () => {
    const { fetch } = recordingFetch();
    const client = new Client({ endpoint: "ovh-eu", needAuth: false, fetch });
    await expect(client.get("/me", undefined, { needAuth: true })).rejects.toBeInstanceOf(
      InvalidKey,
    );
  });

  it("defaults to true: a call signs or fails locally", async () => {
    const { fetch } = recordingFetch();
    await expect(new Client({ endpoint: "ovh-eu", fetch }).get("/me")).rejects.toBeInstanceOf(
      InvalidKey,
    );
  });
});
