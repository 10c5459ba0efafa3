import { APIError } from "./api-error.ts";

/** 460: the service has expired. */
export class ResourceExpiredError extends APIError {
  static override readonly errorName: string = "ResourceExpiredError";
}
