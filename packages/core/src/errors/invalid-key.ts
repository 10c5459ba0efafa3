import { APIError } from "./api-error.ts";

/** The application key is unknown (403 INVALID_KEY), or a signed call lacks a key locally. */
export class InvalidKey extends APIError {
  static override readonly errorName: string = "InvalidKey";
}
