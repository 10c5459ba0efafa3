import { APIError } from "./api-error.ts";

/** The configuration or the arguments of a call are invalid; the message says which. */
export class InvalidConfiguration extends APIError {
  static override readonly errorName: string = "InvalidConfiguration";
}
