/**
 * @module
 * The first example of the README: greet the owner of the account.
 */
// Importing /me's types gives every client of the examples its routes (typed calls).
import type { nichandle } from "@asyncovh/api/me";
import type { Client } from "asyncovh";
import type { Print } from "./print.ts";

/** Prints `Welcome, <firstname>` for the account the client's consumer key belongs to. */
export async function welcome(client: Client, print: Print): Promise<nichandle.Nichandle> {
  const me = await client.get("/me");
  print(`Welcome, ${me.firstname}`);
  return me;
}
