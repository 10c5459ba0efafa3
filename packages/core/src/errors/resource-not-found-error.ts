import { APIError } from "./api-error.ts";

/** 404: the resource does not exist. */
export class ResourceNotFoundError extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "ResourceNotFoundError";
}
