/**
 * @module
 * The dashboard's sign-in: one password (the server's `DASHBOARD_PASSWORD`), checked in constant
 * time, and sessions held in memory behind a random id, which the browser keeps in an HttpOnly,
 * SameSite=Strict cookie. Failed sign-ins are throttled so that the password cannot be guessed
 * at network speed.
 */
import { equalSecrets } from "@asyncovh/proxy";

/** Shorter passwords can be guessed. */
export const MIN_PASSWORD_LENGTH = 12;
/** A session ends this long after sign-in (8 hours). */
export const SESSION_LIFETIME = 8 * 60 * 60 * 1000;
/** At most this many failed sign-ins per minute, from anyone; further tries get 429. */
export const FAILURES_PER_MINUTE = 10;

export interface SessionsOptions {
  password: string | undefined;
  /** The clock, in ms (default `Date.now`). */
  now?: () => number;
}

/** What a sign-in attempt gave. */
export type SignIn = { session: string } | { refused: "password" | "throttled" };

export interface Sessions {
  /** Checks the password; on success, opens a session and returns its id. */
  signIn(password: string): Promise<SignIn>;
  /** True while `id` is an open session. */
  valid(id: string | undefined): boolean;
  /** Ends the session `id`, if open. */
  end(id: string | undefined): void;
}

/** 32 random bytes, base64url: the session id a cookie carries. */
function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export function createSessions({ password, now = Date.now }: SessionsOptions): Sessions {
  if (typeof password !== "string" || password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(
      `The dashboard needs DASHBOARD_PASSWORD, its sign-in password, of ${MIN_PASSWORD_LENGTH} characters or more.`,
    );
  }
  const open = new Map<string, number>();
  let failures: number[] = [];

  const forget = (at: number) => {
    for (const [id, expires] of open) if (expires <= at) open.delete(id);
    failures = failures.filter((time) => time > at - 60_000);
  };

  return {
    async signIn(given) {
      const at = now();
      forget(at);
      if (failures.length >= FAILURES_PER_MINUTE) return { refused: "throttled" };
      // Counted as a failure before the check, so that guesses sent together cannot all pass
      // the limit while the comparison runs; taken back when the password is right.
      failures.push(at);
      if (!(await equalSecrets(given, password))) return { refused: "password" };
      const counted = failures.indexOf(at);
      if (counted >= 0) failures.splice(counted, 1);
      const session = newId();
      open.set(session, at + SESSION_LIFETIME);
      return { session };
    },
    valid(id) {
      const expires = id === undefined ? undefined : open.get(id);
      return expires !== undefined && expires > now();
    },
    end(id) {
      if (id !== undefined) open.delete(id);
    },
  };
}
