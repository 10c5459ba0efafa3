/**
 * @module
 * Network burst is free but opt-in: turn it on for every dedicated server of the SBG1
 * datacenter at once, instead of one server at a time in the control panel.
 */
import type { Client } from "asyncovh";
import type { Print } from "./print.ts";

/** The part of `GET /dedicated/server/{serviceName}` that the example reads. */
export interface DedicatedServer {
  name: string;
  datacenter: string;
}

const serverPath = (name: string): string => `/dedicated/server/${encodeURIComponent(name)}`;

/** Enables burst on the servers located in `datacenter` (default `sbg1`); returns their names. */
export async function enableBurst(
  client: Client,
  print: Print,
  datacenter = "sbg1",
): Promise<string[]> {
  const names = await client.get<string[]>("/dedicated/server");
  const servers = await Promise.all(
    names.map((name) => client.get<DedicatedServer>(serverPath(name))),
  );
  const selected = names.filter((_, index) => servers[index]?.datacenter === datacenter);
  await Promise.all(
    selected.map((name) => client.put(`${serverPath(name)}/burst`, { status: "active" })),
  );
  const place = datacenter.toUpperCase().replace(/(\d+)$/, "-$1");
  for (const name of selected) print(`Enabled burst for ${name} server located in ${place}`);
  return selected;
}
