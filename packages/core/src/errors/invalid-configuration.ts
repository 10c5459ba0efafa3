import { APIError } from "./api-error.ts";

/** The configuration or the arguments of a call are invalid; the message says which. */
export class InvalidConfiguration extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "InvalidConfiguration";
}
