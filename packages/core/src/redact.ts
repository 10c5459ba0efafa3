/**
 * @module
 * Keeping credentials out of what the client shows: event headers and messages built from
 * text the client does not control (a transport's error message, for instance).
 */

/** Shown instead of a secret. */
export const REDACTED = "[redacted]";

/**
 * Headers whose values are credentials or derived from them (lower case). The application key
 * (`X-Ovh-Application`) is public: it identifies the application, like a user name.
 */
export const SECRET_HEADERS: readonly string[] = Object.freeze([
  "authorization",
  "cookie",
  "proxy-authorization",
  "set-cookie",
  "x-ovh-consumer",
  "x-ovh-signature",
]);

/** A plain copy of `headers`, secret values replaced by {@link REDACTED}. */
export function redactHeaders(headers: RequestInit["headers"]): Record<string, string> {
  const plain: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    plain[name] = SECRET_HEADERS.includes(name) ? REDACTED : value;
  });
  return plain;
}

/**
 * `text` with every occurrence of each secret replaced by {@link REDACTED}. Empty and missing
 * secrets are skipped.
 */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret) clean = clean.split(secret).join(REDACTED);
  }
  return clean;
}
