/**
 * @module
 * Authorize an application on a customer's account: request a consumer key restricted to
 * `GET /me`, send the user to the validation page, then use the key.
 */
import type {} from "@asyncovh/api/me";
import { API_READ_ONLY, type Client } from "asyncovh";
import type { Print } from "./print.ts";

export interface AuthorizeOptions {
  /**
   * Resolves once the user has logged in at `validationUrl` and accepted the rules: in a
   * terminal, a prompt; in a web application, the redirection back to your site.
   */
  waitForValidation: (validationUrl: string) => Promise<void>;
  /** Where OVHcloud sends the user after the validation. */
  redirection?: string | undefined;
}

/** Requests a read-only consumer key for `/me`, waits for its validation and greets the user. */
export async function authorizeConsumerKey(
  client: Client,
  print: Print,
  { waitForValidation, redirection }: AuthorizeOptions,
): Promise<string> {
  const request = client.newConsumerKeyRequest();
  request.addRules(API_READ_ONLY, "/me");
  const { validationUrl, consumerKey } = await request.request(redirection);

  print(`Please visit ${validationUrl} to authenticate`);
  await waitForValidation(validationUrl);

  // The client keeps the new consumer key: this call is signed with it.
  const me = await client.get("/me");
  print(`Welcome, ${me.firstname}`);
  print(`Btw, your 'consumerKey' is '${consumerKey}'`);
  return consumerKey;
}
