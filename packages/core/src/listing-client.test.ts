/**
 * Reading many objects against the mock over real HTTP: response headers, v2 cursor pages, v1
 * object-list pages and batch GET, with application keys and with a service account.
 */
import type { MockOvh } from "@asyncovh/mock";
import type { MockServer } from "@asyncovh/mock/node";
import { type MockApi, startMockApi } from "@asyncovh/mock/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Client } from "./client.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import type { ClientOptions } from "./types.ts";

interface Bill {
  billId: string;
  priceWithTax: { value: number };
}

let api: MockApi<Client, ClientOptions>;
let mock: MockOvh;
let server: MockServer;

beforeEach(async () => {
  api = await startMockApi(Client);
  ({ mock, server } = api);
});

afterEach(() => api.stop());

const clients = {
  "application keys": () => api.client(),
  "a service account": () =>
    new Client({
      endpoint: server.baseUrl,
      ...mock.addServiceAccount(),
      tokenUrl: `${server.origin}/auth/oauth2/token`,
    }),
};

/** The API calls the mock received (the token and time requests left out). */
const apiCalls = () =>
  mock.requests.filter((r) => r.path !== "/auth/oauth2/token" && r.path !== "/auth/time");

const collect = async <T>(iterator: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
};

describe.each(Object.entries(clients))("with %s", (_, makeClient) => {
  it("callWithResponse gives the headers and query id next to the parsed body", async () => {
    const result = await makeClient().callWithResponse<{ nichandle: string }>("GET", "/me");
    expect(result.status).toBe(200);
    expect(result.data.nichandle).toBeTypeOf("string");
    expect(result.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(result.queryId).toBe(mock.requests.at(-1)?.queryId);
  });

  it("paginate follows v2 cursors over several pages", async () => {
    const client = makeClient();
    const all = await client.get<{ urn: string }[]>("/v2/iam/resource");
    const paged = await collect(
      client.paginate<{ urn: string }>("/v2/iam/resource", {}, { pageSize: 2 }),
    );
    expect(paged.map((r) => r.urn)).toEqual(all.map((r) => r.urn));
    const pages = apiCalls()
      .filter((r) => r.path === "/v2/iam/resource")
      .slice(1);
    expect(pages).toHaveLength(Math.ceil(all.length / 2));
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  it("paginate keeps the list's filters", async () => {
    const servers = await collect(
      makeClient().paginate<{ type: string }>(
        "/v2/iam/resource",
        { resourceType: "dedicatedServer" },
        { pageSize: 1 },
      ),
    );
    expect(servers.length).toBeGreaterThan(1);
    expect(servers.every((r) => r.type === "dedicatedServer")).toBe(true);
  });

  it("listObjects reads full bills a page at a time", async () => {
    mock.addBills(40);
    const client = makeClient();
    const ids = await client.get<string[]>("/me/bill");
    const bills = await collect(client.listObjects<Bill>("/me/bill", {}, { pageSize: 20 }));
    expect(bills.map((b) => b.billId)).toEqual(ids);
    expect(bills[0]).toEqual(await client.get(`/me/bill/${ids[0]}`));
    // One list of ids, ceil(52 / 20) pages, one single bill.
    expect(apiCalls()).toHaveLength(1 + 3 + 1);
  });

  it("batchGet maps each bill back to its id and reports the missing one", async () => {
    mock.addBills(60);
    const client = makeClient();
    const ids = await client.get<string[]>("/me/bill");
    const wanted = [...ids.slice(0, 70), "FR-NOPE", ...ids.slice(70)];
    const { values, errors } = await client.batchGet<Bill>("/me/bill", wanted, { chunkSize: 50 });
    expect([...values.keys()]).toEqual(ids);
    expect(values.get(ids[3] as string)?.billId).toBe(ids[3]);
    expect([...errors.keys()]).toEqual(["FR-NOPE"]);
    expect(errors.get("FR-NOPE")?.message).toMatch(
      /^The requested object \(billId = FR-NOPE\) does not exist \(GET \/me\/bill\/FR-NOPE/,
    );
    expect(apiCalls()).toHaveLength(1 + 2);
  });
});

describe("listObjects against a server that caps its pages at 500", () => {
  let capped: MockApi<Client, ClientOptions>;

  afterEach(async () => {
    await capped.stop();
  });

  /** Serves a mock of 1,234 bills capped at 500 a page through `edit`, which may change answers. */
  async function start(edit: (response: Response, request: Request) => Response = (r) => r) {
    capped = await startMockApi(Client, {
      maxPageSize: 500,
      wrap: (handler) => async (request) => edit(await handler(request), request),
    });
    capped.mock.addBills(1222);
    const client = capped.client();
    const ids = await client.get<string[]>("/me/bill");
    expect(ids).toHaveLength(1234);
    return { client, ids };
  }
  const pages = () => capped.mock.requests.filter((r) => r.path === "/me/bill").slice(1).length;

  it("reads all 1,234 bills when asked for pages of 1,000, in the server's pages of 500", async () => {
    const { client, ids } = await start();
    const bills = await collect(
      client.listObjects<Bill>("/me/bill", undefined, { pageSize: 1000 }),
    );
    expect(bills).toHaveLength(1234);
    expect(bills.map((bill) => bill.billId)).toEqual(ids);
    expect(pages()).toBe(3);
  });

  it("reads them all when the server does not say its page size", async () => {
    const { client, ids } = await start((response) => {
      const headers = new Headers(response.headers);
      headers.delete("X-Pagination-Size");
      return new Response(response.body, { status: response.status, headers });
    });
    const bills = await collect(
      client.listObjects<Bill>("/me/bill", undefined, { pageSize: 1000 }),
    );
    expect(bills.map((bill) => bill.billId)).toEqual(ids);
  });

  it("fails with InvalidResponse when the pages end short of the announced count", async () => {
    // Page 3 comes back empty: 1,000 bills read of 1,234 announced.
    const { client } = await start((response, request) => {
      if (request.headers.get("X-Pagination-Number") !== "3") return response;
      const headers = new Headers(response.headers);
      headers.delete("Content-Length");
      return Response.json([], { headers });
    });
    const read: Bill[] = [];
    const error = await (async () => {
      for await (const bill of client.listObjects<Bill>("/me/bill", undefined, { pageSize: 1000 }))
        read.push(bill);
    })().catch((e: unknown) => e);
    expect(read).toHaveLength(1000);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect((error as Error).message).toMatch(
      /^The pages ended after 1000 of the 1234 objects of X-Pagination-Elements \(GET \/me\/bill: HTTP 200/,
    );
  });
});

it("listObjects says so when a route does not page objects", async () => {
  const client = clients["application keys"]();
  const error = await collect(client.listObjects("/me")).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidResponse);
  expect((error as Error).message).toMatch(/does not page objects/);
});
