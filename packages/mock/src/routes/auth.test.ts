import { describe, expect, it } from "vitest";
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET } from "../constants.ts";
import { createMockOvh } from "../mock.ts";
import { BASE, call, DEMO_KEYS, ORIGIN } from "../test-utils/requests.ts";

const NOW_MS = Date.UTC(2025, 4, 1, 12, 0, 0);

const requestCredential = (
  mock: ReturnType<typeof createMockOvh>,
  body: unknown,
  appKey = DEMO_APPLICATION_KEY,
) =>
  mock.handler(
    new Request(`${BASE}/auth/credential`, {
      method: "POST",
      headers: { "X-Ovh-Application": appKey, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

describe("GET /auth/time", () => {
  it("answers the server's Unix time in whole seconds, unsigned", async () => {
    const mock = createMockOvh({ now: () => NOW_MS + 999 });
    const response = await mock.handler(new Request(`${BASE}/auth/time`));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(String(NOW_MS / 1000));
  });
});

describe("POST /auth/credential", () => {
  it("creates a pending consumer key and a validation URL on the mock's own origin", async () => {
    const mock = createMockOvh({ now: () => NOW_MS });
    const response = await requestCredential(mock, {
      accessRules: [{ method: "GET", path: "/me" }],
      redirection: "https://app.example/callback",
      allowedIPs: null,
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.state).toBe("pendingValidation");
    expect(body.consumerKey).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(body.validationUrl).toMatch(
      new RegExp(`^${ORIGIN}/auth/\\?credentialToken=[A-Za-z0-9]+$`),
    );
    // Not usable before validation.
    const early = await call(mock, "/me", {
      keys: { ...DEMO_KEYS, consumerKey: body.consumerKey },
      timestamp: NOW_MS / 1000,
    });
    expect(early.body.errorCode).toBe("INVALID_CREDENTIAL");
  });

  it("lists the new key as pending in /me/api/credential, with its rules", async () => {
    const mock = createMockOvh({ now: () => NOW_MS });
    await requestCredential(mock, { accessRules: [{ method: "DELETE", path: "/sms/*" }] });
    const ids = await call(mock, "/me/api/credential?status=pendingValidation", {
      timestamp: NOW_MS / 1000,
    });
    const details = await Promise.all(
      ids.body.map((id: number) =>
        call(mock, `/me/api/credential/${id}`, { timestamp: NOW_MS / 1000 }),
      ),
    );
    expect(details.map((d) => d.body.rules)).toContainEqual([{ method: "DELETE", path: "/sms/*" }]);
  });

  it("needs a known application key, and no signature", async () => {
    const mock = createMockOvh();
    const unknown = await requestCredential(
      mock,
      { accessRules: [{ method: "GET", path: "/" }] },
      "nope",
    );
    expect(unknown.status).toBe(403);
    expect(await unknown.json()).toMatchObject({ errorCode: "INVALID_KEY" });
    const none = await mock.handler(
      new Request(`${BASE}/auth/credential`, { method: "POST", body: "{}" }),
    );
    expect((await none.json()).errorCode).toBe("INVALID_KEY");
  });

  it("refuses malformed rules, redirections and IP lists", async () => {
    const mock = createMockOvh();
    for (const body of [
      {},
      { accessRules: [] },
      { accessRules: "GET /me" },
      { accessRules: [{ method: "PATCH", path: "/me" }] },
      { accessRules: [{ method: "get", path: "/me" }] },
      { accessRules: [{ method: "GET", path: "me" }] },
      { accessRules: [{ method: "GET" }] },
      { accessRules: [{ method: "GET", path: "/me", extra: 1 }] },
      { accessRules: [{ method: "GET", path: "/me" }], redirection: 42 },
      { accessRules: [{ method: "GET", path: "/me" }], allowedIPs: "1.2.3.4" },
      { accessRules: [{ method: "GET", path: "/me" }], allowedIPs: [1] },
      { accessRules: [{ method: "GET", path: "/me" }], unknown: true },
    ]) {
      const response = await requestCredential(mock, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).class).toBe("Client::BadRequest");
    }
  });
});

describe("GET /auth/currentCredential and POST /auth/logout", () => {
  it("describe the calling key, then expire it", async () => {
    const mock = createMockOvh({ now: () => NOW_MS });
    const consumerKey = mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [
        { method: "GET", path: "/auth/currentCredential" },
        { method: "POST", path: "/auth/logout" },
      ],
    });
    const keys = { ...DEMO_KEYS, consumerKey };
    const timestamp = NOW_MS / 1000;
    const current = await call(mock, "/auth/currentCredential", { keys, timestamp });
    expect(current.body).toMatchObject({
      status: "validated",
      rules: [
        { method: "GET", path: "/auth/currentCredential" },
        { method: "POST", path: "/auth/logout" },
      ],
      ovhSupport: false,
      expiration: null,
    });
    const logout = await call(mock, "/auth/logout", { method: "POST", keys, timestamp });
    expect(logout.status).toBe(200);
    expect(logout.body).toBeNull();
    const after = await call(mock, "/auth/currentCredential", { keys, timestamp });
    expect(after.body.errorCode).toBe("INVALID_CREDENTIAL");
  });

  it("never include the keys themselves", async () => {
    const mock = createMockOvh();
    const current = await call(mock, "/auth/currentCredential");
    const text = JSON.stringify(current.body);
    expect(text).not.toContain(DEMO_KEYS.consumerKey);
    expect(text).not.toContain(DEMO_APPLICATION_SECRET);
  });
});
