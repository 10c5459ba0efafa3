import { describe, expect, it } from "vitest";
import { Client } from "./client.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { DEFAULT_OBJECT_PAGE_SIZE } from "./object-list.ts";

/** A v1 list route of `count` objects that honours `X-Pagination-Mode: CachedObjectList-Pages`. */
function objectList(count: number, elements = (total: number) => String(total)) {
  const seen: Request[] = [];
  const objects = Array.from({ length: count }, (_, i) => ({ billId: `FR${i}` }));
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(request);
    const size = Number(request.headers.get("X-Pagination-Size"));
    const number = Number(request.headers.get("X-Pagination-Number"));
    const page = objects.slice((number - 1) * size, number * size);
    return new Response(JSON.stringify(page), {
      headers: { "X-Pagination-Elements": elements(count), "X-Ovh-QueryID": `q${number}` },
    });
  };
  return {
    client: new Client({ endpoint: "http://127.0.0.1:9/1.0", accessToken: "t", fetch }),
    seen,
  };
}

const collect = async <T>(iterator: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
};

describe("client.listObjects (v1 object-list pages)", () => {
  it("asks for pages of full objects, numbered from 1, until X-Pagination-Elements are read", async () => {
    const { client, seen } = objectList(25);
    const bills = await collect(
      client.listObjects<{ billId: string }>("/me/bill", {}, { pageSize: 10 }),
    );
    expect(bills.map((b) => b.billId)).toEqual(Array.from({ length: 25 }, (_, i) => `FR${i}`));
    expect(seen.map((r) => r.headers.get("X-Pagination-Number"))).toEqual(["1", "2", "3"]);
    for (const request of seen) {
      expect(request.headers.get("X-Pagination-Mode")).toBe("CachedObjectList-Pages");
      expect(request.headers.get("X-Pagination-Size")).toBe("10");
    }
  });

  it("needs one request when the total fits a page, and sends the params as query", async () => {
    const { client, seen } = objectList(10);
    expect(
      await collect(client.listObjects("/me/bill", { category: "autorenew" }, { pageSize: 10 })),
    ).toHaveLength(10);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe("http://127.0.0.1:9/1.0/me/bill?category=autorenew");
  });

  it("uses pages of 100 by default", async () => {
    const { client, seen } = objectList(0);
    expect(await collect(client.listObjects("/me/bill"))).toEqual([]);
    expect(seen[0]?.headers.get("X-Pagination-Size")).toBe(String(DEFAULT_OBJECT_PAGE_SIZE));
  });

  it("fails on an empty page when the total promised more, after what was read", async () => {
    const { client, seen } = objectList(3, () => "50");
    const read: unknown[] = [];
    const error = await (async () => {
      for await (const bill of client.listObjects("/me/bill", {}, { pageSize: 2 })) read.push(bill);
    })().catch((e: unknown) => e);
    expect(read).toHaveLength(3);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect((error as Error).message).toBe(
      "The pages ended after 3 of the 50 objects of X-Pagination-Elements (GET /me/bill: HTTP 200)",
    );
    expect(seen).toHaveLength(3);
  });

  it("follows a server that pages in a smaller size, told by the page's length", async () => {
    // The server pages by 4, whatever is asked, and does not say so.
    const objects = Array.from({ length: 10 }, (_, i) => ({ billId: `FR${i}` }));
    const seen: Request[] = [];
    const client = new Client({
      endpoint: "http://127.0.0.1:9/1.0",
      accessToken: "t",
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(request);
        const number = Number(request.headers.get("X-Pagination-Number"));
        return Response.json(objects.slice((number - 1) * 4, number * 4), {
          headers: { "X-Pagination-Elements": "10" },
        });
      },
    });
    const bills = await collect(
      client.listObjects<{ billId: string }>("/me/bill", {}, { pageSize: 6 }),
    );
    expect(bills.map((bill) => bill.billId)).toEqual(objects.map((bill) => bill.billId));
    expect(seen.map((r) => r.headers.get("X-Pagination-Size"))).toEqual(["6", "4", "4"]);
  });

  it("follows a page shorter than asked even when X-Pagination-Size echoes the size asked", async () => {
    const objects = Array.from({ length: 10 }, (_, i) => ({ billId: `FR${i}` }));
    const seen: string[] = [];
    const client = new Client({
      endpoint: "http://127.0.0.1:9/1.0",
      accessToken: "t",
      fetch: async (input, init) => {
        const asked = new Request(input, init).headers.get("X-Pagination-Size") ?? "";
        const number = Number(new Request(input, init).headers.get("X-Pagination-Number"));
        seen.push(asked);
        return Response.json(objects.slice((number - 1) * 4, number * 4), {
          headers: { "X-Pagination-Elements": "10", "X-Pagination-Size": asked },
        });
      },
    });
    const bills = await collect(client.listObjects("/me/bill", {}, { pageSize: 6 }));
    expect(bills).toEqual(objects);
    expect(seen).toEqual(["6", "4", "4"]);
  });

  it("ends without a request more once the last page is read, however short", async () => {
    const { client, seen } = objectList(5, () => "5");
    expect(await collect(client.listObjects("/me/bill", {}, { pageSize: 10 }))).toHaveLength(5);
    expect(seen).toHaveLength(1);
  });

  it("says so when the route ignores the mode (no X-Pagination-Elements)", async () => {
    for (const elements of [null, "many", "-1"]) {
      const client = new Client({
        endpoint: "http://127.0.0.1:9/1.0",
        accessToken: "t",
        fetch: async () =>
          Response.json(["FR1", "FR2"], {
            headers: elements === null ? {} : { "X-Pagination-Elements": elements },
          }),
      });
      const error = await collect(client.listObjects("/me/bill")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponse);
      expect((error as Error).message).toMatch(
        /does not page objects.*batchGet \(GET \/me\/bill: HTTP 200\)/,
      );
    }
  });

  it("refuses a page that is not an array", async () => {
    const client = new Client({
      endpoint: "http://127.0.0.1:9/1.0",
      accessToken: "t",
      fetch: async () => Response.json({}, { headers: { "X-Pagination-Elements": "1" } }),
    });
    await expect(collect(client.listObjects("/me/bill"))).rejects.toThrow(
      /not answer a JSON array/,
    );
  });
});
