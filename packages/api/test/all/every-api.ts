/**
 * Every API of `@asyncovh/api` in one program (the tsconfig includes all of `types/`): the
 * declarations compile together, and no two APIs add the same route.
 */
import { Client } from "asyncovh";
import { expectTypeOf } from "vitest";

const client = new Client();

export async function calls() {
  const server = await client.get("/dedicated/server/{serviceName}", { serviceName: "ns1" });
  expectTypeOf(server.state).toEqualTypeOf<"error" | "hacked" | "hackedBlocked" | "ok">();
  const projects = await client.get("/cloud/project");
  expectTypeOf(projects).toEqualTypeOf<string[]>();
  for await (const group of client.paginate("/v2/iam/resourceGroup")) {
    expectTypeOf(group.name).toEqualTypeOf<string>();
  }
}
