/**
 * @module
 * Secrets in browsers: anything shipped to a page can be read by whoever loads it, so a client
 * holding an application secret there must be an explicit choice of its author.
 */
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

/** A page's global scope: Deno, Bun, Node and Workers define neither `window` nor `document`. */
export const isBrowser = (scope: object = globalThis): boolean =>
  "window" in scope &&
  "document" in scope &&
  (scope as { document?: unknown }).document !== undefined;

/** The options the guard looks at. */
export interface BrowserSecretOptions {
  /** The application secret: a secret, refused in a page. */
  applicationSecret?: string | undefined;
  /** The OAuth2 client secret: a secret, refused in a page. */
  clientSecret?: string | undefined;
  /** Accept a secret in a page anyway: for a page only its author opens. */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Refuses a secret handed to a client in a browser page, unless the author opted in. */
export function assertNoSecretInBrowser(
  options: BrowserSecretOptions,
  scope: object = globalThis,
): void {
  if (options.dangerouslyAllowBrowser === true || !isBrowser(scope)) return;
  const held = [
    options.applicationSecret && "applicationSecret",
    options.clientSecret && "clientSecret",
  ].filter(Boolean);
  if (held.length === 0) return;
  throw new InvalidConfiguration(
    `This client runs in a browser and was given ${held.join(" and ")}: anyone who loads the page can read it. ` +
      "Keep secrets on a server: point the client at a signing proxy (@asyncovh/proxy) with " +
      "`{ endpoint: proxyUrl, needAuth: false }`, or pass `dangerouslyAllowBrowser: true` if the page is yours alone.",
  );
}
