// @asyncovh/api as a project uses it, installed from its tarball: one API's routes for every
// client (`import type {}`), another's for one client (a type argument). Checked, never run.

import type { DedicatedServerRoutes } from "@asyncovh/api/dedicated-server/routes";
import type {} from "@asyncovh/api/me";
import type { billing } from "@asyncovh/api/me/routes";
import { Client } from "asyncovh";

declare const client: Client;
const servers = new Client<DedicatedServerRoutes>({ endpoint: "ovh-eu" });

export async function typedCalls(billId: string): Promise<string[]> {
  const bill: billing.Bill = await client.get("/me/bill/{billId}", { billId });
  // @ts-expect-error: {billId} has no value.
  await client.get("/me/bill/{billId}");
  // @ts-expect-error: a field the model does not have.
  bill.amount;
  const names: string[] = await servers.get("/dedicated/server");
  await servers.put("/dedicated/server/{serviceName}/burst", {
    serviceName: names[0] ?? "ns1.example.net",
    status: "active",
  });
  // A path written out stays untyped: its result is what the call names.
  const untyped = await client.get<{ nichandle: string }>(`/me/bill/${billId}`);
  return [bill.date, untyped.nichandle];
}
