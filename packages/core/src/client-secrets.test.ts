/**
 * No credential ever shows: this runs the client through every failure it knows, against the
 * mock over HTTP, logs every event the way a user would (`console.log`), and then greps every
 * error (message, `String`, stack, `JSON.stringify`, `util.inspect` with hidden fields and the
 * whole cause chain), every log line and the client's own summaries for the secrets.
 */
import { inspect } from "node:util";
import type { MockOvh } from "@asyncovh/mock";
import type { MockServer } from "@asyncovh/mock/node";
import { type MockApi, startMockApi } from "@asyncovh/mock/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Client } from "./client.ts";
import { parseIni } from "./config.ts";
import { isAPIError } from "./errors/api-error.ts";
import type { ClientOptions, FetchLike } from "./types.ts";

const APPLICATION_KEY = "leakTestApplicationKey";
const APPLICATION_SECRET = "LEAK-application-secret-7f3a91c2";
const CLIENT_ID = "leak-test-client";
const CLIENT_SECRET = "LEAK-client-secret-0b8e66d4";
const WRONG_SECRET = "LEAK-wrong-secret-5c1d2e3f";
const UNKNOWN_CONSUMER_KEY = "LEAKunknownConsumerKey00000000001";

let api: MockApi<Client, ClientOptions>;
let mock: MockOvh;
let server: MockServer;
let consumerKey: string;
let narrowKey: string;
/** Every Authorization header the server saw: the access tokens handed out. */
const tokens = new Set<string>();
/** Everything that was printed or thrown. */
const outputs: string[] = [];
let errorCount = 0;

const secrets = () => [
  APPLICATION_SECRET,
  CLIENT_SECRET,
  WRONG_SECRET,
  UNKNOWN_CONSUMER_KEY,
  consumerKey,
  narrowKey,
  ...tokens,
];

/** Records every way an error can be shown. */
function record(error: unknown): void {
  errorCount++;
  expect(isAPIError(error)).toBe(true);
  const e = error as Error;
  outputs.push(
    e.message,
    String(e),
    e.stack ?? "",
    JSON.stringify(e),
    inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  );
  console.error(e);
}

/** Runs a scenario that must fail, and records how. */
async function failing(scenario: () => Promise<unknown>): Promise<void> {
  let failed = false;
  try {
    await scenario();
  } catch (error) {
    failed = true;
    record(error);
  }
  expect(failed).toBe(true);
}

const logged = (options: ClientOptions = {}): ClientOptions => ({
  endpoint: server.baseUrl,
  applicationKey: APPLICATION_KEY,
  applicationSecret: APPLICATION_SECRET,
  consumerKey,
  retry: { delay: 1 },
  // What a user would write to watch the client: every event straight to the console.
  onEvent: (event) => console.log("asyncovh", event),
  ...options,
});

const console_ = ["log", "info", "warn", "error", "debug"] as const;

beforeAll(async () => {
  for (const method of console_) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      outputs.push(
        args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: 8 }))).join(" "),
      );
    });
  }
  api = await startMockApi(Client, {
    applications: [{ applicationKey: APPLICATION_KEY, applicationSecret: APPLICATION_SECRET }],
    wrap: (handler) => async (request) => {
      const authorization = request.headers.get("Authorization");
      if (authorization?.startsWith("Bearer ")) tokens.add(authorization.slice(7));
      return handler(request);
    },
  });
  ({ mock, server } = api);
  consumerKey = mock.addConsumerKey({
    applicationKey: APPLICATION_KEY,
    rules: [{ method: "GET", path: "/*" }],
  });
  narrowKey = mock.addConsumerKey({
    applicationKey: APPLICATION_KEY,
    rules: [{ method: "GET", path: "/me" }],
  });
  mock.addServiceAccount({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await api.stop();
});

