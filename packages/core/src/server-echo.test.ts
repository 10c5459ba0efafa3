/**
 * A server that repeats, in its error answers, what it was sent (the consumer key, the
 * signature, the bearer token, the client secret) or what it knows (the application secret):
 * over real HTTP, every such echo is redacted wherever the error can be seen, its message,
 * `String`, `JSON.stringify`, `util.inspect`, stack, codes, `details`, `body`, the body and
 * headers of its `response`, its cause, and the `onEvent` error event.
 */
import { inspect } from "node:util";
import { type MockServer, serve } from "@asyncovh/mock/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "./client.ts";
import type { APIError } from "./errors/api-error.ts";
import { isAPIError } from "./errors/api-error.ts";
import type { ClientEvent } from "./events.ts";
import type { ClientOptions } from "./types.ts";

const APPLICATION_KEY = "echoTestApplicationKey";
const APPLICATION_SECRET = "ECHO-application-secret-3f9c21aa";
const CONSUMER_KEY = "ECHOconsumerKey0123456789abcdefgh";
const CLIENT_ID = "echo-client";
const CLIENT_SECRET = "ECHO-client-secret-77aa0b1c";
const WRONG_CLIENT_SECRET = "ECHO-wrong-client-secret-5d4e";
const ACCESS_TOKEN = "ECHO-access-token-eyJhbGciOi.c2lnbmF0dXJl";

type Echoed = "consumerKey" | "signature" | "signatureHex" | "applicationSecret" | "token";

let server: MockServer;
/** What each request carried, by its echo target: the secret the answer repeated. */
const echoed: string[] = [];

/** The text the server repeats for `?echo=…`. */
function secretOf(request: Request, what: Echoed): string {
  const signature = request.headers.get("X-Ovh-Signature") ?? "";
  const secret = {
    consumerKey: request.headers.get("X-Ovh-Consumer") ?? "",
    signature,
    signatureHex: signature.slice(3),
    applicationSecret: APPLICATION_SECRET,
    token: (request.headers.get("Authorization") ?? "").replace(/^Bearer /, ""),
  }[what];
  expect(secret.length).toBeGreaterThan(8);
  echoed.push(secret);
  return secret;
}

async function tokenEndpoint(request: Request): Promise<Response> {
  const [id, secret] = atob((request.headers.get("Authorization") ?? "").slice(6)).split(":");
  if (id === CLIENT_ID && secret === CLIENT_SECRET) {
    return Response.json({ access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: 3600 });
  }
  echoed.push(secret as string);
  return Response.json(
    { error: "invalid_client", error_description: `client secret ${secret} is not ${CLIENT_ID}'s` },
    { status: 401, headers: { "X-Debug-Credentials": `${id}:${secret}` } },
  );
}

beforeAll(async () => {
  server = await serve(async (request) => {
    const url = new URL(request.url);
    if (url.pathname === "/auth/oauth2/token") return tokenEndpoint(request);
    const secret = secretOf(request, url.searchParams.get("echo") as Echoed);
    const headers = { "X-Echo": secret };
    if (url.searchParams.get("as") === "html") {
      return new Response(`<html><body>Bad gateway: ${secret}</body></html>`, {
        status: 502,
        headers: { ...headers, "Content-Type": "text/html" },
      });
    }
    return Response.json(
      {
        class: `Client::BadRequest::${secret}`,
        errorCode: `INVALID_${secret}`,
        message: `Invalid signature: expected one made with ${secret}`,
        details: { received: secret, nested: [{ [secret]: `again ${secret}` }] },
      },
      { status: url.searchParams.get("status") === "403" ? 403 : 400, headers },
    );
  });
});

afterAll(async () => {
  await server.close();
});

