/**
 * @module
 * Redirect an e-mail address of a domain hosted by OVHcloud. The API names the source `from`, a
 * reserved word: written `_from`, the client sends it as `from`.
 */
import type { email } from "@asyncovh/api/email-domain";
import type { Client } from "asyncovh";
import type { Print } from "./print.ts";

export interface MailRedirection {
  domain: string;
  from: string;
  to: string;
}

/** The addresses of the README's example. */
export const EXAMPLE_REDIRECTION: Readonly<MailRedirection> = Object.freeze({
  domain: "example.com",
  from: "sales@example.com",
  to: "contact@example.com",
});

/** Creates the redirection (`POST /email/domain/{domain}/redirection`) and says so. */
export async function addMailRedirection(
  client: Client,
  print: Print,
  { domain, from, to }: MailRedirection = EXAMPLE_REDIRECTION,
): Promise<email.domain.TaskSpecialAccount> {
  const task = await client.post("/email/domain/{domain}/redirection", {
    domain,
    _from: from,
    to,
    localCopy: false,
  });
  print(`Installed new mail redirection from ${from} to ${to}`);
  return task;
}
