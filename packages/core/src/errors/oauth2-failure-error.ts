import { APIError } from "./api-error.ts";

/** The OAuth2 token request failed; the client secret is never part of it. */
export class OAuth2FailureError extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "OAuth2FailureError";
}