/** Every way the error can be seen, as text. */
async function views(error: APIError, events: ClientEvent[]): Promise<string[]> {
  const response = error.response;
  return [
    error.message,
    String(error),
    error.stack ?? "",
    JSON.stringify(error),
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    JSON.stringify(error.details) ?? "",
    JSON.stringify(error.body) ?? "",
    String(error.errorCode),
    String(error.errorClass),
    String(error.queryId),
    response === undefined ? "" : JSON.stringify([...response.headers]),
    response === undefined ? "" : await response.clone().text(),
    inspect(events, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
}

/** Runs a call that must fail, and checks that no view of its error holds `secrets`. */
async function expectRedacted(
  options: ClientOptions,
  call: (client: Client) => Promise<unknown>,
  secrets: () => string[],
): Promise<APIError> {
  const events: ClientEvent[] = [];
  echoed.length = 0;
  const client = new Client({
    endpoint: server.baseUrl,
    retry: 0,
    timeDelta: 0,
    onEvent: (event) => events.push(event),
    ...options,
  });
  const error = await call(client).then(
    () => expect.unreachable("the call should fail"),
    (e: unknown) => e,
  );
  expect(isAPIError(error)).toBe(true);
  const apiError = error as APIError;
  expect(events.some((event) => event.type === "error" && event.error === apiError)).toBe(true);
  // The server did echo, and the error shows where: the test sees what it checks.
  expect(echoed.length).toBeGreaterThan(0);
  const seen = await views(apiError, events);
  expect(seen.join("\n")).toContain("[redacted]");
  for (const secret of secrets()) {
    const leaks = seen.filter((view) => view.includes(secret));
    expect(leaks, `${secret} shows in:\n${leaks.join("\n---\n")}`).toEqual([]);
  }
  return apiError;
}

const signed: ClientOptions = {
  applicationKey: APPLICATION_KEY,
  applicationSecret: APPLICATION_SECRET,
  consumerKey: CONSUMER_KEY,
};
const serviceAccount: ClientOptions = {
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  tokenUrl: "",
};

describe("a server's echo of a secret is redacted", () => {
  it.each([
    ["the consumer key", "consumerKey"],
    ["the signature", "signature"],
    ["the signature's hex digest", "signatureHex"],
    ["the application secret", "applicationSecret"],
  ] as const)("%s, in a JSON error", async (_name, what) => {
    const error = await expectRedacted(
      signed,
      (client) => client.get("/me", { echo: what }),
      () => [...echoed, APPLICATION_SECRET, CONSUMER_KEY],
    );
    expect(error.status).toBe(400);
    expect(error.details).toEqual({
      received: "[redacted]",
      nested: [{ "[redacted]": "again [redacted]" }],
    });
    expect(error.errorCode).toBe("INVALID_[redacted]");
  });

  it.each([
    ["the consumer key", "consumerKey"],
    ["the signature", "signature"],
  ] as const)("%s, in an HTML page that is no JSON", async (_name, what) => {
    const error = await expectRedacted(
      signed,
      (client) => client.post(`/me?echo=${what}&as=html`, { a: 1 }),
      () => [...echoed, CONSUMER_KEY],
    );
    expect(error.name).toBe("InvalidResponse");
    expect(await error.response?.clone().text()).toBe(
      "<html><body>Bad gateway: [redacted]</body></html>",
    );
  });

  it("an OAuth2 access token the API repeats", async () => {
    const error = await expectRedacted(
      { ...serviceAccount, tokenUrl: `${server.origin}/auth/oauth2/token` },
      (client) => client.get("/me", { echo: "token", status: "403" }),
      () => [...echoed, ACCESS_TOKEN],
    );
    expect(error.status).toBe(403);
  });

  it("an OAuth2 client secret the token endpoint repeats", async () => {
    const error = await expectRedacted(
      {
        ...serviceAccount,
        clientSecret: WRONG_CLIENT_SECRET,
        tokenUrl: `${server.origin}/auth/oauth2/token`,
      },
      (client) => client.get("/me", { echo: "token" }),
      () => [WRONG_CLIENT_SECRET],
    );
    expect(error.name).toBe("OAuth2FailureError");
  });

  it("in the errors batchGet reports per id", async () => {
    const client = await new Client({ endpoint: server.baseUrl, ...signed, timeDelta: 0 }).init();
    const original = client.callWithResponse.bind(client);
    // The API's own answer for one id: its message repeats the consumer key.
    client.callWithResponse = async <T>() =>
      ({
        data: [{ key: "1", value: null, error: `no object for ${CONSUMER_KEY}` }] as T,
        status: 200,
        headers: new Headers(),
        queryId: undefined,
      }) as Awaited<ReturnType<typeof original<T>>>;
    const { errors } = await client.batchGet("/me/bill", ["1"]);
    const error = errors.get("1") as APIError;
    expect(error.message).toMatch(/^no object for \[redacted\]/);
    expect(inspect(error, { showHidden: true, depth: 8 })).not.toContain(CONSUMER_KEY);
  });

  it("in the errors batchGet reports per id, for the OAuth2 token the client fetched", async () => {
    const client = new Client({
      endpoint: server.baseUrl,
      ...serviceAccount,
      tokenUrl: `${server.origin}/auth/oauth2/token`,
    });
    // A first call fetches the token (its own error is beside the point here).
    await client.get("/me", { echo: "token" }).catch(() => undefined);
    const original = client.callWithResponse.bind(client);
    client.callWithResponse = async <T>() =>
      ({
        data: [{ key: "1", value: null, error: `token ${ACCESS_TOKEN} may not read it` }] as T,
        status: 200,
        headers: new Headers(),
        queryId: undefined,
      }) as Awaited<ReturnType<typeof original<T>>>;
    const error = (await client.batchGet("/me/bill", ["1"])).errors.get("1") as APIError;
    expect(error.message).toMatch(/^token \[redacted\] may not read it/);
    expect(inspect(error, { showHidden: true, depth: 8 })).not.toContain(ACCESS_TOKEN);
  });
});
