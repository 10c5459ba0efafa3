import { describe, expect, it } from "vitest";
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY } from "./constants.ts";
import { createMockOvh } from "./mock.ts";
import { BASE, call, DEMO_KEYS, ORIGIN, signedRequest } from "./test-utils/requests.ts";

describe("createMockOvh", () => {
  it("knows the demo application and its all-rights consumer key by default", async () => {
    const mock = createMockOvh();
    const result = await call(mock, "/me");
    expect(result.status).toBe(200);
    expect(DEMO_APPLICATION_KEY).toHaveLength(16);
    expect(DEMO_APPLICATION_SECRET).toHaveLength(32);
    expect(DEMO_CONSUMER_KEY).toHaveLength(32);
  });

  it("registers the given applications instead of the demo one", async () => {
    const app = { applicationKey: "customAppKey0001", applicationSecret: "s".repeat(32) };
    const mock = createMockOvh({ applications: [app] });
    expect((await call(mock, "/me")).body.errorCode).toBe("INVALID_KEY");
    const consumerKey = mock.addConsumerKey({
      applicationKey: app.applicationKey,
      rules: [{ method: "GET", path: "/me" }],
    });
    expect((await call(mock, "/me", { keys: { ...app, consumerKey } })).status).toBe(200);
  });

  it("refuses malformed options with a clear error", () => {
    expect(() => createMockOvh({ applications: {} as never })).toThrow(/array/);
    expect(() => createMockOvh({ applications: [{ applicationKey: "a" } as never] })).toThrow(
      /applicationSecret/,
    );
    const app = { applicationKey: "a", applicationSecret: "b" };
    expect(() => createMockOvh({ applications: [app, app] })).toThrow(/same applicationKey/);
    expect(() => createMockOvh({ timestampWindow: -1 })).toThrow(/timestampWindow/);
  });

  it("uses the injected clock for the server time and the dates it writes", async () => {
    const mock = createMockOvh({ now: () => Date.UTC(2030, 0, 2, 3, 4, 5) });
    const time = await mock.handler(new Request(`${BASE}/auth/time`));
    expect(await time.json()).toBe(Date.UTC(2030, 0, 2, 3, 4, 5) / 1000);
  });

  it("answers every response with an X-Ovh-QueryID in OVH's shape, different each time", async () => {
    const mock = createMockOvh();
    const ids = new Set<string>();
    for (const path of ["/auth/time", "/nowhere", "/me"]) {
      const response = await mock.handler(signedRequest(path));
      const id = response.headers.get("X-Ovh-QueryID") as string;
      expect(id).toMatch(/^EU\.ext-\d+\.[0-9a-f]+\.\d+\.[0-9a-f-]{36}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(3);
  });

  it("answers unknown paths and methods with OVH's 404, before any authentication", async () => {
    const mock = createMockOvh();
    for (const request of [
      new Request(`${BASE}/nowhere`),
      new Request(`${BASE}/me`, { method: "PATCH" }),
      new Request(`${ORIGIN}/2.0/me`),
      new Request(`${BASE}/v2/iam/resource`),
      new Request(`${ORIGIN}/`),
    ]) {
      const response = await mock.handler(request);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        class: "Client::NotFound",
        message: "Got an invalid (or empty) URL",
      });
    }
  });

  it("answers 400 to a POST or PUT body that is not JSON", async () => {
    const mock = createMockOvh();
    for (const [method, path] of [
      ["POST", "/email/domain/example.com/redirection"],
      ["PUT", "/me"],
    ]) {
      const result = await call(mock, path as string, { method, body: "from=a&to=b" });
      expect(result.status).toBe(400);
      expect(result.body).toEqual({
        class: "Client::BadRequest",
        message: "The input that you provided isn't valid JSON or not well formatted",
      });
    }
  });

  it("serves /1.0, /v1 and /v2 paths as the client builds them", async () => {
    const mock = createMockOvh();
    const v10 = await call(mock, `${ORIGIN}/1.0/me`);
    const v1 = await call(mock, `${ORIGIN}/v1/me`);
    expect(v1.body).toEqual(v10.body);
    expect((await call(mock, `${ORIGIN}/v2/iam/resource`)).status).toBe(200);
    // Versions do not nest.
    expect((await call(mock, `${ORIGIN}/1.0/v1/me`)).status).toBe(404);
  });

  it("logs each request without secrets: method, URL, path as written, status and query id", async () => {
    const mock = createMockOvh();
    await call(mock, "/me?x=1");
    await call(mock, `${ORIGIN}/v1/me/bill`);
    await mock.handler(new Request(`${BASE}/auth/time`));
    await call(mock, "/nowhere");
    const log = mock.requests;
    expect(log.map(({ method, path, status }) => [method, path, status])).toEqual([
      ["GET", "/me", 200],
      ["GET", "/v1/me/bill", 200],
      ["GET", "/auth/time", 200],
      ["GET", "/nowhere", 404],
    ]);
    expect(log[0]?.url).toBe(`${BASE}/me?x=1`);
    expect(log[0]?.queryId).toMatch(/^EU\.ext-/);
    const text = JSON.stringify(log);
    for (const secret of [DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY]) {
      expect(text).not.toContain(secret);
    }
    // A copy: callers cannot change the log.
    (log as unknown[]).length = 0;
    expect(mock.requests).toHaveLength(4);
  });

  it("keeps the last 10 000 requests of the log, however long it runs", async () => {
    const mock = createMockOvh();
    for (let i = 1; i <= 20_005; i++) await mock.handler(new Request(`${BASE}/auth/time?n=${i}`));
    const log = mock.requests;
    expect(log).toHaveLength(10_000);
    expect(log[0]?.url).toBe(`${BASE}/auth/time?n=10006`);
    expect(log.at(-1)?.url).toBe(`${BASE}/auth/time?n=20005`);
  });

  it("adds applications with generated or given keys, refusing a duplicate", async () => {
    const mock = createMockOvh();
    const generated = mock.addApplication();
    expect(generated.applicationKey).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(generated.applicationSecret).toMatch(/^[A-Za-z0-9]{32}$/);
    const given = mock.addApplication({ applicationKey: "givenAppKey00001" });
    expect(given.applicationKey).toBe("givenAppKey00001");
    expect(() => mock.addApplication({ applicationKey: "givenAppKey00001" })).toThrow(/already/);
    const apps = await call(mock, "/me/api/application");
    expect(apps.body).toHaveLength(4); // demo, the account's older one, and these two
  });

  it("adds consumer keys for registered applications only, without echoing keys in errors", () => {
    const mock = createMockOvh();
    const secretLooking = "S3cr3tL00kingApplicationKey";
    expect(() => mock.addConsumerKey({ applicationKey: secretLooking, rules: [] })).toThrow(
      /No application/,
    );
    try {
      mock.addConsumerKey({ applicationKey: secretLooking, rules: [] });
    } catch (error) {
      expect(String(error)).not.toContain(secretLooking);
    }
    expect(() =>
      mock.addConsumerKey({ applicationKey: DEMO_APPLICATION_KEY, rules: "GET /" as never }),
    ).toThrow(/rules/);
    expect(() =>
      mock.addConsumerKey({
        applicationKey: DEMO_APPLICATION_KEY,
        rules: [],
        expiration: Number.NaN,
      }),
    ).toThrow(/expiration/);
    const key = mock.addConsumerKey({ applicationKey: DEMO_APPLICATION_KEY, rules: [] });
    expect(key).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it("validates pending keys only, and says so without echoing the key", async () => {
    const mock = createMockOvh();
    const pending = mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [{ method: "GET", path: "/me" }],
      validated: false,
    });
    mock.validateConsumerKey(pending);
    mock.validateConsumerKey(pending); // already validated: nothing to do
    expect(() => mock.validateConsumerKey("unknownConsumerKey")).toThrow(/unknown/);
    try {
      mock.validateConsumerKey("unknownConsumerKey");
    } catch (error) {
      expect(String(error)).not.toContain("unknownConsumerKey");
    }
    // A key that logged out has expired: it cannot be validated again.
    const gone = mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [{ method: "POST", path: "/auth/logout" }],
    });
    const logout = await call(mock, "/auth/logout", {
      method: "POST",
      keys: { ...DEMO_KEYS, consumerKey: gone },
    });
    expect(logout.status).toBe(200);
    expect(() => mock.validateConsumerKey(gone)).toThrow(/expired/);
  });

  it("resets to the initial data, no faults and an empty log", async () => {
    const mock = createMockOvh();
    await call(mock, "/me", { method: "PUT", body: '{"firstname":"Grace"}' });
    const added = mock.addConsumerKey({ applicationKey: DEMO_APPLICATION_KEY, rules: [] });
    mock.faults.enqueue({ status: 503 }, { times: 5 });
    mock.faults.clockSkew(100);
    mock.reset();
    expect(mock.requests).toHaveLength(0);
    expect(mock.faults.pending).toBe(0);
    expect((await call(mock, "/me")).body.firstname).toBe("Ada");
    expect((await call(mock, "/me", { keys: { ...DEMO_KEYS, consumerKey: added } })).status).toBe(
      403,
    );
  });
});
