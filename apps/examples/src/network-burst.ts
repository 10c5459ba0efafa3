/**
 * @module
 * Network burst is free but opt-in: turn it on for every dedicated server of the SBG1
 * datacenter at once, instead of one server at a time in the control panel.
 */
import type {} from "@asyncovh/api/dedicated-server";
import type { Client } from "asyncovh";
import type { Print } from "./print.ts";

/** Enables burst on the servers located in `datacenter` (default `sbg1`); returns their names. */
export async function enableBurst(
  client: Client,
  print: Print,
  datacenter = "sbg1",
): Promise<string[]> {
  const names = await client.get("/dedicated/server");
  const servers = await Promise.all(
    names.map((serviceName) => client.get("/dedicated/server/{serviceName}", { serviceName })),
  );
  const selected = names.filter((_, index) => servers[index]?.datacenter === datacenter);
  await Promise.all(
    selected.map((serviceName) =>
      client.put("/dedicated/server/{serviceName}/burst", { serviceName, status: "active" }),
    ),
  );
  const place = datacenter.toUpperCase().replace(/(\d+)$/, "-$1");
  for (const name of selected) print(`Enabled burst for ${name} server located in ${place}`);
  return selected;
}
