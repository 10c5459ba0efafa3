/**
 * Type tests of typed calls per client: nothing here imports an API project-wide, so a plain
 * `Client` stays untyped, and a `Client<MeRoutes & IamRoutes>` knows those two APIs alone.
 */
import type { MeRoutes, nichandle } from "@asyncovh/api/me/routes";
import type { IamRoutes } from "@asyncovh/api/v2/iam/routes";
import { Client, type ClientOptions } from "asyncovh";
import { expectTypeOf } from "vitest";

declare const options: ClientOptions;

export async function aPlainClientIsUntyped() {
  const plain = new Client(options);
  expectTypeOf(await plain.get("/me")).toEqualTypeOf<unknown>();
  expectTypeOf(await plain.get<{ firstname: string }>("/me")).toEqualTypeOf<{
    firstname: string;
  }>();
  // Untyped: the params are not checked against a route.
  await plain.get("/me/bill/{billId}", { billId: "FR1", anything: true });
}

export async function aClientOfItsOwnRoutes() {
  const client = new Client<MeRoutes & IamRoutes>(options);
  const me = await client.get("/me");
  expectTypeOf(me.nichandle).toEqualTypeOf<string>();
  // @ts-expect-error a missing placeholder
  await client.get("/me/bill/{billId}");
  const policies = await client.get("/v2/iam/policy");
  expectTypeOf(policies[0]?.id).toEqualTypeOf<string | undefined>();
  // Routes of other APIs stay untyped on it.
  expectTypeOf(await client.get("/dedicated/server")).toEqualTypeOf<unknown>();
  return me;
}

export function typedClientsGoWhereAClientGoes(client: Client<MeRoutes>): Client {
  // A typed client is a Client: a signing proxy, a helper taking `Client`, accept it.
  return client;
}

/** A helper of a library takes a `Client`: paths written out, and the T it names. */
export async function nichandleOf(client: Client): Promise<string> {
  const me = await client.get<nichandle.Nichandle>("/me");
  return me.nichandle;
}

export async function aTypedClientToAHelper() {
  return nichandleOf(new Client<MeRoutes>(options));
}
