import { APIError } from "./api-error.ts";

/** The caller's `AbortSignal` aborted the call; its reason is in `cause`. */
export class RequestAbortedError extends APIError {
  static override readonly errorName: string = "RequestAbortedError";
}
