/**
 * @module
 * One call on the wire, from the first attempt to the last: wait for the limiter, send (signed
 * anew by `send`), read under the attempt's deadline, and decide whether to try again (retry
 * policy, `Retry-After`, a refused timestamp). Waits are abortable and every attempt gives back
 * its limiter slot and clears its timer, so nothing runs on after the call has settled.
 *
 * This is a loop of its own rather than ky's `retry`: ky retries statuses only by throwing them
 * as errors, counts a forced retry (needed to re-sync the clock) against the limit so that
 * `retry: 0` would also turn clock recovery off, runs its hooks after the backoff (so a retry
 * event cannot say how long it waits), and does not cover the body read, which must hold the
 * limiter slot and the deadline too.
 */
import { type Answer, discard } from "./answer.ts";
import { type AttemptSignal, attemptSignal } from "./attempt-signal.ts";
import { isTimestampRejected, parseErrorBody } from "./clock-drift.ts";
import type { APIError } from "./errors/api-error.ts";
import { describe } from "./errors/from-response.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { RequestAbortedError } from "./errors/request-aborted-error.ts";
import { RequestTimeoutError } from "./errors/request-timeout-error.ts";
import { type EventHook, emit } from "./events.ts";
import type { Limiter, Slot } from "./limiter.ts";
import { redactError } from "./redact-error.ts";
import { type AttemptFailure, type RetryPolicy, retryDelay } from "./retry.ts";
import { abortable, sleep } from "./sleep.ts";
import { isRetryable, transportFailure } from "./transport-failure.ts";

export interface Exchange<T> {
  method: string;
  /** The path, without its query string, for messages. */
  path: string;
  /** The URL sent, for events. */
  url: string;
  /** The endpoint's origin: a response from anywhere else is refused. */
  origin: string;
  policy: RetryPolicy;
  limiter: Limiter;
  /** Per attempt, in ms: from sending to the end of `read`. */
  timeout: number;
  signal?: AbortSignal | undefined;
  onEvent?: EventHook | undefined;
  /**
   * Credentials to keep out of messages built from foreign text, and out of the final error;
   * `send` adds each attempt's signature or token as it goes.
   */
  secrets: readonly (string | undefined)[];
  /**
   * Sends one attempt and reads its answer (for `rawCall`, all but the body, which a 400 of a
   * signed call has read too); signs it with a fresh timestamp, and calls `sent` as it hands the
   * request to the transport (the rate limit counts from then).
   */
  send(signal: AttemptSignal, attempt: number, sent: () => void): Promise<Answer>;
  /** Turns the final answer into the result, under the attempt's slot. */
  read(answer: Answer): T;
  /** Re-reads the server's clock after a refused timestamp (signed calls only). */
  resync?: (() => Promise<void>) | undefined;
  random?: (() => number) | undefined;
}

type Next = { delay: number; reason: "status" | "network" | "clock"; status?: number | undefined };

