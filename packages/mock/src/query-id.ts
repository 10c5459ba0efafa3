/**
 * @module
 * `X-Ovh-QueryID` values, shaped like OVH's (`EU.ext-3.63ac85b6.10528.<uuid>`): the id users
 * quote to support, here to find a request in `mock.requests`.
 */
import { randomUuid } from "./random.ts";

/** Returns a generator of query ids for one mock instance. */
export function queryIdGenerator(): (nowMs: number) => string {
  let counter = 0;
  return (nowMs) => {
    counter += 1;
    const seconds = Math.floor(nowMs / 1000).toString(16);
    return `EU.ext-${(counter % 8) + 1}.${seconds}.${counter}.${randomUuid()}`;
  };
}
