import {
  ENDPOINTS,
  type FetchLike,
  InvalidConfiguration,
  InvalidKey,
  InvalidRegion,
} from "@asyncovh/core";
import {
  createMockOvh,
  DEMO_APPLICATION_KEY,
  DEMO_APPLICATION_SECRET,
  DEMO_CONSUMER_KEY,
} from "@asyncovh/mock";
import { describe, expect, it } from "vitest";
import { createWorkersConfigLoader } from "./config-loader.ts";
import { Client, clientFromEnv } from "./index.ts";

/** The mock OVH API in memory, answering whatever endpoint the client calls; keeps each request. */
function mockApi() {
  const mock = createMockOvh();
  const requests: Request[] = [];
  const fetch: FetchLike = (input, init) => {
    const request = new Request(input, init);
    requests.push(request);
    return mock.fetch(request);
  };
  return { fetch, requests };
}

const secrets = {
  OVH_ENDPOINT: "ovh-ca",
  OVH_APPLICATION_KEY: DEMO_APPLICATION_KEY,
  OVH_APPLICATION_SECRET: DEMO_APPLICATION_SECRET,
  OVH_CONSUMER_KEY: DEMO_CONSUMER_KEY,
};

describe("a Worker's env bindings", () => {
  it("configure the client, which signs with them", async () => {
    const { fetch, requests } = mockApi();
    const client = new Client({ env: secrets, fetch });

    // The mock checks the application key, the consumer key and the signature.
    expect(await client.get("/me")).toMatchObject({ nichandle: expect.any(String) });
    expect(client.endpoint).toBe(ENDPOINTS["ovh-ca"]);
    const me = requests.at(-1) as Request;
    expect(me.url).toBe(`${ENDPOINTS["ovh-ca"]}/me`);
    expect(me.headers.get("X-Ovh-Application")).toBe(DEMO_APPLICATION_KEY);
    expect(me.headers.get("X-Ovh-Consumer")).toBe(DEMO_CONSUMER_KEY);
  });

  it("give way to explicit options", async () => {
    const client = clientFromEnv(secrets, { endpoint: "ovh-eu", fetch: mockApi().fetch });
    await client.init();
    expect(client.endpoint).toBe(ENDPOINTS["ovh-eu"]);
    expect(client.applicationKey).toBe(DEMO_APPLICATION_KEY);
  });

  it("ignore bindings that are not asyncovh's, such as a KV namespace", async () => {
    const sources = await createWorkersConfigLoader({ ...secrets, CACHE: { get() {} } })({});
    expect(Object.keys(sources.env ?? {})).not.toContain("CACHE");
  });

  it("refuse an OVH_* binding that is not a string, naming it", async () => {
    const loader = createWorkersConfigLoader({ OVH_APPLICATION_SECRET: { get() {} } });
    await expect(loader({})).rejects.toThrow(
      "The Worker binding OVH_APPLICATION_SECRET is an object, not a string",
    );
    await expect(createWorkersConfigLoader({ OVH_ENDPOINT: null })({})).rejects.toThrow(
      "OVH_ENDPOINT is null",
    );
    await expect(createWorkersConfigLoader({ OVH_ENDPOINT: 1 })({})).rejects.toThrow(
      "OVH_ENDPOINT is a number",
    );
  });

  it("refuse an env that is not an object", async () => {
    const loader = createWorkersConfigLoader("env" as never);
    await expect(loader({})).rejects.toBeInstanceOf(InvalidConfiguration);
  });
});

/** What `promise` rejects with. */
const rejection = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error as Error,
  );

describe("missing values", () => {
  it("name the Worker secrets to set, and no file, which a Worker cannot read", async () => {
    const env = { OVH_ENDPOINT: "ovh-eu", OVH_APPLICATION_KEY: DEMO_APPLICATION_KEY };
    const error = await rejection(new Client({ env, fetch: mockApi().fetch }).get("/me"));
    expect(error).toBeInstanceOf(InvalidKey);
    expect(error.message).toBe(
      "A signed call needs application secret, consumer key: pass them as options or set OVH_APPLICATION_KEY / OVH_APPLICATION_SECRET / OVH_CONSUMER_KEY; a service account instead takes clientId and clientSecret (OVH_CLIENT_ID / OVH_CLIENT_SECRET) (GET /me). In a Worker, set each key as a secret (npx --yes wrangler secret put OVH_APPLICATION_SECRET, and so on) and OVH_ENDPOINT under [vars] in wrangler.toml.",
    );
  });

  it("name the var that sets the endpoint, and no file", async () => {
    const error = await rejection(new Client({ env: {} }).init());
    expect(error).toBeInstanceOf(InvalidRegion);
    expect(error.message).toBe(
      'No endpoint configured: pass `endpoint` (e.g. "ovh-eu") or set OVH_ENDPOINT. In a Worker, set each key as a secret (npx --yes wrangler secret put OVH_APPLICATION_SECRET, and so on) and OVH_ENDPOINT under [vars] in wrangler.toml.',
    );
  });

  it("say that the env was not passed, when it was not", async () => {
    const init = new Client().init();
    await expect(init).rejects.toBeInstanceOf(InvalidRegion);
    await expect(init).rejects.toThrow(/given no Worker env: pass the env argument/);
  });

  it("do not come from a config file, which a Worker does not have", async () => {
    const init = new Client({ env: secrets }).init({ configFile: "ovh.conf" });
    await expect(init).rejects.toBeInstanceOf(InvalidConfiguration);
    await expect(init).rejects.toThrow(/A Worker has no files/);
  });
});
