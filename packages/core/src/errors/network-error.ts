import { APIError } from "./api-error.ts";

/** The request could not reach the API or got no response; the cause is kept in `cause`. */
export class NetworkError extends APIError {
  static override readonly errorName: string = "NetworkError";
}
