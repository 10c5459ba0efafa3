import { describe, expect, it } from "vitest";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { OAuth2FailureError } from "./errors/oauth2-failure-error.ts";
import {
  OAUTH2_TOKEN_URLS,
  requestClientCredentialsToken,
  resolveTokenUrl,
  type TokenRequest,
} from "./oauth2.ts";

const SECRET = "s3cr3t-client-secret";
const TOKEN = "eyJ.token-value.sig";

/** A token endpoint that records what it received and answers `reply`. */
function tokenServer(reply: () => Response) {
  const seen: Request[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    seen.push(new Request(input, init));
    return reply();
  };
  return { seen, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

const request = (fetch: TokenRequest["fetch"], now = () => 1_000_000): TokenRequest => ({
  tokenUrl: "https://auth.example/oauth2/token",
  clientId: "my-client",
  clientSecret: SECRET,
  fetch,
  timeout: 5_000,
  now,
});

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OAuth2FailureError);
  const text = `${(error as Error).message} ${JSON.stringify(error)}`;
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(TOKEN);
  return error as OAuth2FailureError;
};

describe("resolveTokenUrl", () => {
  it("knows the token URL of ovh-eu, ovh-ca and ovh-us, as python-ovh does", () => {
    expect(resolveTokenUrl("ovh-eu")).toBe("https://www.ovh.com/auth/oauth2/token");
    expect(resolveTokenUrl("ovh-ca")).toBe("https://ca.ovh.com/auth/oauth2/token");
    expect(resolveTokenUrl("ovh-us")).toBe("https://us.ovhcloud.com/auth/oauth2/token");
    expect(Object.keys(OAUTH2_TOKEN_URLS)).toEqual(["ovh-eu", "ovh-ca", "ovh-us"]);
  });

  it("takes an explicit tokenUrl over the endpoint's, for custom endpoints and newer hosts", () => {
    expect(resolveTokenUrl("ovh-eu", "https://auth.eu.ovhcloud.com/oauth2/token")).toBe(
      "https://auth.eu.ovhcloud.com/oauth2/token",
    );
    expect(resolveTokenUrl("http://127.0.0.1:8080/1.0", "http://127.0.0.1:8080/token")).toBe(
      "http://127.0.0.1:8080/token",
    );
  });

  it("refuses a tokenUrl that is not a plain absolute http(s) URL", () => {
    for (const bad of [
      "/auth/token",
      "ftp://x/token",
      "https://u:p@x/token",
      "https://x/t#f",
      42,
    ]) {
      expect(() => resolveTokenUrl("ovh-eu", bad as string)).toThrow(InvalidConfiguration);
    }
  });

  it("says that kimsufi and soyoustart have no service accounts", () => {
    expect(() => resolveTokenUrl("kimsufi-eu")).toThrow(
      /not available on endpoint "kimsufi-eu" \(only ovh-eu, ovh-ca, ovh-us\)/,
    );
  });

  it("asks for tokenUrl on a custom endpoint", () => {
    expect(() => resolveTokenUrl("http://127.0.0.1:1/1.0")).toThrow(/pass the `tokenUrl` option/);
  });
});

