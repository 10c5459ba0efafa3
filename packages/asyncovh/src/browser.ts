/**
 * @module
 * `asyncovh` in browsers: the client is configured by its options alone. A page should hold no
 * secret: point it at a signing proxy (`@asyncovh/proxy`) with `needAuth: false`; a secret given
 * to a client in a page is refused unless `dangerouslyAllowBrowser` is set.
 */
export * from "@asyncovh/core";
