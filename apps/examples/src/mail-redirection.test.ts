import { ResourceNotFoundError } from "asyncovh";
import { describe, expect, it } from "vitest";
import { addMailRedirection, EXAMPLE_REDIRECTION } from "./mail-redirection.ts";
import { exampleApi } from "./test-utils/mock-api.ts";

describe("addMailRedirection", () => {
  it("creates the README's redirection, sending _from as from", async () => {
    const api = await exampleApi();
    const client = api.client();

    await addMailRedirection(client, api.print);

    expect(api.lines).toEqual([
      "Installed new mail redirection from sales@example.com to contact@example.com",
    ]);
    const ids = await client.get<string[]>("/email/domain/example.com/redirection", {
      _from: EXAMPLE_REDIRECTION.from,
    });
    expect(ids).toHaveLength(1);
    expect(await client.get(`/email/domain/example.com/redirection/${ids[0]}`)).toMatchObject({
      from: "sales@example.com",
      to: "contact@example.com",
    });
  });

  it("says nothing when the domain is not on the account", async () => {
    const api = await exampleApi();
    const redirection = {
      domain: "not-mine.example",
      from: "a@not-mine.example",
      to: "b@x.example",
    };
    await expect(addMailRedirection(api.client(), api.print, redirection)).rejects.toBeInstanceOf(
      ResourceNotFoundError,
    );
    expect(api.lines).toEqual([]);
  });
});
