import { describe, expect, it } from "vitest";
import { Client } from "./client.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";

/**
 * A v2 list of `count` items served in-process: pages of `X-Pagination-Size` (default 3), the
 * cursor being the next offset. `cursorFor` may corrupt the cursor it hands out.
 */
function v2List(count: number, cursorFor = (offset: number) => `c${offset}`) {
  const seen: Request[] = [];
  const items = Array.from({ length: count }, (_, i) => ({ id: i }));
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(request);
    const size = Number(request.headers.get("X-Pagination-Size") ?? 3);
    const offset = Number(request.headers.get("X-Pagination-Cursor")?.slice(1) ?? 0);
    const headers = new Headers({ "Content-Type": "application/json" });
    if (offset + size < items.length)
      headers.set("X-Pagination-Cursor-Next", cursorFor(offset + size));
    return new Response(JSON.stringify(items.slice(offset, offset + size)), { headers });
  };
  const client = new Client({ endpoint: "http://127.0.0.1:9/1.0", accessToken: "t", fetch });
  return { client, seen };
}

const collect = async <T>(iterator: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
};

describe("client.paginate (v2 cursor pagination)", () => {
  it("follows X-Pagination-Cursor-Next over every page and stops when it is absent", async () => {
    const { client, seen } = v2List(7);
    const items = await collect(
      client.paginate<{ id: number }>("/v2/iam/resource", {}, { pageSize: 3 }),
    );
    expect(items.map((i) => i.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(seen.map((r) => r.headers.get("X-Pagination-Cursor"))).toEqual([null, "c3", "c6"]);
    expect(seen.every((r) => r.headers.get("X-Pagination-Size") === "3")).toBe(true);
    expect(seen[0]?.url).toBe("http://127.0.0.1:9/v2/iam/resource");
  });

  it("leaves the page size to the API when none is given, and keeps query and headers", async () => {
    const { client, seen } = v2List(4);
    const items = await collect(
      client.paginate(
        "/v2/iam/resource",
        { resourceType: ["a", "b"] },
        { headers: { "X-Extra": "1" } },
      ),
    );
    expect(items).toHaveLength(4);
    expect(seen[0]?.headers.get("X-Pagination-Size")).toBeNull();
    expect(seen[0]?.headers.get("X-Extra")).toBe("1");
    expect(seen[0]?.url).toBe("http://127.0.0.1:9/v2/iam/resource?resourceType=a&resourceType=b");
  });

  it("can start from a cursor, and stops requesting when the loop breaks", async () => {
    const { client, seen } = v2List(9);
    for await (const item of client.paginate<{ id: number }>("/v2/x", undefined, {
      cursor: "c3",
    })) {
      expect(item.id).toBe(3);
      break;
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.get("X-Pagination-Cursor")).toBe("c3");
  });

  it("refuses a cursor that does not move forward instead of looping", async () => {
    const { client } = v2List(9, () => "c3");
    await expect(collect(client.paginate("/v2/x", {}, { pageSize: 3 }))).rejects.toThrow(
      /cursor did not move forward \(GET \/v2\/x\)/,
    );
  });

  it("treats an empty X-Pagination-Cursor-Next as the last page", async () => {
    const { client, seen } = v2List(9, () => "");
    expect(await collect(client.paginate("/v2/x"))).toHaveLength(3);
    expect(seen).toHaveLength(1);
  });

  it("refuses a page that is not an array, and a bad page size", async () => {
    const client = new Client({
      endpoint: "http://127.0.0.1:9/1.0",
      accessToken: "t",
      fetch: async () => Response.json({ items: [] }),
    });
    const error = await collect(client.paginate("/v2/x")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponse);
    expect((error as InvalidResponse).status).toBe(200);
    await expect(client.paginate("/v2/x", {}, { pageSize: 0 }).next()).rejects.toBeInstanceOf(
      InvalidConfiguration,
    );
    await expect(client.paginate("/v2/x", {}, { pageSize: 1.5 }).next()).rejects.toBeInstanceOf(
      InvalidConfiguration,
    );
  });
});
