import { APIError } from "./api-error.ts";

/** The consumer key is invalid or not validated (403 INVALID_CREDENTIAL). */
export class InvalidCredential extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "InvalidCredential";
}
