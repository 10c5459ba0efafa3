/**
 * The consumer-key flow end to end, over HTTP: request a key, validate it at its URL, then
 * call with it, within its rules and outside them.
 */

import { type MockApi, startMockApi } from "@asyncovh/mock/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  API_READ_ONLY,
  API_READ_WRITE,
  Client,
  type ClientOptions,
  InvalidCredential,
  NotGrantedCall,
} from "../index.ts";

let api: MockApi<Client, ClientOptions>;
beforeEach(async () => {
  api = await startMockApi(Client);
});
afterEach(() => api.stop());

describe("requesting, validating and using a consumer key", () => {
  it("works end to end, within the rules asked for", async () => {
    const client = api.client({ consumerKey: undefined });
    const request = client.newConsumerKeyRequest();
    request.addRules(API_READ_ONLY, "/me");
    request.addRecursiveRules(API_READ_WRITE, "/email/domain/example.com");
    const { validationUrl, consumerKey, state } = await request.request(
      "https://app.example/callback",
    );
    expect(state).toBe("pendingValidation");
    expect(consumerKey).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(validationUrl.startsWith(`${api.server.origin}/auth/?credentialToken=`)).toBe(true);

    // Stored in the client, but not usable until the user validates it.
    await expect(client.get("/me")).rejects.toBeInstanceOf(InvalidCredential);

    const page = await fetch(validationUrl, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("https://app.example/callback");

    expect(await client.get("/me")).toMatchObject({ nichandle: "la12345-ovh" });
    const task = await client.post("/email/domain/example.com/redirection", {
      _from: "hello@example.com",
      to: "ada@example.net",
      localCopy: true,
    });
    expect(task).toMatchObject({ action: "add" });
    await expect(client.put("/me", { firstname: "Eve" })).rejects.toBeInstanceOf(NotGrantedCall);
    await expect(client.get("/me/bill")).rejects.toBeInstanceOf(NotGrantedCall);

    // The account sees the new key with its rules.
    const admin = api.client();
    const [id] = (await admin.get<number[]>("/me/api/credential", { status: "validated" })).slice(
      -1,
    );
    const credential = await admin.get<{ rules: unknown[] }>(`/me/api/credential/${id}`);
    expect(credential.rules).toEqual([
      { method: "GET", path: "/me" },
      ...["GET", "POST", "PUT", "DELETE"].map((method) => ({
        method,
        path: "/email/domain/example.com",
      })),
      ...["GET", "POST", "PUT", "DELETE"].map((method) => ({
        method,
        path: "/email/domain/example.com/*",
      })),
    ]);
  });

  it("validates without a redirection too, and a key deleted afterwards stops working", async () => {
    const client = api.client({ consumerKey: undefined });
    const { validationUrl } = await client.newConsumerKeyRequest().addRule("GET", "/me").request();
    const page = await fetch(validationUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("validated");
    expect(await client.get("/me")).toMatchObject({ firstname: "Ada" });
    const admin = api.client();
    const [id] = (await admin.get<number[]>("/me/api/credential")).slice(-1);
    await admin.delete(`/me/api/credential/${id}`);
    await expect(client.get("/me")).rejects.toMatchObject({ errorCode: "NOT_CREDENTIAL" });
  });
});
