import { APIError } from "./api-error.ts";

/** The endpoint is not one of ENDPOINTS' names nor an absolute http(s) URL. */
export class InvalidRegion extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "InvalidRegion";
}
