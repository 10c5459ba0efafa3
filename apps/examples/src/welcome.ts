/**
 * @module
 * The first example of the README: greet the owner of the account.
 */
import type { Client } from "asyncovh";
import type { Print } from "./print.ts";

/** The part of `GET /me` (a `nichandle.Nichandle`) that the examples read. */
export interface Me {
  firstname: string;
  nichandle?: string;
}

/** Prints `Welcome, <firstname>` for the account the client's consumer key belongs to. */
export async function welcome(client: Client, print: Print): Promise<Me> {
  const me = await client.get<Me>("/me");
  print(`Welcome, ${me.firstname}`);
  return me;
}
