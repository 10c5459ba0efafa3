import { APIError } from "./api-error.ts";

/** 400: the API rejected the parameters (or the signature, or the timestamp). */
export class BadParametersError extends APIError {
  static override readonly errorName: string = "BadParametersError";
}