describe("requestClientCredentialsToken", () => {
  it("POSTs grant_type=client_credentials&scope=all with the client as HTTP Basic credentials", async () => {
    const server = tokenServer(() =>
      json({ access_token: TOKEN, token_type: "Bearer", expires_in: 3600, scope: "all" }),
    );
    await requestClientCredentialsToken(request(server.fetch));
    const [sent] = server.seen as [Request];
    expect(sent.method).toBe("POST");
    expect(sent.url).toBe("https://auth.example/oauth2/token");
    expect(sent.headers.get("Content-Type")).toBe("application/x-www-form-urlencoded");
    expect(sent.headers.get("Accept")).toBe("application/json");
    const basic = sent.headers.get("Authorization") ?? "";
    expect(basic.startsWith("Basic ")).toBe(true);
    expect(atob(basic.slice(6))).toBe(`my-client:${SECRET}`);
    const form = new URLSearchParams(await sent.text());
    expect([...form]).toEqual([
      ["grant_type", "client_credentials"],
      ["scope", "all"],
    ]);
  });

  it("encodes non-ASCII credentials as UTF-8", async () => {
    const server = tokenServer(() => json({ access_token: TOKEN, expires_in: 60 }));
    await requestClientCredentialsToken({ ...request(server.fetch), clientSecret: "é" });
    const basic = (server.seen[0] as Request).headers.get("Authorization") as string;
    const bytes = Uint8Array.from(atob(basic.slice(6)), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe("my-client:é");
  });

  it("returns the token and its expiry, counted from when the request started", async () => {
    let now = 1_000_000;
    const server = tokenServer(() => {
      now += 500; // the request takes 0.5 s
      return json({ access_token: TOKEN, token_type: "bearer", expires_in: 3600 });
    });
    const token = await requestClientCredentialsToken(request(server.fetch, () => now));
    expect(token).toEqual({ value: TOKEN, expiresAt: 1_000_000 + 3_600_000 });
  });

  it("leaves the expiry unknown when the server does not give expires_in", async () => {
    const server = tokenServer(() => json({ access_token: TOKEN }));
    expect(await requestClientCredentialsToken(request(server.fetch))).toEqual({
      value: TOKEN,
      expiresAt: undefined,
    });
  });

  it("turns a refusal into an OAuth2FailureError with OAuth2's error code, never the secret", async () => {
    const server = tokenServer(() =>
      json({ error: "invalid_client", error_description: "bad client credentials" }, 401),
    );
    const error = await failure(requestClientCredentialsToken(request(server.fetch)));
    expect(error.status).toBe(401);
    expect(error.errorCode).toBe("invalid_client");
    expect(error.message).toContain("invalid_client: bad client credentials");
    expect(error.message).toContain("POST https://auth.example/oauth2/token: HTTP 401");
    expect(error.message).toContain("OVH_CLIENT_ID / OVH_CLIENT_SECRET");
  });

  it("reports a refusal without a JSON body by its status", async () => {
    const server = tokenServer(() => new Response("<html>oops</html>", { status: 503 }));
    const error = await failure(requestClientCredentialsToken(request(server.fetch)));
    expect(error.status).toBe(503);
    expect(error.errorCode).toBeUndefined();
    expect(error.message).toMatch(/^OAuth2 token request refused \(POST/);
  });

  it("refuses a 2xx answer that is not a bearer token, without quoting it", async () => {
    for (const body of [
      { token: TOKEN },
      { access_token: "" },
      { access_token: TOKEN, token_type: "mac" },
      { access_token: TOKEN, token_type: 1 },
      { access_token: TOKEN, expires_in: "3600" },
      { access_token: TOKEN, expires_in: 0 },
    ]) {
      const server = tokenServer(() => json(body));
      const error = await failure(requestClientCredentialsToken(request(server.fetch)));
      expect(error.message).toContain("not a bearer token");
      expect(error.body).toBeUndefined();
    }
    const server = tokenServer(() => new Response("not json"));
    await failure(requestClientCredentialsToken(request(server.fetch)));
  });

  it("turns a network failure into an OAuth2FailureError that keeps the cause", async () => {
    const cause = new TypeError("fetch failed");
    const error = await failure(
      requestClientCredentialsToken(
        request(() => Promise.reject(cause)) as TokenRequest & { fetch: never },
      ),
    );
    expect(error.cause).toBe(cause);
    expect(error.message).toContain("fetch failed");
    const odd = await failure(requestClientCredentialsToken(request(() => Promise.reject("x"))));
    expect(odd.message).toContain("failed: x");
  });

  it("gives up after its timeout", async () => {
    const hang = (_: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const error = await failure(
      requestClientCredentialsToken({ ...request(hang), timeout: 20, now: undefined }),
    );
    expect((error.cause as Error).name).toBe("TimeoutError");
  });
});
