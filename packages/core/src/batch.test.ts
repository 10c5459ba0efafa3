import { describe, expect, it } from "vitest";
import { DEFAULT_BATCH_CHUNK_SIZE } from "./batch.ts";
import { Client } from "./client.ts";
import { APIError } from "./errors/api-error.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";

const BASE = "http://127.0.0.1:9/1.0/me/bill/";

/** A batch route over `known` ids: one `{ key, value, error }` entry per requested id. */
function batchRoute(known: (id: string) => boolean, answer?: (ids: string[]) => unknown) {
  const seen: Request[] = [];
  let inFlight = 0;
  const stats = { maxInFlight: 0 };
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(request);
    inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    inFlight -= 1;
    const ids = request.url.slice(BASE.length).split(",").map(decodeURIComponent);
    const body =
      answer?.(ids) ??
      ids.map((id) =>
        known(id)
          ? { key: id, value: { billId: id }, error: null }
          : { key: id, value: null, error: `The requested object (billId = ${id}) does not exist` },
      );
    return Response.json(body, { headers: { "X-Ovh-QueryID": "EU.batch" } });
  };
  const client = new Client({ endpoint: "http://127.0.0.1:9/1.0", accessToken: "t", fetch });
  return { client, seen, stats };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `FR${i}`);

describe("client.batchGet (X-Ovh-Batch)", () => {
  it("gets many objects in chunks of 50 ids joined by commas, with X-Ovh-Batch: ,", async () => {
    const { client, seen } = batchRoute(() => true);
    const { values, errors } = await client.batchGet<{ billId: string }>("/me/bill", ids(120));
    expect(seen).toHaveLength(3);
    expect(seen.every((r) => r.headers.get("X-Ovh-Batch") === ",")).toBe(true);
    expect(seen[0]?.url).toBe(`${BASE}${ids(DEFAULT_BATCH_CHUNK_SIZE).join(",")}`);
    expect([...values.keys()]).toEqual(ids(120));
    expect(values.get("FR7")).toEqual({ billId: "FR7" });
    expect(errors.size).toBe(0);
  });

  it("reports an id the API could not read in errors, with the API's message", async () => {
    const { client } = batchRoute((id) => id !== "FR404");
    const { values, errors } = await client.batchGet("/me/bill/", ["FR1", "FR404", "FR2"]);
    expect([...values.keys()]).toEqual(["FR1", "FR2"]);
    const error = errors.get("FR404");
    expect(error).toBeInstanceOf(APIError);
    expect(error?.message).toBe(
      "The requested object (billId = FR404) does not exist (GET /me/bill/FR404: OVH-Query-ID: EU.batch)",
    );
    expect(error?.queryId).toBe("EU.batch");
  });

  it("keeps what an error object says (message, errorCode, class)", async () => {
    const { client } = batchRoute(
      () => true,
      ([id]) => [
        { key: id, error: { message: "nope", errorCode: "X", class: "Client::NotFound" } },
      ],
    );
    const error = (await client.batchGet("/me/bill", ["a"])).errors.get("a");
    expect(error?.message).toMatch(/^nope/);
    expect(error?.errorCode).toBe("X");
    expect(error?.errorClass).toBe("Client::NotFound");
    const { client: vague } = batchRoute(
      () => true,
      ([id]) => [{ key: id, error: 42 }],
    );
    expect((await vague.batchGet("/me/bill", ["a"])).errors.get("a")?.message).toMatch(
      /could not read this object/,
    );
  });

  it("reports an id missing from the answer, and ignores entries nobody asked for", async () => {
    const { client } = batchRoute(
      () => true,
      () => [{ key: 1, value: { n: 1 } }, { key: "other", value: {} }, null],
    );
    const { values, errors } = await client.batchGet("/task", [1, 2]);
    expect(values.get("1")).toEqual({ n: 1 });
    expect(errors.get("2")).toBeInstanceOf(InvalidResponse);
    expect(values.has("other")).toBe(false);
  });

  it("encodes ids, drops duplicates, and sends nothing for no ids", async () => {
    const { client, seen } = batchRoute(() => true);
    const { values } = await client.batchGet("/me/bill", ["a b", "a b", "é"]);
    expect(seen[0]?.url).toBe(`${BASE}a%20b,%C3%A9`);
    expect([...values.keys()]).toEqual(["a b", "é"]);
    expect((await client.batchGet("/me/bill", [])).values.size).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it("runs at most `concurrency` chunk requests at once", async () => {
    const { client, seen, stats } = batchRoute(() => true);
    await client.batchGet("/me/bill", ids(20), { chunkSize: 2, concurrency: 3 });
    expect(seen).toHaveLength(10);
    expect(stats.maxInFlight).toBe(3);
  });

  it("refuses bad arguments before any request", async () => {
    const { client, seen } = batchRoute(() => true);
    for (const [path, list, options] of [
      ["/me/bill?x=1", ["a"], {}],
      ["/me/bill", "a,b", {}],
      ["/me/bill", ["a,b"], {}],
      ["/me/bill", [""], {}],
      ["/me/bill", [{}], {}],
      ["/me/bill", ["a"], { chunkSize: 0 }],
      ["/me/bill", ["a"], { concurrency: -1 }],
      [42, ["a"], {}],
    ] as const) {
      await expect(
        client.batchGet(path as string, list as unknown as string[], options),
      ).rejects.toBeInstanceOf(InvalidConfiguration);
    }
    expect(seen).toHaveLength(0);
  });

  it("fails as a whole when the batch call is not answered with a list", async () => {
    const { client } = batchRoute(
      () => true,
      () => ({ message: "?" }),
    );
    await expect(client.batchGet("/me/bill", ["a"])).rejects.toThrow(
      /did not answer a JSON array of \{ key, value, error \} \(GET \/me\/bill\)/,
    );
  });
});