describe("secrets never show", () => {
  it("in the failures of signed calls", async () => {
    const onMe = { match: { path: "/me" } };
    await failing(() => new Client(logged({ consumerKey: undefined })).get("/me"));
    await failing(() => new Client(logged({ applicationSecret: WRONG_SECRET })).get("/me"));
    await failing(() => new Client(logged({ consumerKey: UNKNOWN_CONSUMER_KEY })).get("/me"));
    await failing(() => new Client(logged({ consumerKey: narrowKey })).get("/me/bill"));
    await failing(() => new Client(logged()).get("/me/bill/none"));
    await failing(() => new Client(logged()).post("/me/bill", { secret: "not sent" }));
    mock.faults.enqueue({ status: 503 }, { ...onMe, times: 3 });
    await failing(() => new Client(logged()).get("/me"));
    mock.faults.enqueue({ drop: true }, { ...onMe, times: 3 });
    await failing(() => new Client(logged()).get("/me"));
    mock.faults.enqueue({ interrupt: true }, onMe);
    await failing(() => new Client(logged({ retry: 0 })).get("/me"));
    mock.faults.enqueue({ truncate: true }, onMe);
    await failing(() => new Client(logged()).get("/me"));
    mock.faults.enqueue({ status: 502, body: "<html>Bad gateway</html>" }, onMe);
    await failing(() => new Client(logged({ retry: 0 })).get("/me"));
    mock.faults.enqueue({ status: 302, headers: { Location: "http://127.0.0.1:9/" } }, onMe);
    await failing(() => new Client(logged()).get("/me"));
    mock.faults.enqueue({ status: 429, retryAfter: 3600 }, onMe);
    await failing(() => new Client(logged()).get("/me"));
    await failing(() => new Client(logged({ maxResponseSize: 10 })).get("/me"));
    mock.faults.latency(5000);
    await failing(() =>
      new Client(logged({ timeDelta: 0 })).get("/me", undefined, { timeout: 50 }),
    );
    await failing(() =>
      new Client(logged({ timeDelta: 0 })).get("/me", undefined, {
        signal: AbortSignal.timeout(50),
      }),
    );
    mock.faults.latency(0);
  });

  it("in the failures of OAuth2 calls", async () => {
    const oauth2 = (options: ClientOptions = {}) =>
      new Client(
        logged({
          applicationKey: undefined,
          applicationSecret: undefined,
          consumerKey: undefined,
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          tokenUrl: `${server.origin}/auth/oauth2/token`,
          ...options,
        }),
      );
    await expect(oauth2().get("/me")).resolves.toBeTruthy();
    expect(tokens.size).toBeGreaterThan(0);
    await failing(() => oauth2({ clientSecret: WRONG_SECRET }).get("/me"));
    await failing(() => oauth2().get("/me/bill/none"));
    mock.faults.enqueue({ status: 503 }, { match: { path: "/me" }, times: 3 });
    await failing(() => oauth2().get("/me"));
  });

  it("in the messages of a transport that repeats the request", async () => {
    // A transport that puts every header of the request in its error message.
    const leaky: FetchLike = async (input, init) => {
      const headers = [...new Headers(init?.headers).entries()].map(([k, v]) => `${k}=${v}`);
      throw new TypeError(`cannot reach ${String(input)} with ${headers.join(" ")}`);
    };
    await failing(() => new Client(logged({ fetch: leaky, timeDelta: 0 })).get("/me"));
  });

  it("in configuration errors", async () => {
    await failing(async () => new Client(logged({ timeout: -1 })));
    await failing(async () => new Client(logged({ retry: { limit: -1 } })));
    await failing(async () => new Client(logged({ maxConcurrency: 0 })));
    await failing(async () => new Client(logged({ rateLimit: { requests: 0, interval: 1 } })));
    await failing(async () => new Client(logged()).get("/me", { bad: {} as never }));
    await failing(async () =>
      parseIni({ path: "ovh.conf", text: `[default]\napplication_secret ${APPLICATION_SECRET}` }),
    );
    await failing(async () =>
      parseIni({ path: "ovh.conf", text: `application_secret=${APPLICATION_SECRET}` }),
    );
  });

  it("in the client's own summaries", () => {
    const client = new Client(logged({ accessToken: undefined }));
    outputs.push(String(client), JSON.stringify(client), inspect(client, { showHidden: true }));
    console.log(client);
    const oauth2 = new Client({
      endpoint: server.baseUrl,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
    });
    outputs.push(String(oauth2), JSON.stringify(oauth2), inspect(oauth2, { showHidden: true }));
  });

  it("anywhere in what was printed or thrown", () => {
    expect(errorCount).toBeGreaterThan(20);
    // The log holds the events of every call: the test saw what it greps.
    const text = outputs.join("\n");
    expect(text).toContain("x-ovh-signature");
    expect(text).toContain("[redacted]");
    expect(text).toContain(APPLICATION_KEY);
    for (const secret of secrets()) {
      expect(secret.length).toBeGreaterThan(8);
      const lines = outputs.filter((output) => output.includes(secret));
      expect(lines, `a secret shows in:\n${lines.join("\n---\n")}`).toEqual([]);
    }
  });
});
