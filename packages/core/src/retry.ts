/**
 * @module
 * The retry policy, as data, and the pure decision of whether and when to try again.
 *
 * Only idempotent methods are retried unless a call opts in: a POST that reached the server may
 * have been carried out, so repeating it silently could do it twice.
 */
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { parseRetryAfter } from "./retry-after.ts";

/** How a client or a call retries; every field is optional and falls back to the client's. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 turns retries off). */
  limit?: number | undefined;
  /** Methods that may be retried (default GET, PUT, DELETE, HEAD). */
  methods?: readonly string[] | undefined;
  /** Statuses that are retried (default 408, 429, 502, 503, 504). */
  statusCodes?: readonly number[] | undefined;
  /** The first backoff in ms, doubled at each retry (default 500). */
  delay?: number | undefined;
  /** The longest backoff in ms (default 8000). */
  backoffLimit?: number | undefined;
  /**
   * The longest `Retry-After` in ms that is honoured (default 60000). When the server asks for
   * longer, the call fails at once with its error instead of waiting.
   */
  maxRetryAfter?: number | undefined;
}

/** `retry` option: options, a number of retries, or `false`/`0` for none. */
export type RetrySetting = RetryOptions | number | false;

/** A complete policy, every field set. */
export interface RetryPolicy {
  readonly limit: number;
  readonly methods: readonly string[];
  readonly statusCodes: readonly number[];
  readonly delay: number;
  readonly backoffLimit: number;
  readonly maxRetryAfter: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  limit: 2,
  methods: Object.freeze(["GET", "PUT", "DELETE", "HEAD"]),
  statusCodes: Object.freeze([408, 429, 502, 503, 504]),
  delay: 500,
  backoffLimit: 8000,
  maxRetryAfter: 60_000,
});

const MAX_RETRIES = 100;

function milliseconds(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidConfiguration(
      `${name} must be a number of milliseconds, 0 or more (got ${String(value)}).`,
    );
  }
  return value;
}

function retryLimit(value: unknown, name: string): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_RETRIES) {
    throw new InvalidConfiguration(
      `${name} must be a whole number of retries from 0 to ${MAX_RETRIES} (got ${String(value)}).`,
    );
  }
  return value as number;
}

/**
 * Checks a `retry` setting and completes it from `base` (the client's policy, or the default).
 * `where` names the option in error messages.
 */
export function retryPolicy(
  setting: RetrySetting | undefined,
  base: RetryPolicy = DEFAULT_RETRY,
  where = "retry",
): RetryPolicy {
  if (setting === undefined) return base;
  if (setting === false) return Object.freeze({ ...base, limit: 0 });
  if (typeof setting === "number") {
    return Object.freeze({ ...base, limit: retryLimit(setting, where) });
  }
  if (setting === null || typeof setting !== "object" || Array.isArray(setting)) {
    throw new InvalidConfiguration(
      `${where} must be a number of retries, false, or { limit, methods, statusCodes, delay, backoffLimit, maxRetryAfter }.`,
    );
  }
  const { limit, methods, statusCodes, delay, backoffLimit, maxRetryAfter } = setting;
  if (
    methods !== undefined &&
    !(
      Array.isArray(methods) && methods.every((m) => typeof m === "string" && /^[A-Za-z]+$/.test(m))
    )
  ) {
    throw new InvalidConfiguration(
      `${where}.methods must be an array of HTTP methods, e.g. ["GET"].`,
    );
  }
  if (
    statusCodes !== undefined &&
    !(
      Array.isArray(statusCodes) &&
      statusCodes.every((s) => Number.isInteger(s) && s >= 100 && s <= 599)
    )
  ) {
    throw new InvalidConfiguration(
      `${where}.statusCodes must be an array of HTTP statuses (100-599), e.g. [429, 503].`,
    );
  }
  return Object.freeze({
    limit: limit === undefined ? base.limit : retryLimit(limit, `${where}.limit`),
    methods:
      methods === undefined ? base.methods : Object.freeze(methods.map((m) => m.toUpperCase())),
    statusCodes: statusCodes === undefined ? base.statusCodes : Object.freeze([...statusCodes]),
    delay: delay === undefined ? base.delay : milliseconds(delay, `${where}.delay`),
    backoffLimit:
      backoffLimit === undefined
        ? base.backoffLimit
        : milliseconds(backoffLimit, `${where}.backoffLimit`),
    maxRetryAfter:
      maxRetryAfter === undefined
        ? base.maxRetryAfter
        : milliseconds(maxRetryAfter, `${where}.maxRetryAfter`),
  });
}

/** What went wrong with an attempt: a response with a status, or no response at all. */
export type AttemptFailure =
  | { kind: "status"; status: number; retryAfter?: string | null | undefined }
  | { kind: "network" };

/**
 * The capped exponential backoff before retry number `retry` (1 for the first), with "equal
 * jitter": somewhere between half and all of it, so that many clients do not retry in step.
 */
export function backoff(policy: RetryPolicy, retry: number, random: () => number = Math.random) {
  const capped = Math.min(policy.backoffLimit, policy.delay * 2 ** (retry - 1));
  return Math.round(capped / 2 + (random() * capped) / 2);
}

/**
 * How long to wait before retrying after attempt number `attempt` (1 for the first) failed, or
 * `undefined` when the call must not be retried: method not allowed, status not retried,
 * retries used up, or a `Retry-After` longer than the policy accepts. A `Retry-After` is
 * followed as given (no jitter).
 */
export function retryDelay(
  policy: RetryPolicy,
  method: string,
  attempt: number,
  failure: AttemptFailure,
  random: () => number = Math.random,
  now: number = Date.now(),
): number | undefined {
  if (attempt > policy.limit || !policy.methods.includes(method.toUpperCase())) return undefined;
  if (failure.kind === "status") {
    if (!policy.statusCodes.includes(failure.status)) return undefined;
    const asked = parseRetryAfter(failure.retryAfter, now);
    if (asked !== undefined) return asked > policy.maxRetryAfter ? undefined : asked;
  }
  return backoff(policy, attempt, random);
}
