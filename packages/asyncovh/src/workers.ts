/**
 * @module
 * `asyncovh` on Cloudflare Workers (workerd): configuration from options and the Worker's env
 * bindings, `new Client({ env })`.
 */
export * from "@asyncovh/workers";
