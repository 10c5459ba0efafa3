import { describe, expect, it } from "vitest";
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET } from "./constants.ts";
import { createMockOvh } from "./mock.ts";
import { ovhSignature } from "./signature.ts";
import { BASE, call, DEMO_KEYS, type Keys, signedRequest } from "./test-utils/requests.ts";

const NOW_MS = Date.UTC(2025, 4, 1, 12, 0, 0);
const NOW = NOW_MS / 1000;

function setup() {
  const mock = createMockOvh({ now: () => NOW_MS });
  const limited: Keys = {
    ...DEMO_KEYS,
    consumerKey: mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [
        { method: "GET", path: "/me" },
        { method: "GET", path: "/me/bill/*" },
        { method: "PUT", path: "/dedicated/server/*/burst" },
      ],
    }),
  };
  return { mock, limited };
}

const expectError = (
  result: { status: number; body: Record<string, unknown> },
  status: number,
  errorCode: string,
  message: string,
) => {
  expect(result.status).toBe(status);
  expect(result.body).toMatchObject({ errorCode, message });
  expect(result.body.httpCode).toMatch(new RegExp(`^${status} `));
  expect(result.body.class).toMatch(/^Client::/);
};

describe("signed calls are checked like OVH checks them", () => {
  it("accepts a correctly signed call within the rules", async () => {
    const { mock, limited } = setup();
    const result = await call(mock, "/me", { keys: limited, timestamp: NOW });
    expect(result.status).toBe(200);
    expect(result.body.nichandle).toBe("la12345-ovh");
  });

  it("signs the URL with its query string and the exact body bytes", async () => {
    const { mock } = setup();
    const ok = await call(mock, "/me/api/credential?status=validated", { timestamp: NOW });
    expect(ok.status).toBe(200);
    const body = '{"status":"active"}';
    const put = await call(mock, "/dedicated/server/ns3001234.ip-51-38-10.eu/burst", {
      method: "PUT",
      body,
      timestamp: NOW,
    });
    expect(put.status).toBe(200);
  });

  it("rejects a signature over another URL (a query string left out)", async () => {
    const { mock } = setup();
    const result = await call(mock, "/me/api/credential?status=validated", {
      timestamp: NOW,
      signedUrl: `${BASE}/me/api/credential`,
    });
    expectError(result, 400, "INVALID_SIGNATURE", "Invalid signature");
  });

  it("rejects a signature over another body (same JSON, other bytes)", async () => {
    const { mock } = setup();
    const result = await call(mock, "/dedicated/server/ns3001234.ip-51-38-10.eu/burst", {
      method: "PUT",
      body: '{"status":"active"}',
      signedBody: '{"status": "active"}',
      timestamp: NOW,
    });
    expectError(result, 400, "INVALID_SIGNATURE", "Invalid signature");
  });

  it("rejects a signature made with a wrong application secret", async () => {
    const { mock } = setup();
    const keys = { ...DEMO_KEYS, applicationSecret: `${DEMO_APPLICATION_SECRET}x` };
    expectError(
      await call(mock, "/me", { keys, timestamp: NOW }),
      400,
      "INVALID_SIGNATURE",
      "Invalid signature",
    );
  });

  it("rejects a missing or malformed signature", async () => {
    const { mock } = setup();
    for (const signature of ["", "$1$0000", "not a signature"]) {
      const result = await call(mock, "/me", { signature, timestamp: NOW });
      expectError(result, 400, "INVALID_SIGNATURE", "Invalid signature");
    }
  });

  it("rejects a timestamp outside the window, ahead or behind, but takes one at its edge", async () => {
    const { mock } = setup();
    for (const timestamp of [NOW - 181, NOW + 181, NOW - 86_400]) {
      expectError(
        await call(mock, "/me", { timestamp }),
        400,
        "QUERY_TIME_OUT",
        "Query out of time",
      );
    }
    for (const timestamp of [NOW - 180, NOW + 180]) {
      expect((await call(mock, "/me", { timestamp })).status).toBe(200);
    }
  });

  it("rejects a missing or non-numeric timestamp", async () => {
    const { mock } = setup();
    for (const value of ["", "soon", "1.5e9", "-1"]) {
      const request = signedRequest("/me", {
        timestamp: NOW,
        headers: { "X-Ovh-Timestamp": value },
      });
      const response = await mock.handler(request);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errorCode: "QUERY_TIME_OUT" });
    }
  });

  it("follows the window of the timestampWindow option", async () => {
    const mock = createMockOvh({ now: () => NOW_MS, timestampWindow: 5 });
    expect((await call(mock, "/me", { timestamp: NOW + 5 })).status).toBe(200);
    expectError(
      await call(mock, "/me", { timestamp: NOW + 6 }),
      400,
      "QUERY_TIME_OUT",
      "Query out of time",
    );
  });

  it("rejects an unknown application key, even with a valid consumer key", async () => {
    const { mock } = setup();
    const keys = { ...DEMO_KEYS, applicationKey: "unknownAppKey123" };
    expectError(
      await call(mock, "/me", { keys, timestamp: NOW }),
      403,
      "INVALID_KEY",
      "This application key is invalid",
    );
  });

  it("rejects an unknown consumer key", async () => {
    const { mock } = setup();
    const keys = { ...DEMO_KEYS, consumerKey: "x".repeat(32) };
    expectError(
      await call(mock, "/me", { keys, timestamp: NOW }),
      403,
      "NOT_CREDENTIAL",
      "This credential does not exist",
    );
  });

  it("rejects a consumer key that is not validated yet, then accepts it once validated", async () => {
    const { mock } = setup();
    const consumerKey = mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [{ method: "GET", path: "/*" }],
      validated: false,
    });
    const keys = { ...DEMO_KEYS, consumerKey };
    expectError(
      await call(mock, "/me", { keys, timestamp: NOW }),
      403,
      "INVALID_CREDENTIAL",
      "This credential is not valid",
    );
    mock.validateConsumerKey(consumerKey);
    expect((await call(mock, "/me", { keys, timestamp: NOW })).status).toBe(200);
  });

  it("rejects a consumer key of another application", async () => {
    const { mock } = setup();
    const other = mock.addApplication();
    const consumerKey = mock.addConsumerKey({
      applicationKey: other.applicationKey,
      rules: [{ method: "GET", path: "/*" }],
    });
    // Signed with the demo application's keys, but the consumer key belongs to `other`.
    const keys = { ...DEMO_KEYS, consumerKey };
    expectError(
      await call(mock, "/me", { keys, timestamp: NOW }),
      403,
      "INVALID_CREDENTIAL",
      "This credential is not valid",
    );
    expect(
      (await call(mock, "/me", { keys: { ...other, consumerKey }, timestamp: NOW })).status,
    ).toBe(200);
  });

  it("rejects an expired consumer key", async () => {
    let now = NOW_MS;
    const mock = createMockOvh({ now: () => now });
    const consumerKey = mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [{ method: "GET", path: "/*" }],
      expiration: NOW_MS + 60_000,
    });
    const keys = { ...DEMO_KEYS, consumerKey };
    expect((await call(mock, "/me", { keys, timestamp: NOW })).status).toBe(200);
    now = NOW_MS + 60_000;
    const result = await call(mock, "/me", { keys, timestamp: now / 1000 });
    expectError(result, 403, "INVALID_CREDENTIAL", "This credential is not valid");
  });

  it("rejects a call outside the key's rules, method and path alike", async () => {
    const { mock, limited } = setup();
    const keys = limited;
    for (const [method, path] of [
      ["GET", "/me/bill"], // `/me/bill/*` does not grant `/me/bill` itself
      ["PUT", "/me"], // GET only
      ["GET", "/me/api/credential"],
      ["GET", "/dedicated/server/ns3001234.ip-51-38-10.eu/burst"], // PUT only
    ] as const) {
      const body = method === "PUT" ? "{}" : undefined;
      const result = await call(mock, path, { method, body, keys, timestamp: NOW });
      expectError(result, 403, "NOT_GRANTED_CALL", "This call has not been granted");
    }
    expect((await call(mock, "/me/bill/FR50398710", { keys, timestamp: NOW })).status).toBe(200);
  });

  it("checks the rules against the path without the query string", async () => {
    const { mock, limited } = setup();
    const result = await call(mock, "/me?fields=all", { keys: limited, timestamp: NOW });
    expect(result.status).toBe(200);
  });

  it("matches /v1 paths against rules written without a version, and /v2 ones with it", async () => {
    const mock = createMockOvh({ now: () => NOW_MS });
    const consumerKey = mock.addConsumerKey({
      applicationKey: DEMO_APPLICATION_KEY,
      rules: [
        { method: "GET", path: "/me" },
        { method: "GET", path: "/v2/iam/*" },
      ],
    });
    const keys = { ...DEMO_KEYS, consumerKey };
    const origin = new URL(BASE).origin;
    expect((await call(mock, `${origin}/v1/me`, { keys, timestamp: NOW })).status).toBe(200);
    expect((await call(mock, `${origin}/v2/iam/resource`, { keys, timestamp: NOW })).status).toBe(
      200,
    );
    const denied = await call(mock, `${origin}/v1/me/bill`, { keys, timestamp: NOW });
    expect(denied.body.errorCode).toBe("NOT_GRANTED_CALL");
  });

  it("asks to log in when a call carries no key at all, or no consumer key", async () => {
    const { mock } = setup();
    const bare = await mock.handler(new Request(`${BASE}/me`));
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({
      errorCode: "NOT_AUTHENTICATED",
      httpCode: "401 Unauthorized",
      message: "You must login first",
    });
    const appOnly = await mock.handler(
      new Request(`${BASE}/me`, { headers: { "X-Ovh-Application": DEMO_APPLICATION_KEY } }),
    );
    expect(appOnly.status).toBe(401);
    const unknownApp = await mock.handler(
      new Request(`${BASE}/me`, { headers: { "X-Ovh-Application": "nope" } }),
    );
    expect((await unknownApp.json()).errorCode).toBe("INVALID_KEY");
  });

  it("checks in OVH's order: application, credential, time, signature, rules", async () => {
    const { mock, limited } = setup();
    // Everything wrong at once: the application key is reported first.
    const all = await call(mock, "/me/bill", {
      keys: { ...limited, applicationKey: "nope", consumerKey: "nope" },
      timestamp: 0,
      signature: "bad",
    });
    expect(all.body.errorCode).toBe("INVALID_KEY");
    const credential = await call(mock, "/me/bill", {
      keys: { ...limited, consumerKey: "nope" },
      timestamp: 0,
      signature: "bad",
    });
    expect(credential.body.errorCode).toBe("NOT_CREDENTIAL");
    const time = await call(mock, "/me/bill", { keys: limited, timestamp: 0, signature: "bad" });
    expect(time.body.errorCode).toBe("QUERY_TIME_OUT");
    const signature = await call(mock, "/me/bill", {
      keys: limited,
      timestamp: NOW,
      signature: "bad",
    });
    expect(signature.body.errorCode).toBe("INVALID_SIGNATURE");
    const rules = await call(mock, "/me/bill", { keys: limited, timestamp: NOW });
    expect(rules.body.errorCode).toBe("NOT_GRANTED_CALL");
  });

  it("records the last use of a consumer key", async () => {
    const { mock } = setup();
    const own = await call(mock, "/me/api/credential/100000001", { timestamp: NOW });
    expect(own.body.lastUse).toBe("2025-05-01T12:00:00+00:00");
  });

  it("verifies with the signature algorithm of the official clients", async () => {
    // The request is signed here by hand, independently of the test helpers.
    const { mock } = setup();
    const url = `${BASE}/me`;
    const payload = [DEMO_APPLICATION_SECRET, DEMO_KEYS.consumerKey, "GET", url, "", NOW].join("+");
    const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(payload));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(`$1$${hex}`).toBe(
      ovhSignature({ ...DEMO_KEYS, method: "GET", url, body: "", timestamp: NOW }),
    );
    const response = await mock.handler(
      new Request(url, {
        headers: {
          "X-Ovh-Application": DEMO_APPLICATION_KEY,
          "X-Ovh-Consumer": DEMO_KEYS.consumerKey,
          "X-Ovh-Timestamp": String(NOW),
          "X-Ovh-Signature": `$1$${hex}`,
        },
      }),
    );
    expect(response.status).toBe(200);
  });
});
