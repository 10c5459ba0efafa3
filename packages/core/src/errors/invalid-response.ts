import { APIError } from "./api-error.ts";

/** The API answered something that is not the JSON it should be; `status` is kept. */
export class InvalidResponse extends APIError {
  /** The name `is()` and `isAPIError` know the class by, in any realm or copy of the package. */
  static override readonly errorName: string = "InvalidResponse";
}
