/**
 * Type tests of typed calls, project-wide: the four imports below give every `Client` of this
 * program the routes of `/me`, `/dedicated/server`, `/email/domain` and `/v2/iam`. `tsc`
 * checks this file: each `@ts-expect-error` must meet an error, each `expectTypeOf` must hold.
 */
import type {} from "@asyncovh/api/dedicated-server";
import type {} from "@asyncovh/api/email-domain";
import type { billing, nichandle } from "@asyncovh/api/me";
import type { MeRoutes } from "@asyncovh/api/me/routes";
import type {} from "@asyncovh/api/v2/iam";
import type { IamRoutes } from "@asyncovh/api/v2/iam/routes";
import { type BatchResult, Client } from "asyncovh";
import { expectTypeOf } from "vitest";

const client = new Client({ endpoint: "ovh-eu" });
declare const billId: string;
declare const serviceName: string;

export async function typedGetResult() {
  const bill = await client.get("/me/bill/{billId}", { billId });
  expectTypeOf(bill).toEqualTypeOf<billing.Bill>();
  expectTypeOf(bill.priceWithTax.value).toEqualTypeOf<number>();
  expectTypeOf(await client.get("/me/bill")).toEqualTypeOf<string[]>();
  expectTypeOf(await client.get("/me")).toEqualTypeOf<nichandle.Nichandle>();
  // @ts-expect-error a result field the model does not have
  bill.amount;
  // @ts-expect-error a read-only result field
  bill.date = "2024-01-01";
}

export async function placeholders() {
  // @ts-expect-error the placeholder's value is missing
  await client.get("/me/bill/{billId}");
  // @ts-expect-error the placeholder's value is missing, other params given
  await client.get("/dedicated/server/{serviceName}/task", { status: "done" });
  // @ts-expect-error a wrong placeholder name
  await client.get("/me/bill/{billId}", { billid: billId });
  // @ts-expect-error a placeholder value of the wrong type (credentialId is a long)
  await client.get("/me/api/credential/{credentialId}", { credentialId: "42" });
  await client.get("/me/api/credential/{credentialId}", { credentialId: 42 });
  await client.delete("/me/api/credential/{credentialId}", { credentialId: 42 });
}

export async function queryAndBody() {
  // Query parameters, each optional, the enum's values only.
  await client.get("/me/api/credential", { status: "validated" });
  // @ts-expect-error an enum value the enum does not have
  await client.get("/me/api/credential", { status: "valid" });
  // @ts-expect-error an unknown query parameter
  await client.get("/me/bill", { category: "purchase", order: "asc" });
  // @ts-expect-error a parameter of a route that takes none
  await client.get("/me", { fields: "firstname" });
  await client.get("/me", {});
  // A body: the placeholders' params leave it, the others are its fields.
  const task = await client.post("/email/domain/{domain}/redirection", {
    domain: "example.com",
    from: "sales@example.com",
    to: "contact@example.com",
    localCopy: false,
  });
  expectTypeOf(task.action).toEqualTypeOf<"add" | "change" | "delete">();
  // `_from` is sent as `from`, as python-ovh spells it.
  await client.post("/email/domain/{domain}/redirection", {
    domain: "example.com",
    _from: "sales@example.com",
    to: "contact@example.com",
    localCopy: false,
  });
  // @ts-expect-error from is required, in one spelling or the other
  await client.post("/email/domain/{domain}/redirection", {
    domain: "x",
    to: "y",
    localCopy: true,
  });
  await client.put("/dedicated/server/{serviceName}/burst", {
    serviceName,
    status: "active",
    // @ts-expect-error an unknown body field
    ttl: 1,
  });
  await client.put("/dedicated/server/{serviceName}/burst", { serviceName, status: "active" });
  // @ts-expect-error an enum value of a body field that the enum does not have
  await client.put("/dedicated/server/{serviceName}/burst", { serviceName, status: "on" });
}

export async function readOnlyFieldsRefusedInBodies() {
  // nichandle.Nichandle's `email` is read-only: PUT /me does not take it…
  // @ts-expect-error a read-only field in a PUT body
  await client.put("/me", { firstname: "Ada", email: "ada@example.com" });
  // …and its writable fields are optional there.
  expectTypeOf(await client.put("/me", { firstname: "Ada" })).toEqualTypeOf<null>();
  // @ts-expect-error dedicated.server.ServerBurst's capacity is read-only
  await client.put("/dedicated/server/{serviceName}/burst", { serviceName, capacity: null });
}

