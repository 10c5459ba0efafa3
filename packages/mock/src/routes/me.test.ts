import { describe, expect, it } from "vitest";
import { createMockOvh } from "../mock.ts";
import { call, send } from "../test-utils/requests.ts";

describe("/me", () => {
  it("answers the account as a nichandle.Nichandle", async () => {
    const { status, body } = await call(createMockOvh(), "/me");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      nichandle: "la12345-ovh",
      firstname: "Ada",
      name: "Lovelace",
      email: "ada@example.com",
      country: "FR",
      currency: { code: "EUR", symbol: "EURO" },
      ovhSubsidiary: "FR",
      state: "complete",
    });
  });

  it("changes writable properties on PUT, and keeps read-only ones", async () => {
    const mock = createMockOvh();
    const put = await send(mock, "PUT", "/me", {
      firstname: "Grace",
      city: null,
      nichandle: "hacked-ovh",
      email: "other@example.com",
    });
    expect(put.status).toBe(200);
    expect(put.body).toBeNull();
    const { body } = await call(mock, "/me");
    expect(body).toMatchObject({ firstname: "Grace", city: null, nichandle: "la12345-ovh" });
    expect(body.email).toBe("ada@example.com");
  });

  it("refuses unknown properties", async () => {
    const result = await send(createMockOvh(), "PUT", "/me", { favouriteColour: "blue" });
    expect(result.status).toBe(400);
    expect(result.body.message).toBe("Unknown body parameter favouriteColour");
  });

  it("refuses a body that is not an object", async () => {
    for (const value of [[1], "Grace", 3]) {
      const result = await send(createMockOvh(), "PUT", "/me", value);
      expect(result.status).toBe(400);
    }
  });
});
