import { APIError } from "./api-error.ts";

/** 460: the service has expired. */
export class ResourceExpiredError extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "ResourceExpiredError";
}
