import { APIError } from "./api-error.ts";

/** The application key is unknown (403 INVALID_KEY), or a signed call lacks a key locally. */
export class InvalidKey extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "InvalidKey";
}
