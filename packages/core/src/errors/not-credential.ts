import { APIError } from "./api-error.ts";

/** 403 NOT_CREDENTIAL: the consumer key is unknown. */
export class NotCredential extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "NotCredential";
}
