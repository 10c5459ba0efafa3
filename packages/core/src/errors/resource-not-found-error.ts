import { APIError } from "./api-error.ts";

/** 404: the resource does not exist. */
export class ResourceNotFoundError extends APIError {
  static override readonly errorName: string = "ResourceNotFoundError";
}