export async function nullableFields() {
  const me = await client.get("/me");
  expectTypeOf(me.birthCity).toEqualTypeOf<string | null>();
  expectTypeOf(me.nichandle).toEqualTypeOf<string>();
  // @ts-expect-error may be null
  me.birthCity.length;
  const credential = await client.get("/me/api/credential/{credentialId}", { credentialId: 1 });
  expectTypeOf(credential.expiration).toEqualTypeOf<string | null>();
  // A nullable field may be sent as null, to clear it.
  await client.put("/me/api/credential/{credentialId}", { credentialId: 1, allowedIPs: null });
}

export async function v2Routes() {
  const resources = await client.get("/v2/iam/resource", { resourceType: ["dedicatedServer"] });
  expectTypeOf(resources[0]?.urn).toEqualTypeOf<string | undefined>();
  const policy = await client.get("/v2/iam/policy/{policyId}", { policyId: "p" });
  expectTypeOf(policy.name).toEqualTypeOf<string>();
  // @ts-expect-error v2 routes keep their /v2: without it, the path is untyped
  (await client.get("/iam/resource")).length;
}

export async function listingHelpers() {
  for await (const bill of client.listObjects(
    "/me/bill",
    { category: "autorenew" },
    { pageSize: 50 },
  )) {
    expectTypeOf(bill).toEqualTypeOf<billing.Bill>();
  }
  for await (const resource of client.paginate("/v2/iam/resource", {}, { pageSize: 100 })) {
    expectTypeOf(resource.type).toEqualTypeOf<string>();
  }
  const ids = await client.get("/dedicated/server/{serviceName}/task", { serviceName });
  const tasks = await client.batchGet("/dedicated/server/{serviceName}/task/{taskId}", ids, {
    serviceName,
  });
  expectTypeOf(tasks.values.get("1")?.status).toEqualTypeOf<
    "cancelled" | "customerError" | "doing" | "done" | "init" | "ovhError" | "todo" | undefined
  >();
  const credentials = await client.batchGet("/me/api/credential/{credentialId}", [1, 2], {
    chunkSize: 10,
  });
  expectTypeOf(credentials.values.get("1")?.status).not.toBeAny();
  // @ts-expect-error the other placeholders are required
  await client.batchGet("/dedicated/server/{serviceName}/task/{taskId}", ids);
  // @ts-expect-error ids of the placeholder's type: credentialId is a long
  await client.batchGet("/me/api/credential/{credentialId}", ["1"]);
  // The untyped form stays: the collection, the ids, T.
  const bills = await client.batchGet<{ billId: string }>("/me/bill", [billId]);
  expectTypeOf(bills).toEqualTypeOf<BatchResult<{ billId: string }>>();
}

export async function untypedFallback() {
  // A path written out: untyped, as before, with the T the caller names.
  const bill = await client.get<{ date: string }>(`/me/bill/${billId}`);
  expectTypeOf(bill).toEqualTypeOf<{ date: string }>();
  const raw = await client.get(`/me/bill/${billId}`);
  expectTypeOf(raw).toEqualTypeOf<unknown>();
  // A path of an API the project did not opt in to.
  const projects = await client.get("/cloud/project");
  expectTypeOf(projects).toEqualTypeOf<unknown>();
  await client.post("/cloud/project/x/instance", { anything: true });
  // A path held in a string: untyped.
  const path: string = "/me";
  expectTypeOf(await client.get(path)).toEqualTypeOf<unknown>();
  // Naming T opts out of the route's types.
  expectTypeOf(await client.get<{ x: 1 }>("/me")).toEqualTypeOf<{ x: 1 }>();
}

export function typedClientsAreClients(typed: Client) {
  // The Node, Deno and Workers clients (here Node's, as `asyncovh` resolves under Node) carry
  // the route map; a client is a Client wherever one is expected.
  const plain: Client = typed;
  return plain;
}

export function clientsOfOtherRoutes(options: { endpoint: string }) {
  // Route maps are types only: a client of some routes goes where a client of others is asked.
  const iam: Client = new Client<IamRoutes>(options);
  const fromProject: Client<MeRoutes> = new Client(options);
  return [iam, fromProject];
}
