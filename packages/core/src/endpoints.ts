/**
 * @module
 * The OVHcloud API endpoints, and how a call's path becomes the URL that is sent (and signed).
 */

import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidRegion } from "./errors/invalid-region.ts";

/** The name of one of the seven OVHcloud API endpoints. */
export type EndpointName =
  | "ovh-eu"
  | "ovh-us"
  | "ovh-ca"
  | "kimsufi-eu"
  | "kimsufi-ca"
  | "soyoustart-eu"
  | "soyoustart-ca";

/** The seven named OVHcloud API endpoints, as python-ovh knows them: name -> base URL. */
export const ENDPOINTS: Readonly<Record<EndpointName, string>> = Object.freeze({
  "ovh-eu": "https://eu.api.ovh.com/1.0",
  "ovh-us": "https://api.us.ovhcloud.com/1.0",
  "ovh-ca": "https://ca.api.ovh.com/1.0",
  "kimsufi-eu": "https://eu.api.kimsufi.com/1.0",
  "kimsufi-ca": "https://ca.api.kimsufi.com/1.0",
  "soyoustart-eu": "https://eu.api.soyoustart.com/1.0",
  "soyoustart-ca": "https://ca.api.soyoustart.com/1.0",
});

const isEndpointName = (name: string): name is EndpointName => Object.hasOwn(ENDPOINTS, name);

/**
 * Turns an endpoint name, or an absolute `http(s)` base URL such as a local mock's, into the base
 * URL that paths are appended to (without a trailing slash).
 */
export function resolveEndpoint(endpoint: string): string {
  if (isEndpointName(endpoint)) return ENDPOINTS[endpoint];
  if (!/^https?:\/\//i.test(endpoint)) {
    throw new InvalidRegion(
      `Unknown endpoint ${JSON.stringify(endpoint)}. Valid endpoints: ${Object.keys(ENDPOINTS).join(", ")}, or an absolute http(s) base URL such as "http://127.0.0.1:8080/1.0".`,
    );
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidRegion(`Endpoint ${JSON.stringify(endpoint)} is not a valid URL.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InvalidRegion(
      "A custom endpoint must be a plain base URL: no credentials, query string or fragment.",
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

const VERSIONED_PATH = /^\/v[12](?:[/?]|$)/;
// Characters a path may not carry: controls, spaces, fragments and backslashes (which some URL
// parsers read as `/` and so could change the host).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const UNSAFE_PATH = /[\u0000-\u0020\u007f#\\]/;

/**
 * Builds the URL of a call. A path starting with `/v1` or `/v2` drops the base's `/1.0`, as the
 * official clients do. The result always stays on the base URL's origin: anything that would
 * send credentials elsewhere is refused before a request is made.
 */
export function buildUrl(base: string, path: string): string {
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new InvalidConfiguration(
      `The path of a call must start with "/" (got ${JSON.stringify(path)}), e.g. "/me".`,
    );
  }
  if (path.startsWith("//") || UNSAFE_PATH.test(path)) {
    throw new InvalidConfiguration(
      `The path ${JSON.stringify(path)} has characters not allowed in an API path (a leading "//", spaces, control characters, "#" or "\\").`,
    );
  }
  // URL parsers also read "%2e" as a dot, so an encoded ".." would climb out of the base path.
  if (/(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i.test(path.split("?")[0] as string)) {
    throw new InvalidConfiguration(
      `The path ${JSON.stringify(path)} contains "." or ".." segments; encode path parameters with encodeURIComponent.`,
    );
  }
  const root = VERSIONED_PATH.test(path) ? base.replace(/\/1\.0$/, "") : base;
  const url = root + path;
  // Appending a checked path keeps the base's origin; cutting "/1.0" off the base may not.
  if (root !== base && new URL(url).origin !== new URL(base).origin) {
    throw new InvalidConfiguration(
      `The path ${JSON.stringify(path)} would leave the endpoint's origin.`,
    );
  }
  return url;
}
