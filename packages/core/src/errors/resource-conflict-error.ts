import { APIError } from "./api-error.ts";

/** 409: the resource already exists or is in a conflicting state. */
export class ResourceConflictError extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "ResourceConflictError";
}
