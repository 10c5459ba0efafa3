import { NotGrantedCall } from "asyncovh";
import { describe, expect, it } from "vitest";
import { exampleApi, keyFor } from "./test-utils/mock-api.ts";
import { welcome } from "./welcome.ts";

describe("welcome", () => {
  it("greets the account owner by first name", async () => {
    const api = await exampleApi();
    const me = await welcome(api.client(), api.print);
    expect(api.lines).toEqual(["Welcome, Ada"]);
    expect(me.nichandle).toBe("la12345-ovh");
  });

  it("prints nothing when the consumer key may not read /me", async () => {
    const api = await exampleApi();
    const client = api.client({ consumerKey: keyFor(api, [{ method: "GET", path: "/me/bill" }]) });
    await expect(welcome(client, api.print)).rejects.toBeInstanceOf(NotGrantedCall);
    expect(api.lines).toEqual([]);
  });
});
