/**
 * `pnpm demo`: runs every example against the local OVH mock; exits non-zero if one fails.
 */
import { runDemo } from "../demo.ts";

try {
  const { failed } = await runDemo(console.log);
  if (failed.length > 0) process.exitCode = 1;
} catch (error) {
  console.error("The demo could not run:", error);
  process.exitCode = 1;
}
