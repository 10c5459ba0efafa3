import { Agent } from "node:https";
import { Client } from "@asyncovh/core";
import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
import { createTestCertificate } from "@asyncovh/mock/node";
import * as asyncovh from "asyncovh";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveMinimal } from "./minimal-server.ts";

// The Node entry's transport (the types of the package's default condition do not name it).
const { createNodeFetch } = asyncovh as unknown as {
  createNodeFetch: (options: { httpsAgent: Agent }) => asyncovh.FetchLike;
};

describe("serveMinimal", () => {
  const mock = createMockOvh();
  let server: Awaited<ReturnType<typeof serveMinimal>>;
  let agent: Agent;
  const clientOf = (applicationSecret: string) =>
    new Client({
      endpoint: server.baseUrl,
      fetch: createNodeFetch({ httpsAgent: agent }),
      ...DEMO_CREDENTIALS,
      applicationSecret,
    });

  beforeAll(async () => {
    const certificate = await createTestCertificate();
    server = await serveMinimal(mock, certificate);
    agent = new Agent({ ca: certificate.ca, keepAlive: true });
  }, 30_000);
  afterAll(async () => {
    agent.destroy();
    await server.close();
  });

  it("answers a signed GET /me over HTTPS as the mock does: same body, same headers", async () => {
    const fromMock = await new Client({
      endpoint: "https://127.0.0.1/1.0",
      fetch: mock.fetch,
      ...DEMO_CREDENTIALS,
    }).rawCall("GET", "/me");
    const client = clientOf(DEMO_CREDENTIALS.applicationSecret);
    const answer = await client.rawCall("GET", "/me");
    expect(answer.status).toBe(200);
    const body = await fromMock.text();
    expect(await answer.text()).toBe(body);
    for (const name of ["content-type", "cache-control"]) {
      expect(answer.headers.get(name), name).toBe(fromMock.headers.get(name));
    }
    // The query ID taken once, of the mock's shape (each of the mock's answers has its own).
    expect(answer.headers.get("x-ovh-queryid")).toMatch(/^EU\.ext-\d+\./);
    expect(await client.get("/me")).toEqual(JSON.parse(body));
  });

  it("answers GET /auth/time with the time, so that a client syncs its clock against it", async () => {
    const time = await clientOf("unused").get<number>("/auth/time", undefined, { needAuth: false });
    expect(Math.abs(time - Date.now() / 1000)).toBeLessThan(5);
  });

  it("checks nothing: a call signed with the wrong secret gets the same answer", async () => {
    const right = await clientOf(DEMO_CREDENTIALS.applicationSecret).get("/me");
    const wrong = await clientOf("not the application secret").get("/me/bill");
    expect(wrong).toEqual(right);
  });
});
