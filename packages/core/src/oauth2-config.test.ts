import { describe, expect, it } from "vitest";
import { BearerToken } from "./bearer-token.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { oauth2From } from "./oauth2-config.ts";

const SECRETS = ["app-secret-value", "ck-value", "client-secret-value", "token-value"];
const noFetch = () => Promise.reject(new Error("no request expected"));
const context = { fetch: noFetch, timeout: 1_000 };

const refusal = (run: () => unknown): InvalidConfiguration => {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidConfiguration);
  for (const secret of SECRETS) expect((error as Error).message).not.toContain(secret);
  return error as InvalidConfiguration;
};

describe("oauth2From", () => {
  it("leaves a client with application keys to signing", () => {
    expect(
      oauth2From(
        { endpoint: "ovh-eu", applicationKey: "ak", applicationSecret: "app-secret-value" },
        context,
      ),
    ).toBeUndefined();
    expect(oauth2From({ endpoint: "ovh-eu" }, context)).toBeUndefined();
  });

  it("uses client credentials on an endpoint with service accounts", () => {
    expect(
      oauth2From(
        { endpoint: "ovh-ca", clientId: "id", clientSecret: "client-secret-value" },
        context,
      ),
    ).toBeInstanceOf(BearerToken);
  });

  it("uses a given access token alone, on any endpoint", async () => {
    const bearer = oauth2From({ endpoint: "kimsufi-eu", accessToken: "token-value" }, context);
    expect(await bearer?.token()).toBe("token-value");
  });

  it("refuses application keys mixed with OAuth2 credentials, naming both sides", () => {
    const error = refusal(() =>
      oauth2From(
        {
          endpoint: "ovh-eu",
          applicationKey: "ak",
          consumerKey: "ck-value",
          clientId: "id",
          clientSecret: "client-secret-value",
        },
        context,
      ),
    );
    expect(error.message).toContain("OAuth2 credentials (clientId, clientSecret)");
    expect(error.message).toContain("application keys (applicationKey, consumerKey)");
    refusal(() =>
      oauth2From(
        { endpoint: "ovh-eu", applicationSecret: "app-secret-value", accessToken: "token-value" },
        context,
      ),
    );
  });

  it("refuses half of a client id / secret pair, saying which half is missing", () => {
    expect(
      refusal(() => oauth2From({ endpoint: "ovh-eu", clientId: "id" }, context)).message,
    ).toMatch(/clientSecret is missing/);
    expect(
      refusal(() =>
        oauth2From({ endpoint: "ovh-eu", clientSecret: "client-secret-value" }, context),
      ).message,
    ).toMatch(/clientId is missing.*OVH_CLIENT_ID/);
  });

  it("refuses client credentials where there is no token URL", () => {
    const creds = { clientId: "id", clientSecret: "client-secret-value" };
    expect(
      refusal(() => oauth2From({ endpoint: "soyoustart-ca", ...creds }, context)).message,
    ).toMatch(/not available on endpoint "soyoustart-ca"/);
    refusal(() => oauth2From({ endpoint: "http://127.0.0.1:9/1.0", ...creds }, context));
    expect(
      oauth2From(
        { endpoint: "http://127.0.0.1:9/1.0", ...creds },
        { ...context, tokenUrl: "http://127.0.0.1:9/token" },
      ),
    ).toBeInstanceOf(BearerToken);
  });

  it("fetches tokens from the token URL with the client's transport", async () => {
    const urls: string[] = [];
    const bearer = oauth2From(
      { endpoint: "ovh-us", clientId: "id", clientSecret: "client-secret-value" },
      {
        timeout: 1_000,
        fetch: async (input) => {
          urls.push(String(input));
          return Response.json({ access_token: "token-value", expires_in: 60 });
        },
      },
    );
    expect(await bearer?.token()).toBe("token-value");
    expect(urls).toEqual(["https://us.ovhcloud.com/auth/oauth2/token"]);
  });
});
