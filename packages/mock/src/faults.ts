/**
 * @module
 * Failures on demand, for testing how code copes with a misbehaving API.
 *
 * ```ts
 * mock.faults.clockSkew(3600);                              // the server's clock is 1 h ahead
 * mock.faults.latency(200);                                 // every answer waits 200 ms
 * mock.faults.enqueue({ status: 429, retryAfter: 2 });      // the next request is rate-limited
 * mock.faults.enqueue({ status: 503 }, { times: 2 });       // the next two get a 503
 * mock.faults.enqueue({ drop: true }, { match: { method: "POST" } }); // the next POST: no answer
 * mock.faults.enqueue({ status: 502, body: "<html>Bad gateway</html>" }); // not JSON
 * mock.faults.enqueue({ truncate: true });                  // the real answer, cut in half
 * mock.faults.enqueue({ interrupt: true });                 // the connection dies mid-body
 * ```
 *
 * Queued faults are taken in order: each request takes the first one whose `match` it
 * satisfies, which then has one use fewer. Faults apply to every request, `GET /auth/time`
 * included: a client's first signed call starts with that one, so match on a path (or sync
 * the client's clock first) to aim at a given call.
 */
import { rulesGrant } from "./access-rules.ts";

/** Answers with a status instead of reaching the API (nothing is created or changed). */
export interface StatusFault {
  /** The status answered. */
  status: number;
  /**
   * The body: a string is sent as it is (HTML when it starts with `<`, otherwise plain text),
   * anything else as JSON. Default: OVH's JSON error for the status (`null` below 400).
   */
  body?: unknown;
  /** Sets `Retry-After` to this number of seconds. */
  retryAfter?: number;
  /** Headers added to the answer. */
  headers?: Record<string, string>;
  /** Waits this many ms before answering. */
  delay?: number;
}

/**
 * No answer at all: the connection is closed before any response. `mock.fetch` rejects with a
 * `TypeError` like `fetch` on a network failure; `serve()` destroys the socket; the handler
 * returns `Response.error()`. Nothing reaches the API.
 */
export interface DropFault {
  /** Marks the fault as a drop. */
  drop: true;
  /** Waits this many ms before closing the connection. */
  delay?: number;
}

/**
 * The API handles the request (changes happen), then its answer arrives complete but with the
 * body cut: to `truncate` characters, or to half its length with `true`. Not JSON any more.
 */
export interface TruncateFault {
  /** The characters of the body kept, or `true` for half of them. */
  truncate: true | number;
  /** Waits this many ms before answering. */
  delay?: number;
}

/**
 * The API handles the request, its status and headers arrive, then the connection dies in the
 * middle of the body: reading the body fails.
 */
export interface InterruptFault {
  /** Marks the fault as an interruption. */
  interrupt: true;
  /** Waits this many ms before answering. */
  delay?: number;
}

/** A failure on demand, for `mock.faults.enqueue()`. */
export type Fault = StatusFault | DropFault | TruncateFault | InterruptFault;

/** The kind of a fault, as `mock.requests` records it. */
export type FaultKind = "status" | "drop" | "truncate" | "interrupt";

/** Which requests a queued fault applies to; default: any. */
export interface FaultMatch {
  /** `GET`, `POST`, …; case-insensitive. */
  method?: string;
  /**
   * The path as the client writes it, without the query string and without the `/1.0` of the
   * endpoint (`/me/bill/42`, `/v1/me`, `/v2/iam/resource`, `/auth/time`): a string where `*`
   * stands for any characters (like access rules), or a RegExp.
   */
  path?: string | RegExp;
}

/** Which requests a queued fault applies to, and how many. */
export interface EnqueueOptions {
  /** How many requests the fault applies to (default 1; `Infinity` until `clear()`). */
  times?: number;
  /** The requests it applies to (default: any). */
  match?: FaultMatch;
}

/** The fault controls of a mock (`mock.faults`). */
export interface MockFaults {
  /**
   * Sets the server's clock ahead (positive) or behind (negative) of the mock's `now` by this
   * many seconds: `GET /auth/time` answers the skewed time, and request timestamps are checked
   * against it. `0` puts it back.
   */
  clockSkew(seconds: number): void;
  /** Delays every answer by this many ms (`0` for none). */
  latency(ms: number): void;
  /** Queues a fault for the next request(s) that match. */
  enqueue(fault: Fault, options?: EnqueueOptions): void;
  /** Removes the queued faults, the clock skew and the latency. */
  clear(): void;
  /** How many requests the queued faults will still apply to (`Infinity` if one is endless). */
  readonly pending: number;
}

interface QueuedFault {
  fault: Fault;
  remaining: number;
  match: FaultMatch;
}

export const faultKind = (fault: Fault): FaultKind =>
  "drop" in fault
    ? "drop"
    : "truncate" in fault
      ? "truncate"
      : "interrupt" in fault
        ? "interrupt"
        : "status";

function checkFault(fault: Fault): void {
  if (fault === null || typeof fault !== "object") {
    throw new TypeError("A fault must be an object such as { status: 503 } or { drop: true }.");
  }
  const kinds = ["status", "drop", "truncate", "interrupt"].filter((key) => key in fault);
  if (kinds.length !== 1) {
    throw new TypeError(
      `A fault must have exactly one of status, drop, truncate or interrupt (got ${kinds.length ? kinds.join(", ") : "none"}).`,
    );
  }
  const { status } = fault as StatusFault;
  if ("status" in fault && !(Number.isInteger(status) && status >= 200 && status <= 599)) {
    throw new TypeError(
      `A fault's status must be an HTTP status from 200 to 599 (got ${String(status)}).`,
    );
  }
  const { truncate } = fault as TruncateFault;
  if ("truncate" in fault && truncate !== true && !(Number.isInteger(truncate) && truncate >= 0)) {
    throw new TypeError("truncate must be true or a number of characters to keep.");
  }
  if (fault.delay !== undefined && !(Number.isFinite(fault.delay) && fault.delay >= 0)) {
    throw new TypeError("A fault's delay must be a number of milliseconds, 0 or more.");
  }
}

const matches = (match: FaultMatch, method: string, path: string): boolean => {
  if (match.method !== undefined && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === "string"
    ? rulesGrant([{ method, path: match.path }], method, path)
    : match.path.test(path);
};

/** The state behind `mock.faults`. */
export class FaultController implements MockFaults {
  skewSeconds = 0;
  latencyMs = 0;
  #queue: QueuedFault[] = [];

  clockSkew(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new TypeError("clockSkew takes a number of seconds.");
    this.skewSeconds = Math.trunc(seconds);
  }

  latency(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 0)) {
      throw new TypeError("latency takes a number of milliseconds, 0 or more.");
    }
    this.latencyMs = ms;
  }

  enqueue(fault: Fault, options: EnqueueOptions = {}): void {
    checkFault(fault);
    const times = options.times ?? 1;
    if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times >= 1))) {
      throw new TypeError("times must be a whole number of requests, 1 or more, or Infinity.");
    }
    this.#queue.push({ fault: { ...fault }, remaining: times, match: { ...options.match } });
  }

  clear(): void {
    this.#queue = [];
    this.skewSeconds = 0;
    this.latencyMs = 0;
  }

  get pending(): number {
    return this.#queue.reduce((sum, queued) => sum + queued.remaining, 0);
  }

  /** Takes the fault for one request, if one is queued for it. */
  take(method: string, path: string): Fault | undefined {
    const index = this.#queue.findIndex((queued) => matches(queued.match, method, path));
    const queued = this.#queue[index];
    if (queued === undefined) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.#queue.splice(index, 1);
    return queued.fault;
  }
}
