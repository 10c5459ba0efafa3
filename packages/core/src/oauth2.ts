/**
 * @module
 * The OAuth2 client-credentials grant of OVHcloud service accounts (RFC 6749 §4.4), as python-ovh
 * 1.2 sends it: `POST` to the endpoint's token URL, the client id and secret as HTTP Basic
 * credentials, a form body `grant_type=client_credentials&scope=all`.
 */

import { attemptSignal } from "./attempt-signal.ts";
import { ENDPOINTS } from "./endpoints.ts";
import { field } from "./errors/from-response.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { OAuth2FailureError } from "./errors/oauth2-failure-error.ts";
import type { FetchLike } from "./types.ts";

/** The token URL of each endpoint that has service accounts. */
export const OAUTH2_TOKEN_URLS = Object.freeze({
  "ovh-eu": "https://www.ovh.com/auth/oauth2/token",
  "ovh-ca": "https://ca.ovh.com/auth/oauth2/token",
  "ovh-us": "https://us.ovhcloud.com/auth/oauth2/token",
} as const);

/**
 * The token URL to use for an endpoint: the explicit `tokenUrl` when given, else the endpoint's
 * own. An endpoint without service accounts is an `InvalidConfiguration` saying what to do.
 */
export function resolveTokenUrl(endpoint: string, tokenUrl?: string): string {
  if (tokenUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = typeof tokenUrl === "string" ? new URL(tokenUrl) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.hash) {
      throw new InvalidConfiguration(
        `tokenUrl must be an absolute http(s) URL without credentials or fragment (got ${JSON.stringify(tokenUrl)}), e.g. "https://www.ovh.com/auth/oauth2/token".`,
      );
    }
    return url.href;
  }
  if (Object.hasOwn(OAUTH2_TOKEN_URLS, endpoint)) {
    return OAUTH2_TOKEN_URLS[endpoint as keyof typeof OAUTH2_TOKEN_URLS];
  }
  const named = Object.hasOwn(ENDPOINTS, endpoint);
  throw new InvalidConfiguration(
    named
      ? `OAuth2 service accounts are not available on endpoint "${endpoint}" (only ${Object.keys(OAUTH2_TOKEN_URLS).join(", ")}): use an application key, secret and consumer key there.`
      : `OAuth2 on the custom endpoint ${JSON.stringify(endpoint)} needs the token URL: pass the \`tokenUrl\` option.`,
  );
}

/** An access token and when it stops being valid (ms since the epoch), when the server said. */
export interface AccessToken {
  value: string;
  expiresAt: number | undefined;
}

export interface TokenRequest {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: FetchLike;
  /** Time limit of the token request (ms). */
  timeout: number;
  now?: () => number;
}

// HTTP Basic credentials: base64 of the UTF-8 bytes of "id:secret", as python-ovh's requests sends.
const basic = (id: string, secret: string): string => {
  const bytes = new TextEncoder().encode(`${id}:${secret}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
};

/**
 * Runs the client-credentials grant once. Every failure is an {@link OAuth2FailureError} that
 * names the token URL and never carries the client secret nor a token.
 */
export async function requestClientCredentialsToken(request: TokenRequest): Promise<AccessToken> {
  const { tokenUrl, clientId, clientSecret, timeout } = request;
  const now = request.now ?? Date.now;
  const where = `POST ${tokenUrl}`;
  const startedAt = now();
  // Until the body is read; cleared then, so that no timer outlives the request.
  const clock = attemptSignal(timeout);
  let response: Response;
  let body: unknown;
  try {
    try {
      response = await request.fetch(tokenUrl, {
        method: "POST",
        headers: {
          Accept: "application/json",
          Authorization: basic(clientId, clientSecret),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials&scope=all",
        // The Basic credentials must not follow a redirect to another host.
        redirect: "manual",
        signal: clock.signal,
      });
    } catch (cause) {
      throw new OAuth2FailureError(
        `OAuth2 token request failed: ${(cause as Error | undefined)?.message ?? String(cause)} (${where}). Check the network and the token URL.`,
        { method: "POST", path: tokenUrl, cause },
      );
    }
    try {
      body = JSON.parse(await response.text());
    } catch {
      body = undefined;
    }
  } finally {
    clock.clear();
  }
  const { status } = response;
  if (status < 200 || status >= 300) {
    const code = field(body, "error");
    const description = field(body, "error_description");
    const reason = [
      typeof code === "string" && code,
      typeof description === "string" && description,
    ]
      .filter(Boolean)
      .join(": ");
    throw new OAuth2FailureError(
      `OAuth2 token request refused${reason ? ` (${reason})` : ""} (${where}: HTTP ${status}). Check clientId and clientSecret (OVH_CLIENT_ID / OVH_CLIENT_SECRET) and that the service account exists.`,
      {
        status,
        errorCode: typeof code === "string" ? code : undefined,
        method: "POST",
        path: tokenUrl,
        response,
      },
    );
  }
  const value = field(body, "access_token");
  const type = field(body, "token_type");
  const expiresIn = field(body, "expires_in");
  if (
    typeof value !== "string" ||
    value === "" ||
    (type !== undefined && (typeof type !== "string" || type.toLowerCase() !== "bearer")) ||
    (expiresIn !== undefined && (typeof expiresIn !== "number" || !(expiresIn > 0)))
  ) {
    // The body is left out of the error: it may hold a token.
    throw new OAuth2FailureError(
      `OAuth2 token response is not a bearer token with a positive expires_in (${where}: HTTP ${status}).`,
      { status, method: "POST", path: tokenUrl },
    );
  }
  return {
    value,
    expiresAt: typeof expiresIn === "number" ? startedAt + expiresIn * 1000 : undefined,
  };
}
