/**
 * @module
 * `@asyncovh/proxy`: a signing proxy for browser dashboards, as a fetch handler that runs on
 * Workers, Deno, Bun and Node. It holds the credentials; pages hold none.
 */
export { corsHeaders, originAllowed, preflight } from "./cors.ts";
export { equalSecrets } from "./equal-secrets.ts";
export {
  createSigningProxy,
  type ProxiedCall,
  type SigningProxyOptions,
} from "./signing-proxy.ts";
