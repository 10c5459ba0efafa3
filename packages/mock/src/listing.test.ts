import { describe, expect, it } from "vitest";
import { DEFAULT_PAGE_SIZE } from "./listing.ts";
import { createMockOvh } from "./mock.ts";
import { call } from "./test-utils/requests.ts";

const OBJECT_LIST = { "X-Pagination-Mode": "CachedObjectList-Pages" };

describe("object-list pages (X-Pagination-Mode: CachedObjectList-Pages)", () => {
  it("answers a page of full bills with the total in X-Pagination-Elements", async () => {
    const mock = createMockOvh();
    const ids = (await call(mock, "/me/bill")).body as string[];
    const { status, body, response } = await call(mock, "/me/bill", {
      headers: { ...OBJECT_LIST, "X-Pagination-Size": "5", "X-Pagination-Number": "2" },
    });
    expect(status).toBe(200);
    expect(response.headers.get("X-Pagination-Elements")).toBe(String(ids.length));
    expect(response.headers.get("X-Pagination-Number")).toBe("2");
    expect(response.headers.get("X-Pagination-Size")).toBe("5");
    expect(body.map((bill: { billId: string }) => bill.billId)).toEqual(ids.slice(5, 10));
    const one = await call(mock, `/me/bill/${ids[5]}`);
    expect(body[0]).toEqual(one.body);
  });

  it("keeps the list's filters, pages of 100 from page 1 by default, and ends with an empty page", async () => {
    const mock = createMockOvh();
    const filtered = (await call(mock, "/me/bill?category=autorenew")).body as string[];
    const { body, response } = await call(mock, "/me/bill?category=autorenew", {
      headers: OBJECT_LIST,
    });
    expect(body.map((b: { billId: string }) => b.billId)).toEqual(filtered);
    expect(response.headers.get("X-Pagination-Size")).toBe(String(DEFAULT_PAGE_SIZE));
    expect(response.headers.get("X-Pagination-Number")).toBe("1");
    const past = await call(mock, "/me/bill", {
      headers: { ...OBJECT_LIST, "X-Pagination-Number": "9" },
    });
    expect(past.body).toEqual([]);
  });

  it("caps pages at maxPageSize, says so in X-Pagination-Size, and numbers pages in it", async () => {
    const mock = createMockOvh({ maxPageSize: 4 });
    const ids = (await call(mock, "/me/bill")).body as string[];
    const page = (number: number) =>
      call(mock, "/me/bill", {
        headers: {
          ...OBJECT_LIST,
          "X-Pagination-Size": "10",
          "X-Pagination-Number": String(number),
        },
      });
    const second = await page(2);
    expect(second.response.headers.get("X-Pagination-Size")).toBe("4");
    expect(second.body.map((b: { billId: string }) => b.billId)).toEqual(ids.slice(4, 8));
    expect(() => createMockOvh({ maxPageSize: 0 })).toThrow(/maxPageSize must be a whole number/);
  });

  it("refuses a bad page size or number", async () => {
    const mock = createMockOvh();
    for (const headers of [{ "X-Pagination-Size": "0" }, { "X-Pagination-Number": "x" }]) {
      const { status, body } = await call(mock, "/me/bill", {
        headers: { ...OBJECT_LIST, ...headers },
      });
      expect(status).toBe(400);
      expect(body.message).toMatch(/^Invalid X-Pagination-/);
    }
  });

  it("is ignored by a route that answers no list of ids: an object, or a v2 list", async () => {
    const mock = createMockOvh();
    const plain = await call(mock, "/me", { headers: OBJECT_LIST });
    expect(plain.status).toBe(200);
    expect(plain.response.headers.get("X-Pagination-Elements")).toBeNull();
    expect(plain.body.nichandle).toBeDefined();
    const v2 = await call(mock, "http://127.0.0.1:9/v2/iam/resource", { headers: OBJECT_LIST });
    expect(v2.response.headers.get("X-Pagination-Elements")).toBeNull();
    expect(typeof v2.body[0]).toBe("object");
  });

  it("serves bills added in bulk", async () => {
    const mock = createMockOvh();
    const added = mock.addBills(30);
    expect(new Set(added).size).toBe(30);
    const { body, response } = await call(mock, "/me/bill", {
      headers: { ...OBJECT_LIST, "X-Pagination-Size": "50" },
    });
    expect(response.headers.get("X-Pagination-Elements")).toBe("42");
    expect(body.map((b: { billId: string }) => b.billId).slice(12)).toEqual(added);
    expect(() => mock.addBills(0)).toThrow(/count from 1/);
  });
});

describe("batch GET (X-Ovh-Batch)", () => {
  it("answers one { key, value, error } entry per id, in the order asked", async () => {
    const mock = createMockOvh();
    const [a, b] = (await call(mock, "/me/bill")).body as string[];
    const { status, body } = await call(mock, `/me/bill/${b},FR0,${a}`, {
      headers: { "X-Ovh-Batch": "," },
    });
    expect(status).toBe(200);
    expect(body).toEqual([
      { key: b, value: (await call(mock, `/me/bill/${b}`)).body, error: null },
      {
        key: "FR0",
        value: null,
        error: "The requested object (billId = FR0) does not exist",
      },
      { key: a, value: (await call(mock, `/me/bill/${a}`)).body, error: null },
    ]);
  });

  it("decodes each id, and splits on the separator the header names", async () => {
    const mock = createMockOvh();
    const { body } = await call(mock, "/me/bill/a%20b|FR%2C1", { headers: { "X-Ovh-Batch": "|" } });
    expect(body.map((entry: { key: string }) => entry.key)).toEqual(["a b", "FR,1"]);
  });

  it("is ignored on a route that is not an item route", async () => {
    const mock = createMockOvh();
    const { body } = await call(mock, "/me", { headers: { "X-Ovh-Batch": "," } });
    expect(Array.isArray(body)).toBe(false);
  });
});
