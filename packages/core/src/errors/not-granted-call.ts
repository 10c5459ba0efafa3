import { APIError } from "./api-error.ts";

/** 403 NOT_GRANTED_CALL: the consumer key's access rules do not allow this call. */
export class NotGrantedCall extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "NotGrantedCall";
}
