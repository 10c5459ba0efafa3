/**
 * @module
 * `asyncovh` for runtimes without files or environment variables (browsers and the default
 * condition): the client is configured by its options alone.
 */
export * from "@asyncovh/core";
