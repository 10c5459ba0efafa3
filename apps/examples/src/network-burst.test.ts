import type { Client } from "asyncovh";
import { describe, expect, it } from "vitest";
import { enableBurst } from "./network-burst.ts";
import { exampleApi } from "./test-utils/mock-api.ts";

/** Server name -> "datacenter:burst status", read through the API. */
async function burstByDatacenter(client: Client): Promise<Record<string, string>> {
  const names = await client.get<string[]>("/dedicated/server");
  const entries = await Promise.all(
    names.map(async (name) => {
      const { datacenter } = await client.get<{ datacenter: string }>(`/dedicated/server/${name}`);
      const { status } = await client.get<{ status: string }>(`/dedicated/server/${name}/burst`);
      return [name, `${datacenter}:${status}`] as const;
    }),
  );
  return Object.fromEntries(entries);
}

describe("enableBurst", () => {
  it("activates burst on the SBG1 servers, and on them only", async () => {
    const api = await exampleApi();
    const client = api.client();
    const before = await burstByDatacenter(client);

    const enabled = await enableBurst(client, api.print);

    const sbg1 = Object.keys(before).filter((name) => before[name]?.startsWith("sbg1:"));
    expect(sbg1.length).toBeGreaterThan(0);
    expect(enabled).toEqual(sbg1);
    expect(api.lines).toEqual(
      sbg1.map((name) => `Enabled burst for ${name} server located in SBG-1`),
    );
    const after = await burstByDatacenter(client);
    for (const [name, value] of Object.entries(before)) {
      expect(after[name]).toBe(sbg1.includes(name) ? "sbg1:active" : value);
    }
  });

  it("takes another datacenter, and says nothing when no server is there", async () => {
    const api = await exampleApi();
    expect(await enableBurst(api.client(), api.print, "gra2")).toHaveLength(1);
    expect(api.lines).toEqual([expect.stringMatching(/ server located in GRA-2$/)]);
    expect(await enableBurst(api.client(), api.print, "bhs1")).toEqual([]);
    expect(api.lines).toHaveLength(1);
  });
});
