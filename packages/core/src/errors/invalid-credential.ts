import { APIError } from "./api-error.ts";

/** The consumer key is invalid or not validated (403 INVALID_CREDENTIAL). */
export class InvalidCredential extends APIError {
  static override readonly errorName: string = "InvalidCredential";
}
