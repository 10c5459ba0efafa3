import { APIError } from "./api-error.ts";

/** The HTTP exchange failed below the API (python-ovh's HTTPError). */
export class HTTPError extends APIError {
  static override readonly errorName: string = "HTTPError";
}
