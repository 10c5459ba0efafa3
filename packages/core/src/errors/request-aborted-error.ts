import { APIError } from "./api-error.ts";

/** The caller's `AbortSignal` aborted the call; its reason is in `cause`. */
export class RequestAbortedError extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "RequestAbortedError";
}
