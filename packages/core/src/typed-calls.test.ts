/**
 * Calls on route templates against the mock over real HTTP: placeholders filled from the
 * params and encoded, the other params sent as the query or the body, and a placeholder left
 * without a value refused before any request. The route map is a small one written here, as
 * `@asyncovh/api` writes them; `tsc` checks the types, vitest the wire.
 */
import {
  createMockOvh,
  DEMO_APPLICATION_KEY,
  DEMO_APPLICATION_SECRET,
  DEMO_CONSUMER_KEY,
  type MockOvh,
} from "@asyncovh/mock";
import { type MockServer, serve } from "@asyncovh/mock/node";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import type { BatchResult } from "./batch.ts";
import { Client } from "./client.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { ResourceNotFoundError } from "./errors/resource-not-found-error.ts";

interface Bill {
  readonly billId: string;
  readonly date: string;
}
interface Task {
  readonly taskId: number;
  readonly status: "done" | "todo";
}
interface Resource {
  readonly urn: string;
}

/** No placeholder, or no query. */
type None = Record<never, never>;

/** A few routes of the mock, written like `@asyncovh/api`'s route maps. */
interface MockRoutes {
  GET: {
    "/me/bill": { path: None; query: { category?: string }; result: string[] };
    "/me/bill/{billId}": { path: { billId: string }; query: None; result: Bill };
    "/dedicated/server/{serviceName}": {
      path: { serviceName: string };
      query: None;
      result: { readonly name: string };
    };
    "/dedicated/server/{serviceName}/task": {
      path: { serviceName: string };
      query: { status?: "done" | "todo" };
      result: number[];
    };
    "/dedicated/server/{serviceName}/task/{taskId}": {
      path: { serviceName: string; taskId: number };
      query: None;
      result: Task;
    };
    "/v2/iam/resource": { path: None; query: { resourceType?: string[] }; result: Resource[] };
  };
  POST: {
    "/email/domain/{domain}/redirection": {
      path: { domain: string };
      body: { from?: string; _from?: string; to: string; localCopy: boolean };
      result: { readonly id: string };
    };
  };
  PUT: {
    "/dedicated/server/{serviceName}/burst": {
      path: { serviceName: string };
      body: { status?: "active" | "inactive" };
      result: null;
    };
  };
  DELETE: {
    "/email/domain/{domain}/redirection/{id}": {
      path: { domain: string; id: string };
      query: None;
      result: { readonly id: string };
    };
  };
  listObjects: { "/me/bill": Bill };
  batchGet: {
    "/me/bill/{billId}": "billId";
    "/dedicated/server/{serviceName}/task/{taskId}": "taskId";
  };
  paginate: { "/v2/iam/resource": Resource };
}

interface Sent {
  method: string;
  url: string;
  body: string;
}

let mock: MockOvh;
let server: MockServer;
let sent: Sent[];

beforeEach(async () => {
  mock = createMockOvh();
  sent = [];
  server = await serve(async (request) => {
    sent.push({ method: request.method, url: request.url, body: await request.clone().text() });
    return mock.handler(request);
  });
});

afterEach(async () => {
  await server.close();
});

const client = () =>
  new Client<MockRoutes>({
    endpoint: server.baseUrl,
    applicationKey: DEMO_APPLICATION_KEY,
    applicationSecret: DEMO_APPLICATION_SECRET,
    consumerKey: DEMO_CONSUMER_KEY,
  });

/** The API calls the server received, clock sync left out. */
const calls = () => sent.filter((call) => !call.url.endsWith("/auth/time"));
const pathOf = (call: Sent | undefined) => new URL(call?.url ?? "http://x").pathname;

const collect = async <T>(iterator: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
};

