import { APIError } from "./api-error.ts";

/** The HTTP exchange failed below the API (python-ovh's HTTPError). */
export class HTTPError extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "HTTPError";
}
