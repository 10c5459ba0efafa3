/**
 * The live mode with a fetch of the test's own: what it asks OVH for and where it writes the
 * answers. Nothing here reaches the network.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listSchemas } from "./generate.ts";
import { downloadSchemas, nameOfPath, OVH_API } from "./live.ts";

const openapi = (server: string, path: string) =>
  JSON.stringify({ openapi: "3.0.0", servers: [{ url: server }], paths: { [path]: {} } });

const ANSWERS: Record<string, string> = {
  "https://api.test/v1/": JSON.stringify({
    apis: [{ path: "/me" }, { path: "/dedicated/server" }],
  }),
  "https://api.test/v2/": JSON.stringify({ apis: [{ path: "/iam" }] }),
  "https://api.test/v1/me.json?format=openapi3": openapi("https://api.test/v1", "/me"),
  "https://api.test/v1/dedicated/server.json?format=openapi3": openapi(
    "https://api.test/v1",
    "/dedicated/server",
  ),
  "https://api.test/v2/iam.json?format=openapi3": openapi("https://api.test/v2", "/iam/policy"),
};

let dir: string;
let asked: string[];
const fakeFetch = async (url: string) => {
  asked.push(url);
  const body = ANSWERS[url];
  return body === undefined ? new Response("no", { status: 404 }) : new Response(body);
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "asyncovh-live-"));
  asked = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("downloadSchemas", () => {
  it("reads OVH's v1 and v2 indexes, then each API in OpenAPI 3", async () => {
    const names = await downloadSchemas(dir, { fetch: fakeFetch, base: "https://api.test" });
    expect(names).toEqual(["me", "dedicated-server", "v2/iam"]);
    expect(asked).toEqual([
      "https://api.test/v1/",
      "https://api.test/v1/me.json?format=openapi3",
      "https://api.test/v1/dedicated/server.json?format=openapi3",
      "https://api.test/v2/",
      "https://api.test/v2/iam.json?format=openapi3",
    ]);
    expect(await readFile(join(dir, "openapi3/v2/iam.json"), "utf8")).toBe(
      ANSWERS["https://api.test/v2/iam.json?format=openapi3"],
    );
  });

  it("replaces the descriptions that were there, the 1.0 ones included", async () => {
    await mkdir(join(dir, "v1"), { recursive: true });
    await mkdir(join(dir, "openapi3"), { recursive: true });
    await writeFile(join(dir, "v1/old.json"), "{}");
    await writeFile(join(dir, "openapi3/gone.json"), "{}");
    await downloadSchemas(dir, { fetch: fakeFetch, base: "https://api.test" });
    expect((await listSchemas(dir)).map((schema) => schema.file)).toEqual([
      "openapi3/dedicated-server.json",
      "openapi3/me.json",
      "openapi3/v2/iam.json",
    ]);
  });

  it("stops at an answer that is not a success, naming the URL, and writes nothing", async () => {
    const failing = async (url: string) =>
      url.includes("server.json") ? new Response("busy", { status: 503 }) : fakeFetch(url);
    await expect(
      downloadSchemas(dir, { fetch: failing, base: "https://api.test" }),
    ).rejects.toThrow(
      "GET https://api.test/v1/dedicated/server.json?format=openapi3 answered HTTP 503.",
    );
    expect(await listSchemas(dir)).toEqual([]);
  });

  it("refuses an index that lists no API", async () => {
    const empty = async () => new Response(JSON.stringify({ apis: [] }));
    await expect(downloadSchemas(dir, { fetch: empty, base: "https://api.test" })).rejects.toThrow(
      "https://api.test/v1/ lists no API.",
    );
  });

  it("is aimed at OVH's European API by default", () => {
    expect(OVH_API).toBe("https://eu.api.ovh.com");
    expect(nameOfPath("/hosting/privateDatabase")).toBe("hosting-privateDatabase");
  });
});
