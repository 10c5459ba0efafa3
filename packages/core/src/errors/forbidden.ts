import { APIError } from "./api-error.ts";

/** 403 FORBIDDEN: the account may not do this. */
export class Forbidden extends APIError {
  static override readonly errorName: string = "Forbidden";
}
