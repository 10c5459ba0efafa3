/**
 * @module
 * `asyncovh` under Deno: configuration from options, `Deno.env` and ovh.conf files, each read
 * only where a permission is granted.
 */
export * from "@asyncovh/deno";
