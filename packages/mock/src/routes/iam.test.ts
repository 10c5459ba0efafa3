import { describe, expect, it } from "vitest";
import { createMockOvh } from "../mock.ts";
import { call, ORIGIN } from "../test-utils/requests.ts";

const v2 = `${ORIGIN}/v2/iam/resource`;

describe("/v2/iam/resource", () => {
  it("lists the account's resources as iam.resource.Resource", async () => {
    const { status, body } = await call(createMockOvh(), v2);
    expect(status).toBe(200);
    expect(body).toHaveLength(5);
    expect(body[0]).toEqual({
      displayName: "ns3001234.ip-51-38-10.eu",
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "ns3001234.ip-51-38-10.eu",
      owner: "la12345-ovh",
      tags: { "ovh:datacenter": "sbg1" },
      type: "dedicatedServer",
      urn: "urn:v1:eu:resource:dedicatedServer:ns3001234.ip-51-38-10.eu",
    });
  });

  it("filters by type, name and URN, each repeatable", async () => {
    const mock = createMockOvh();
    expect((await call(mock, `${v2}?resourceType=emailDomain`)).body).toHaveLength(2);
    const two = await call(mock, `${v2}?resourceName=example.com&resourceName=example.org`);
    expect(two.body.map((r: { name: string }) => r.name)).toEqual(["example.com", "example.org"]);
    const urn = "urn:v1:eu:resource:emailDomain:example.org";
    expect((await call(mock, `${v2}?resourceURN=${encodeURIComponent(urn)}`)).body).toHaveLength(1);
  });

  it("pages with X-Pagination-Size and the cursors", async () => {
    const mock = createMockOvh();
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const headers: Record<string, string> = { "X-Pagination-Size": "2" };
      if (cursor) headers["X-Pagination-Cursor"] = cursor;
      const page = await call(mock, v2, { headers });
      names.push(...page.body.map((r: { name: string }) => r.name));
      cursor = page.response.headers.get("X-Pagination-Cursor-Next");
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(names).toEqual((await call(mock, v2)).body.map((r: { name: string }) => r.name));
  });

  it("refuses a bad page size or cursor", async () => {
    const mock = createMockOvh();
    const cases: Record<string, string>[] = [
      { "X-Pagination-Size": "0" },
      { "X-Pagination-Size": "two" },
      { "X-Pagination-Cursor": "not-a-cursor" },
      { "X-Pagination-Cursor": btoa('{"offset":-1}') },
    ];
    for (const headers of cases) {
      expect((await call(mock, v2, { headers })).status, JSON.stringify(headers)).toBe(400);
    }
  });

  it("details one resource by URN, and answers 404 for others", async () => {
    const mock = createMockOvh();
    const urn = "urn:v1:eu:resource:dedicatedServer:ns5002345.ip-54-36-20.eu";
    expect((await call(mock, `${v2}/${encodeURIComponent(urn)}`)).body.urn).toBe(urn);
    expect((await call(mock, `${v2}/${urn}`)).body.urn).toBe(urn);
    expect((await call(mock, `${v2}/urn:v1:eu:resource:vps:x`)).status).toBe(404);
  });
});
