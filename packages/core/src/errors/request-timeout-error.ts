import { NetworkError } from "./network-error.ts";

/** The call took longer than its `timeout` (ms); nothing keeps running after it. */
export class RequestTimeoutError extends NetworkError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "RequestTimeoutError";
}
