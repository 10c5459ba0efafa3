/**
 * @module
 * Random keys and identifiers, from the Web Crypto API that every runtime has.
 */

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random string of letters and digits, like OVH's keys (16 for an AK, 32 for an AS or CK). */
export function randomToken(length: number): string {
  // 248 is the largest multiple of 62 below 256: rejecting larger bytes keeps the draw uniform.
  let token = "";
  while (token.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < 248 && token.length < length) token += ALPHANUMERIC[byte % 62];
    }
  }
  return token;
}

/** A random version-4 UUID. */
export const randomUuid = (): string => crypto.randomUUID();
