import { APIError } from "./api-error.ts";

/** 403 FORBIDDEN: the account may not do this. */
export class Forbidden extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "Forbidden";
}
