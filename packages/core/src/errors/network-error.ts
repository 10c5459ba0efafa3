import { APIError } from "./api-error.ts";

/** The request could not reach the API or got no response; the cause is kept in `cause`. */
export class NetworkError extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "NetworkError";
}
