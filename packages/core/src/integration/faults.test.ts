/**
 * How the client copes with the mock's faults over HTTP: clock skew, rate limits, unavailable
 * servers, slowness. These check the mock's faults reach a real client as a real API's would.
 */

import { type MockApi, startMockApi } from "@asyncovh/mock/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Client, type ClientOptions, RequestTimeoutError } from "../index.ts";

let api: MockApi<Client, ClientOptions>;
beforeEach(async () => {
  api = await startMockApi(Client);
});
afterEach(() => api.stop());

const timeCalls = () => api.mock.requests.filter((r) => r.path === "/auth/time").length;

describe("faults seen by the client", () => {
  it("a server clock one hour ahead: the client's /auth/time delta absorbs it", async () => {
    api.mock.faults.clockSkew(3600);
    const client = api.client();
    expect(await client.get("/me")).toMatchObject({ nichandle: "la12345-ovh" });
    expect(await client.timeDelta()).toBeGreaterThanOrEqual(3599);
  });

  it("a server clock that jumps after the sync: refused once, re-synced, then accepted", async () => {
    const client = api.client();
    await client.get("/me");
    api.mock.faults.clockSkew(-7200);
    expect(await client.get("/me")).toMatchObject({ nichandle: "la12345-ovh" });
    expect(api.mock.requests.map((r) => [r.path, r.status])).toEqual([
      ["/auth/time", 200],
      ["/me", 200],
      ["/me", 400],
      ["/auth/time", 200],
      ["/me", 200],
    ]);
    expect(timeCalls()).toBe(2);
  });

  it("a stale preset timeDelta: the refusal makes the client read the server's clock", async () => {
    api.mock.faults.clockSkew(3600);
    const client = api.client({ timeDelta: 0 });
    expect(await client.get("/me")).toMatchObject({ firstname: "Ada" });
    const answers = api.mock.requests.map((r) => [r.path, r.status]);
    expect(answers).toEqual([
      ["/me", 400],
      ["/auth/time", 200],
      ["/me", 200],
    ]);
  });

  it("a 503 then success: an idempotent call is retried and succeeds", async () => {
    api.mock.faults.enqueue({ status: 503 }, { match: { path: "/me" } });
    const client = api.client({ retry: { delay: 10 } });
    expect(await client.get("/me")).toMatchObject({ firstname: "Ada" });
    expect(api.mock.requests.filter((r) => r.path === "/me").map((r) => r.status)).toEqual([
      503, 200,
    ]);
  });

  it("a 429 with Retry-After: the client waits as long as asked, then succeeds", async () => {
    api.mock.faults.enqueue({ status: 429, retryAfter: 1 }, { match: { path: "/me" } });
    const client = api.client();
    await client.timeDelta();
    const started = performance.now();
    expect(await client.get("/me")).toMatchObject({ firstname: "Ada" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("a POST is not repeated after a dropped connection (it may have been carried out)", async () => {
    api.mock.faults.enqueue({ drop: true }, { match: { method: "POST" } });
    const client = api.client({ retry: { delay: 10 } });
    await expect(
      client.post("/email/domain/example.com/redirection", {
        _from: "x@example.com",
        to: "y@example.net",
        localCopy: false,
      }),
    ).rejects.toMatchObject({ name: "NetworkError" });
    expect(api.mock.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("latency beyond the client's timeout: RequestTimeoutError", async () => {
    const client = api.client({ timeout: 150, retry: 0 });
    await client.timeDelta();
    api.mock.faults.latency(2000);
    await expect(client.get("/me")).rejects.toBeInstanceOf(RequestTimeoutError);
  });
});
