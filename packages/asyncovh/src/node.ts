/**
 * @module
 * `asyncovh` under Node.js: configuration from options, `OVH_*` variables and ovh.conf files.
 */
export * from "@asyncovh/node";
