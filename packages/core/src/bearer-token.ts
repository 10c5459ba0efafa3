/**
 * @module
 * The access token of an OAuth2 client: cached, renewed shortly before it expires, fetched by a
 * single request however many calls need it at once, and fetched again once after a 401.
 */

import { type Answer, discard } from "./answer.ts";
import type { AccessToken } from "./oauth2.ts";
import { abortable } from "./sleep.ts";

/** Renew this long before expiry (capped at a tenth of the token's lifetime). */
export const REFRESH_MARGIN = 60_000;

export interface BearerTokenInit {
  /** A token given by the user (`accessToken`): used until it is refused. */
  accessToken?: string | undefined;
  /** Gets a new token; absent, the given `accessToken` is all there is. */
  grant?: (() => Promise<AccessToken>) | undefined;
  now?: () => number;
}

interface Cached extends AccessToken {
  renewAt: number;
}

/** Holds the current token of one client. */
export class BearerToken {
  readonly #grant: (() => Promise<AccessToken>) | undefined;
  readonly #now: () => number;
  #current: Cached | undefined;
  #pending: Promise<string> | undefined;

  constructor(init: BearerTokenInit) {
    this.#grant = init.grant;
    this.#now = init.now ?? Date.now;
    if (init.accessToken !== undefined) {
      this.#current = { value: init.accessToken, expiresAt: undefined, renewAt: Infinity };
    }
  }

  /** The token to send now; at most one grant request runs at a time. */
  /** The token held now, if any: a secret to keep out of messages. */
  get held(): string | undefined {
    return this.#current?.value;
  }

  token(): Promise<string> {
    const current = this.#current;
    if (current && (this.#now() < current.renewAt || !this.#grant)) {
      return Promise.resolve(current.value);
    }
    this.#pending ??= this.#renew().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #renew(): Promise<string> {
    const startedAt = this.#now();
    const token = await (this.#grant as () => Promise<AccessToken>)();
    const lifetime = token.expiresAt === undefined ? Infinity : token.expiresAt - startedAt;
    const margin = Math.min(REFRESH_MARGIN, lifetime / 10);
    this.#current = { ...token, renewAt: (token.expiresAt ?? Infinity) - margin };
    return token.value;
  }

  /**
   * Called after the API refused `token` (401): forgets it, unless a newer one replaced it
   * already. True when a new token can be fetched, so that the call is worth one more attempt.
   */
  refused(token: string): boolean {
    if (!this.#grant) return false;
    if (this.#current?.value === token) this.#current = undefined;
    return true;
  }
}

/**
 * Sends a call with `Authorization: Bearer …`; after a 401, fetches a new token and sends it
 * once more. `send` must be callable twice (the body is a string, so it is).
 */
export async function sendWithBearer(
  bearer: BearerToken,
  signal: AbortSignal | undefined,
  send: (authorization: string) => Promise<Answer>,
): Promise<Answer> {
  // The token request is shared by every waiting call: one call's abort only stops its wait.
  const token = await abortable(bearer.token(), signal);
  const answer = await send(`Bearer ${token}`);
  if (answer.status !== 401 || !bearer.refused(token)) return answer;
  discard(answer);
  return send(`Bearer ${await abortable(bearer.token(), signal)}`);
}
