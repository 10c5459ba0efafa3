import { APIError } from "./api-error.ts";

/** 409: the resource already exists or is in a conflicting state. */
export class ResourceConflictError extends APIError {
  static override readonly errorName: string = "ResourceConflictError";
}
