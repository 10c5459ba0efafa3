import { NetworkError } from "./network-error.ts";

/** The call took longer than its `timeout` (ms); nothing keeps running after it. */
export class RequestTimeoutError extends NetworkError {
  static override readonly errorName: string = "RequestTimeoutError";
}
