import { APIError } from "./api-error.ts";

/** 400: the API rejected the parameters (or the signature, or the timestamp). */
export class BadParametersError extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "BadParametersError";
}