/** Runs the call; resolves with `read`'s result or rejects with an `APIError`. */
export async function exchange<T>(x: Exchange<T>): Promise<T> {
  const where = { method: x.method, path: x.path };
  const aborted = () =>
    new RequestAbortedError(describe("The call was aborted", where), {
      ...where,
      cause: x.signal?.reason,
    });
  let retries = 0;
  let resynced = false;
  for (let attempt = 1; ; attempt++) {
    let slot: Slot;
    try {
      // A free slot is taken at once; an aborted call still fails in acquire, before sending.
      slot =
        (x.signal?.aborted ? undefined : x.limiter.tryAcquire()) ??
        (await x.limiter.acquire(x.signal));
    } catch {
      throw fail(x, attempt, aborted());
    }
    const clock = attemptSignal(x.timeout, x.signal);
    let next: Next | undefined;
    try {
      const answer = await attemptOnce(x, attempt, clock, slot.sent);
      const { status, text } = answer;
      // Most answers are not retried: Retry-After is read only for a status the policy retries.
      const failure: AttemptFailure | undefined = x.policy.statusCodes.includes(status)
        ? { kind: "status", status, retryAfter: answer.header("Retry-After") }
        : undefined;
      const delay = failure && retryDelay(x.policy, x.method, retries + 1, failure, x.random);
      if (delay !== undefined) {
        next = { delay, reason: "status", status };
      } else if (
        status === 400 &&
        x.resync !== undefined &&
        !resynced &&
        text !== undefined &&
        isTimestampRejected(status, parseErrorBody(text))
      ) {
        next = { delay: 0, reason: "clock", status };
      }
      if (next === undefined) return x.read(answer);
      discard(answer);
    } catch (caught) {
      const error = clock.timedOut
        ? new RequestTimeoutError(describe(`No response within ${x.timeout} ms`, where), {
            ...where,
            cause: caught,
          })
        : x.signal?.aborted
          ? aborted()
          : transportFailure(caught, { ...where, secrets: x.secrets, during: "request" });
      // A timeout already waited its full time: it is not retried (408 answers are).
      const delay = isRetryable(error)
        ? retryDelay(x.policy, x.method, retries + 1, { kind: "network" }, x.random)
        : undefined;
      if (delay === undefined) throw fail(x, attempt, error);
      next = { delay, reason: "network", status: error.status };
    } finally {
      clock.clear();
      slot.release();
    }
    emit(x.onEvent, {
      type: "retry",
      method: x.method,
      url: x.url,
      attempt,
      delayMs: next.delay,
      reason: next.reason,
      status: next.status,
    });
    try {
      if (next.reason === "clock") {
        resynced = true;
        await abortable((x.resync as () => Promise<void>)(), x.signal);
      } else {
        retries++;
        await sleep(next.delay, x.signal);
      }
    } catch (caught) {
      throw fail(x, attempt, x.signal?.aborted ? aborted() : (caught as APIError));
    }
  }
}

const queryIdOf = (answer: Answer) => answer.header("X-Ovh-QueryID") ?? undefined;

/**
 * Sends one attempt and checks that the answer comes from the endpoint itself, with a status
 * HTTP defines (a fetch may hand over a 600 or a 999 as it is).
 */
async function attemptOnce<T>(
  x: Exchange<T>,
  attempt: number,
  signal: AttemptSignal,
  sent: () => void,
): Promise<Answer> {
  const started = x.onEvent && performance.now();
  const answer = await x.send(signal, attempt, sent);
  const { status, url } = answer;
  const where = { method: x.method, path: x.path, status, queryId: queryIdOf(answer) };
  if (x.onEvent) {
    emit(x.onEvent, {
      type: "response",
      method: x.method,
      url: x.url,
      attempt,
      status,
      queryId: where.queryId,
      durationMs: Math.round(performance.now() - (started as number)),
    });
  }
  const from = url === "" || url.startsWith(`${x.origin}/`) ? x.origin : new URL(url).origin;
  let problem: string | undefined;
  if (answer.redirected || from !== x.origin) {
    problem = `The response came from ${from}, not from the endpoint's origin ${x.origin}; it is not trusted`;
  } else if (status !== 0 && (status < 200 || status > 599)) {
    // Status 0: a browser's opaque answer to `redirect: "manual"`, refused as a redirect later.
    problem = `The server answered with status ${status}, which HTTP does not define; it is not retried`;
  }
  if (problem === undefined) return answer;
  discard(answer);
  throw new InvalidResponse(describe(problem, where), where);
}

/**
 * Reports the final error of a call, and returns it to be thrown: scrubbed first of the call's
 * secrets, which a server may have echoed in its answer.
 */
function fail<T>(x: Exchange<T>, attempt: number, error: APIError): APIError {
  redactError(error, x.secrets);
  emit(x.onEvent, { type: "error", method: x.method, url: x.url, attempt, error });
  return error;
}
