/**
 * @module
 * Which request paths the proxy forwards: only those whose meaning cannot change on the way.
 * The access rules are checked on the path as written; a segment that the API (or a server in
 * front of it) could decode and resolve into another path would let a rule such as
 * `/email/domain/*` reach `/email/domain/x%2F..%2F..%2Fme%2Fbill`, that is `/me/bill`.
 *
 * An encoded `/` stays allowed inside a segment, as OVH's own clients send it in an IP block
 * (`/ip/192.0.2.0%2F24`), but not around a `.` or `..`, nor next to another `/`.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const QUERY_FRAGMENT_OR_CONTROL = /[?#\u0000-\u001f\u007f]/;
/** `.` and `..`, also with a `;` suffix, which some servers cut off (`..;/`). */
const DOT_SEGMENT = /^\.\.?(?:;|$)/;

/** Why `path` (a URL's pathname) is not forwarded, or `undefined` when it may be. */
export function pathRefusal(path: string): string | undefined {
  if (path === "/") return undefined;
  const segments = path.split("/").slice(1);
  for (const [index, segment] of segments.entries()) {
    // A trailing slash (`/me/`) is an empty last segment: refused like `//`.
    if (segment === "") return "an empty segment (`//` or a trailing `/`)";
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `a malformed percent-encoding in segment ${index + 1}`;
    }
    if (QUERY_FRAGMENT_OR_CONTROL.test(decoded)) {
      return "an encoded `?`, `#` or control character";
    }
    // What a server that decodes `%2F` (or `%5C`) before routing would see as segments.
    for (const part of decoded.split(/[/\\]/)) {
      if (part === "") return "an encoded `/` or `\\` next to another, or at an end";
      if (DOT_SEGMENT.test(part)) return "a `.` or `..` segment";
    }
  }
  return undefined;
}
