/**
 * @module
 * Node's heavier built-in modules, loaded when first needed rather than at import: node:net,
 * node:tls, node:stream, node:http(s), node:zlib and node:crypto would more than double the time
 * `import("asyncovh")` takes (node:crypto alone is about 4 ms).
 */
import { createRequire } from "node:module";

export const requireBuiltin = createRequire(import.meta.url);
