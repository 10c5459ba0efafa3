import { APIError } from "./api-error.ts";

/** The endpoint is not one of ENDPOINTS' names nor an absolute http(s) URL. */
export class InvalidRegion extends APIError {
  static override readonly errorName: string = "InvalidRegion";
}
