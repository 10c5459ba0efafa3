import { APIError } from "./api-error.ts";

/** 403 NOT_CREDENTIAL: the consumer key is unknown. */
export class NotCredential extends APIError {
  static override readonly errorName: string = "NotCredential";
}
