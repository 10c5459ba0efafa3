import { APIError } from "./api-error.ts";

/** The operation is not allowed on a read-only resource. */
export class ReadOnlyError extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "ReadOnlyError";
}
