import { describe, expect, it } from "vitest";
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY } from "../constants.ts";
import { createMockOvh } from "../mock.ts";
import { call, DEMO_KEYS, send } from "../test-utils/requests.ts";

describe("/me/api/credential", () => {
  it("lists credential ids, filtered by status and application", async () => {
    const mock = createMockOvh();
    const all = (await call(mock, "/me/api/credential")).body;
    expect(all).toEqual([100000001, 100000002, 100000003, 100000004]);
    const byStatus = async (status: string) =>
      (await call(mock, `/me/api/credential?status=${status}`)).body;
    expect(await byStatus("validated")).toEqual([100000001]);
    expect(await byStatus("expired")).toEqual([100000002]);
    expect(await byStatus("refused")).toEqual([100000003]);
    expect(await byStatus("pendingValidation")).toEqual([100000004]);
    const demo = (await call(mock, "/me/api/credential/100000001")).body.applicationId;
    expect((await call(mock, `/me/api/credential?applicationId=${demo}`)).body).toEqual([
      100000001,
    ]);
    expect((await call(mock, "/me/api/credential?status=lost")).status).toBe(400);
  });

  it("details a credential as an auth.ApiCredential", async () => {
    const { body } = await call(createMockOvh(), "/me/api/credential/100000002");
    expect(body).toEqual({
      allowedIPs: null,
      applicationId: 9001,
      creation: "2023-03-10T12:00:00+00:00",
      credentialId: 100000002,
      expiration: "2023-04-09T12:00:00+00:00",
      lastUse: "2023-03-12T12:00:00+00:00",
      ovhSupport: false,
      rules: [{ method: "GET", path: "/me/*" }],
      status: "expired",
    });
  });

  it("shows a key added to the mock, and the key's expiry as the clock passes it", async () => {
    let now = Date.UTC(2025, 0, 1);
    const mock = createMockOvh({ now: () => now });
    mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [{ method: "GET", path: "/me" }],
      expiration: new Date(Date.UTC(2025, 0, 2)),
    });
    const timestamp = () => Math.floor(now / 1000);
    const [id] = (
      await call(mock, "/me/api/credential?status=validated", { timestamp: timestamp() })
    ).body.slice(-1);
    expect(
      (await call(mock, `/me/api/credential/${id}`, { timestamp: timestamp() })).body,
    ).toMatchObject({
      status: "validated",
      expiration: "2025-01-02T00:00:00+00:00",
    });
    now = Date.UTC(2025, 0, 3);
    expect(
      (await call(mock, `/me/api/credential/${id}`, { timestamp: timestamp() })).body.status,
    ).toBe("expired");
  });

  it("changes allowedIPs on PUT, and nothing else", async () => {
    const mock = createMockOvh();
    const put = await send(mock, "PUT", "/me/api/credential/100000002", {
      allowedIPs: ["192.0.2.0/24"],
      status: "validated",
    });
    expect(put.status).toBe(200);
    const { body } = await call(mock, "/me/api/credential/100000002");
    expect(body).toMatchObject({ allowedIPs: ["192.0.2.0/24"], status: "expired" });
    await send(mock, "PUT", "/me/api/credential/100000002", { allowedIPs: null });
    expect((await call(mock, "/me/api/credential/100000002")).body.allowedIPs).toBeNull();
    expect(
      (await send(mock, "PUT", "/me/api/credential/100000002", { allowedIPs: "x" })).status,
    ).toBe(400);
    expect((await send(mock, "PUT", "/me/api/credential/100000002", { secret: 1 })).status).toBe(
      400,
    );
  });

  it("deletes a credential, which revokes its key at once", async () => {
    const mock = createMockOvh();
    const consumerKey = mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [{ method: "GET", path: "/me" }],
    });
    const id = (await call(mock, "/me/api/credential")).body.at(-1);
    const deleted = await call(mock, `/me/api/credential/${id}`, { method: "DELETE" });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toBeNull();
    expect((await call(mock, `/me/api/credential/${id}`)).status).toBe(404);
    const revoked = await call(mock, "/me", { keys: { ...DEMO_KEYS, consumerKey } });
    expect(revoked.body.errorCode).toBe("NOT_CREDENTIAL");
  });

  it("answers 404 for an unknown credential and 400 for an id that is not a number", async () => {
    const mock = createMockOvh();
    const missing = await call(mock, "/me/api/credential/42");
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe("The requested object (credentialId = 42) does not exist");
    expect((await call(mock, "/me/api/credential/abc")).status).toBe(400);
    expect((await call(mock, "/me/api/credential/42/application")).status).toBe(404);
  });

  it("answers the application of a credential, never its secret", async () => {
    const { body } = await call(createMockOvh(), "/me/api/credential/100000001/application");
    expect(body).toEqual({
      applicationId: expect.any(Number),
      applicationKey: DEMO_APPLICATION_KEY,
      description: expect.any(String),
      name: "asyncovh-demo",
      status: "active",
    });
    expect(JSON.stringify(body)).not.toContain(DEMO_APPLICATION_SECRET);
  });
});

describe("/me/api/application", () => {
  it("lists and details the account's applications", async () => {
    const mock = createMockOvh();
    const ids = (await call(mock, "/me/api/application")).body;
    expect(ids).toHaveLength(2);
    const apps = await Promise.all(
      ids.map((id: number) => call(mock, `/me/api/application/${id}`)),
    );
    expect(apps.map((a) => a.body.name).sort()).toEqual(["asyncovh-demo", "backup-script"]);
    expect((await call(mock, "/me/api/application/1")).status).toBe(404);
  });

  it("deletes an application with its credentials", async () => {
    const mock = createMockOvh();
    const other = mock.addApplication();
    const consumerKey = mock.addConsumerKey({
      applicationKey: other.applicationKey,
      rules: [{ method: "GET", path: "/me" }],
    });
    const id = (await call(mock, "/me/api/application")).body.at(-1);
    expect((await call(mock, `/me/api/application/${id}`, { method: "DELETE" })).status).toBe(200);
    const after = await call(mock, "/me", { keys: { ...other, consumerKey } });
    expect(after.body.errorCode).toBe("INVALID_KEY");
    // The demo application and its key are untouched.
    expect((await call(mock, "/me")).status).toBe(200);
    expect(DEMO_KEYS.consumerKey).toBe(DEMO_CONSUMER_KEY);
  });
});