describe("a call on a route template", () => {
  it("GET fills the placeholder and answers the route's result", async () => {
    const ovh = client();
    const [billId = ""] = await ovh.get("/me/bill", { category: "autorenew" });
    const bill = await ovh.get("/me/bill/{billId}", { billId });
    expectTypeOf(bill).toEqualTypeOf<Bill>();
    expect(bill.billId).toBe(billId);
    expect(pathOf(calls().at(-1))).toBe(`/1.0/me/bill/${billId}`);
    expect(new URL(calls()[0]?.url ?? "").search).toBe("?category=autorenew");
  });

  it("GET sends the params that are not placeholders as the query", async () => {
    const ovh = client();
    const [serviceName = ""] = await ovh.get<string[]>("/dedicated/server");
    const tasks = await ovh.get("/dedicated/server/{serviceName}/task", {
      serviceName,
      status: "done",
    });
    expectTypeOf(tasks).toEqualTypeOf<number[]>();
    expect(calls().at(-1)?.url).toBe(
      `${server.baseUrl}/dedicated/server/${serviceName}/task?status=done`,
    );
  });

  it("encodes a value as one path segment", async () => {
    const ovh = client();
    const error = await ovh
      .get("/dedicated/server/{serviceName}", { serviceName: "a/b c" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundError);
    expect(calls().at(-1)?.url).toBe(`${server.baseUrl}/dedicated/server/a%2Fb%20c`);
  });

  it("POST sends the other params as the body, `_from` as `from`", async () => {
    const ovh = client();
    const task = await ovh.post("/email/domain/{domain}/redirection", {
      domain: "example.com",
      _from: "sales@example.com",
      to: "contact@example.net",
      localCopy: false,
    });
    expectTypeOf(task).toEqualTypeOf<{ readonly id: string }>();
    expect(task.id).toBeTypeOf("string");
    const [call] = calls();
    expect(pathOf(call)).toBe("/1.0/email/domain/example.com/redirection");
    expect(call?.body).toBe(
      '{"from":"sales@example.com","to":"contact@example.net","localCopy":false}',
    );
  });

  it("PUT sends the other params as the body", async () => {
    const ovh = client();
    const [serviceName = ""] = await ovh.get<string[]>("/dedicated/server");
    const answer = await ovh.put("/dedicated/server/{serviceName}/burst", {
      serviceName,
      status: "active",
    });
    expectTypeOf(answer).toEqualTypeOf<null>();
    expect(calls().at(-1)?.body).toBe('{"status":"active"}');
    expect(await ovh.get<{ status: string }>(`/dedicated/server/${serviceName}/burst`)).toEqual(
      expect.objectContaining({ status: "active" }),
    );
  });

  it("DELETE fills every placeholder", async () => {
    const ovh = client();
    const ids = await ovh.get<string[]>("/email/domain/example.com/redirection");
    await ovh.delete("/email/domain/{domain}/redirection/{id}", {
      domain: "example.com",
      id: ids[0] as string,
    });
    expect(calls().at(-1)?.method).toBe("DELETE");
    expect(pathOf(calls().at(-1))).toBe(`/1.0/email/domain/example.com/redirection/${ids[0]}`);
    expect(await ovh.get<string[]>("/email/domain/example.com/redirection")).toEqual(ids.slice(1));
  });

  it("a path written out stays an untyped call, T as the caller names it", async () => {
    const ovh = client();
    const [billId] = await ovh.get("/me/bill");
    const bill = await ovh.get<{ billId: string }>(`/me/bill/${billId}`);
    expectTypeOf(bill).toEqualTypeOf<{ billId: string }>();
    const raw = await ovh.get(`/me/bill/${billId}`);
    expectTypeOf(raw).toEqualTypeOf<unknown>();
    expect(bill.billId).toBe(billId);
  });
});

describe("the listing helpers on route templates", () => {
  it("listObjects yields the objects of a typed list route", async () => {
    const bills = await collect(client().listObjects("/me/bill", {}, { pageSize: 5 }));
    expectTypeOf(bills).toEqualTypeOf<Bill[]>();
    expect(bills.length).toBeGreaterThan(5);
    expect(bills.every((bill) => bill.billId.startsWith("FR"))).toBe(true);
  });

  it("paginate yields the items of a typed v2 list", async () => {
    const resources = await collect(client().paginate("/v2/iam/resource", {}, { pageSize: 2 }));
    expectTypeOf(resources).toEqualTypeOf<Resource[]>();
    expect(resources.length).toBeGreaterThan(2);
  });

  it("batchGet on an item route fills the other placeholders and the last with each id", async () => {
    const ovh = client();
    const [serviceName = ""] = await ovh.get<string[]>("/dedicated/server");
    for (const type of ["kvmipHtml5URL", "serialOverLanURL"]) {
      const access = { ipToAllow: "192.0.2.10", ttl: "1", type };
      await ovh.post(`/dedicated/server/${serviceName}/features/ipmi/access`, access);
    }
    const ids = await ovh.get("/dedicated/server/{serviceName}/task", { serviceName });
    expect(ids).toHaveLength(2);
    const before = calls().length;
    const result = await ovh.batchGet("/dedicated/server/{serviceName}/task/{taskId}", ids, {
      serviceName,
    });
    expectTypeOf(result).toEqualTypeOf<BatchResult<Task>>();
    expect([...result.values.keys()]).toEqual(ids.map(String));
    expect(calls().slice(before).map(pathOf)).toEqual([
      `/1.0/dedicated/server/${serviceName}/task/${ids.join(",")}`,
    ]);
  });

  it("batchGet on an item route with its only placeholder takes the ids alone", async () => {
    const ovh = client();
    const ids = await ovh.get("/me/bill");
    const { values } = await ovh.batchGet("/me/bill/{billId}", ids.slice(0, 3), { chunkSize: 2 });
    expect([...values.values()].map((bill) => bill.billId)).toEqual(ids.slice(0, 3));
  });
});

describe("a placeholder without a value", () => {
  const unfilled: [string, (ovh: Client) => Promise<unknown>][] = [
    ["get", (ovh) => ovh.get("/me/bill/{billId}")],
    ["get, a dot", (ovh) => ovh.get("/me/bill/{billId}/details", { billId: "." })],
    ["get, two dots", (ovh) => ovh.get("/me/bill/{billId}/details", { billId: ".." })],
    ["delete", (ovh) => ovh.delete("/email/domain/{domain}/redirection/{id}", { domain: "x" })],
    ["post", (ovh) => ovh.post("/email/domain/{domain}/redirection", { to: "a@b" })],
    ["put", (ovh) => ovh.put("/dedicated/server/{serviceName}/burst", { status: "active" })],
    ["put, a body that is not an object", (ovh) => ovh.put("/dedicated/server/{serviceName}", [])],
    ["paginate", (ovh) => collect(ovh.paginate("/v2/iam/{kind}"))],
    ["listObjects", (ovh) => collect(ovh.listObjects("/dedicated/server/{serviceName}/task"))],
    ["batchGet", (ovh) => ovh.batchGet("/dedicated/server/{serviceName}/task/{taskId}", [1])],
  ];

  it.each(unfilled)("is refused before any request (%s)", async (_, call) => {
    // Untyped clients: the types would not let these calls compile.
    const ovh = new Client({
      endpoint: server.baseUrl,
      applicationKey: DEMO_APPLICATION_KEY,
      applicationSecret: DEMO_APPLICATION_SECRET,
      consumerKey: DEMO_CONSUMER_KEY,
    });
    const error = await call(ovh).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidConfiguration);
    expect((error as Error).message).toMatch(/needs \{\w+\}: a string or number param/);
    expect(sent).toEqual([]);
    expect(mock.requests).toEqual([]);
  });
});
