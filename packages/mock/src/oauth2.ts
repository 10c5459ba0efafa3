/**
 * @module
 * OVHcloud service accounts in the mock: the OAuth2 token endpoint (`POST /auth/oauth2/token`,
 * client-credentials grant, RFC 6749 §4.4, with errors as §5.2 writes them) and the check of
 * `Authorization: Bearer …` on API calls, tokens expiring after a configurable lifetime.
 */
import { OvhError } from "./errors.ts";
import { jsonResponse } from "./http.ts";
import { randomToken } from "./random.ts";

/** Where the token endpoint lives, at the root of the mock's origin (like www.ovh.com). */
export const TOKEN_PATH = "/auth/oauth2/token";

/** Default lifetime of an access token, in seconds (OVH's is one hour). */
export const DEFAULT_TOKEN_LIFETIME = 3600;

/** A service account's credentials. */
export interface ServiceAccountKeys {
  /** The service account's client id. */
  clientId: string;
  /** Its client secret. */
  clientSecret: string;
}

interface IssuedToken {
  clientId: string;
  /** ms since the epoch, on the mock's clock. */
  expiresAt: number;
}

const oauthError = (status: number, error: string, description: string, headers?: HeadersInit) => {
  const response = jsonResponse({ error, error_description: description }, status, headers);
  response.headers.set("Cache-Control", "no-store");
  return response;
};

/** Client id and secret from HTTP Basic credentials, or else from the form (client_secret_post). */
function clientCredentials(request: Request, form: URLSearchParams): Partial<ServiceAccountKeys> {
  const header = request.headers.get("Authorization") ?? "";
  if (/^Basic /i.test(header)) {
    try {
      const bytes = Uint8Array.from(atob(header.slice(6).trim()), (c) => c.charCodeAt(0));
      const decoded = new TextDecoder().decode(bytes);
      const colon = decoded.indexOf(":");
      if (colon > 0)
        return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
    } catch {
      // Malformed: reported as an unknown client.
    }
    return {};
  }
  return {
    clientId: form.get("client_id") ?? undefined,
    clientSecret: form.get("client_secret") ?? undefined,
  };
}

/** The service accounts of a mock and the tokens handed out to them. */
export class OAuth2Server {
  readonly #accounts = new Map<string, string>();
  readonly #tokens = new Map<string, IssuedToken>();
  #lifetime: number;

  constructor(lifetimeSeconds = DEFAULT_TOKEN_LIFETIME) {
    this.#lifetime = OAuth2Server.checkLifetime(lifetimeSeconds);
  }

  static checkLifetime(seconds: unknown): number {
    if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0) {
      throw new TypeError(
        `tokenLifetime must be a positive number of seconds (got ${String(seconds)}).`,
      );
    }
    return seconds;
  }

  /** Lifetime of the tokens handed out from now on, in seconds. */
  set tokenLifetime(seconds: number) {
    this.#lifetime = OAuth2Server.checkLifetime(seconds);
  }

  get tokenLifetime(): number {
    return this.#lifetime;
  }

  /** Registers a service account; what is not given is generated. */
  addServiceAccount(keys: Partial<ServiceAccountKeys> = {}): ServiceAccountKeys {
    const clientId = keys.clientId ?? randomToken(16).toLowerCase();
    const clientSecret = keys.clientSecret ?? randomToken(32);
    if (typeof clientId !== "string" || clientId === "" || clientId.includes(":")) {
      throw new TypeError("clientId must be a non-empty string without ':'.");
    }
    if (typeof clientSecret !== "string" || clientSecret === "") {
      throw new TypeError("clientSecret must be a non-empty string.");
    }
    if (this.#accounts.has(clientId)) {
      throw new Error("A service account with this clientId is already registered.");
    }
    this.#accounts.set(clientId, clientSecret);
    return { clientId, clientSecret };
  }

  /** Forgets every issued token: the next bearer call is refused until a new token is fetched. */
  revokeTokens(): void {
    this.#tokens.clear();
  }

  /** Back to no service account and no token. */
  reset(): void {
    this.#accounts.clear();
    this.#tokens.clear();
  }

  /** Answers a request to the token endpoint. */
  async token(request: Request, now: number): Promise<Response> {
    if (request.method !== "POST") {
      return oauthError(405, "invalid_request", "The token endpoint only accepts POST.", {
        Allow: "POST",
      });
    }
    const type = request.headers.get("Content-Type") ?? "";
    if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
      return oauthError(
        400,
        "invalid_request",
        "The body must be application/x-www-form-urlencoded.",
      );
    }
    const form = new URLSearchParams(await request.text());
    const { clientId, clientSecret } = clientCredentials(request, form);
    if (
      clientId === undefined ||
      clientSecret === undefined ||
      this.#accounts.get(clientId) !== clientSecret
    ) {
      return oauthError(401, "invalid_client", "Client authentication failed.", {
        "WWW-Authenticate": 'Basic realm="OVHcloud"',
      });
    }
    if (form.get("grant_type") !== "client_credentials") {
      return oauthError(
        400,
        "unsupported_grant_type",
        "Only the client_credentials grant is supported.",
      );
    }
    const scope = form.get("scope") ?? "all";
    if (scope !== "all") {
      return oauthError(400, "invalid_scope", 'The only scope is "all".');
    }
    const accessToken = `eyJ${randomToken(40)}`;
    this.#tokens.set(accessToken, { clientId, expiresAt: now + this.#lifetime * 1000 });
    const response = jsonResponse({
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: this.#lifetime,
      scope,
    });
    response.headers.set("Cache-Control", "no-store");
    return response;
  }

  /**
   * Checks a bearer call to a route that needs authentication (`auth` "signed", the default):
   * `undefined` when the request carries no bearer token (it is then checked like a signed call),
   * the service account when the token is valid; otherwise throws the 401 the API answers.
   */
  caller(
    auth: string | undefined,
    request: Request,
    now: number,
  ): { clientId: string; application?: undefined; credential?: undefined } | undefined {
    const header = request.headers.get("Authorization");
    if ((auth ?? "signed") !== "signed" || header === null || !/^Bearer /i.test(header)) {
      return undefined;
    }
    const issued = this.#tokens.get(header.slice(7).trim());
    if (!issued) throw new OvhError(401, "Invalid access token");
    if (issued.expiresAt <= now) {
      this.#tokens.delete(header.slice(7).trim());
      throw new OvhError(401, "The access token has expired");
    }
    return { clientId: issued.clientId };
  }
}
