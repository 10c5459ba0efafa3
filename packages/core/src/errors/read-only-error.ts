import { APIError } from "./api-error.ts";

/** The operation is not allowed on a read-only resource. */
export class ReadOnlyError extends APIError {
  static override readonly errorName: string = "ReadOnlyError";
}
