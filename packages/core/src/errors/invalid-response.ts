import { APIError } from "./api-error.ts";

/** The API answered something that is not the JSON it should be; `status` is kept. */
export class InvalidResponse extends APIError {
  static override readonly errorName: string = "InvalidResponse";
}
