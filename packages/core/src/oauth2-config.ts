/**
 * @module
 * Which authentication a client uses, decided once its settings are resolved: OAuth2 (a bearer
 * token from `clientId`/`clientSecret`, or a given `accessToken`) or application keys (signed
 * calls). Mixing both, or half of a pair, is a configuration error that says what to fix.
 */
import { BearerToken } from "./bearer-token.ts";
import type { Credentials } from "./config.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { requestClientCredentialsToken, resolveTokenUrl } from "./oauth2.ts";
import type { FetchLike } from "./types.ts";

export interface OAuth2Context {
  tokenUrl?: string | undefined;
  fetch: FetchLike;
  /** Time limit of a token request (ms). */
  timeout: number;
  now?: () => number;
}

const SOURCES = "the client options, the OVH_* environment variables and ovh.conf";

/**
 * The bearer token source of a client configured for OAuth2, or `undefined` when it uses
 * application keys. Throws `InvalidConfiguration` for a mixed or incomplete configuration.
 */
export function oauth2From(settings: Credentials, context: OAuth2Context): BearerToken | undefined {
  const { clientId, clientSecret, accessToken } = settings;
  const oauth2 = Object.entries({ clientId, clientSecret, accessToken })
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name);
  if (oauth2.length === 0) return undefined;
  const keys = Object.entries({
    applicationKey: settings.applicationKey,
    applicationSecret: settings.applicationSecret,
    consumerKey: settings.consumerKey,
  })
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name);
  if (keys.length > 0) {
    throw new InvalidConfiguration(
      `Both OAuth2 credentials (${oauth2.join(", ")}) and application keys (${keys.join(", ")}) are configured, and a client signs its calls one way only: remove one set from ${SOURCES}.`,
    );
  }
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    throw new InvalidConfiguration(
      `OAuth2 needs both clientId and clientSecret, but ${clientId === undefined ? "clientId" : "clientSecret"} is missing: set it in ${SOURCES} (OVH_CLIENT_ID / OVH_CLIENT_SECRET, client_id / client_secret).`,
    );
  }
  if (clientId === undefined || clientSecret === undefined) {
    return new BearerToken({ accessToken, now: context.now });
  }
  const tokenUrl = resolveTokenUrl(settings.endpoint as string, context.tokenUrl);
  return new BearerToken({
    accessToken,
    now: context.now,
    grant: () =>
      requestClientCredentialsToken({
        tokenUrl,
        clientId,
        clientSecret,
        fetch: context.fetch,
        timeout: context.timeout,
        now: context.now,
      }),
  });
}
