import { InvalidCredential, NotGrantedCall } from "asyncovh";
import { describe, expect, it } from "vitest";
import { authorizeConsumerKey } from "./consumer-key.ts";
import { exampleApi } from "./test-utils/mock-api.ts";

/** Logs in at the validation page, as the user's browser would. */
async function visit(validationUrl: string): Promise<void> {
  const page = await fetch(validationUrl);
  await page.body?.cancel();
  expect(page.ok).toBe(true);
}

describe("authorizeConsumerKey", () => {
  it("sends the user to the validation page, then greets them with the new key", async () => {
    const api = await exampleApi();
    const client = api.client({ consumerKey: undefined });
    const visited: string[] = [];

    const consumerKey = await authorizeConsumerKey(client, api.print, {
      waitForValidation: async (url) => {
        visited.push(url);
        await visit(url);
      },
    });

    expect(visited).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=\w+$/),
    ]);
    expect(api.lines).toEqual([
      `Please visit ${visited[0]} to authenticate`,
      "Welcome, Ada",
      `Btw, your 'consumerKey' is '${consumerKey}'`,
    ]);
    // The key reads /me and nothing else.
    await expect(api.client({ consumerKey }).get("/me/bill")).rejects.toBeInstanceOf(
      NotGrantedCall,
    );
  });

  it("cannot greet a user who has not validated the key", async () => {
    const api = await exampleApi();
    const waiting = authorizeConsumerKey(api.client({ consumerKey: undefined }), api.print, {
      waitForValidation: async () => {},
    });
    await expect(waiting).rejects.toBeInstanceOf(InvalidCredential);
    expect(api.lines).toHaveLength(1);
  });
});
