/**
 * @module
 * `asyncovh` under Bun: Bun runs the Node adapter (`process.env`, `node:fs`), so configuration
 * comes from options, `OVH_*` variables and ovh.conf files.
 */
export * from "@asyncovh/node";
