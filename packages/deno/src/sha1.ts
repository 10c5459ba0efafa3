/**
 * @module
 * The runtime's own SHA-1 for request signatures: Deno's `node:crypto` `hash()` takes 1 to 4 us
 * for a signature where @noble/hashes takes about 7 (BENCHMARKS.md). It needs no permission.
 */
import { hash } from "node:crypto";
import type { Sha1Hex } from "@asyncovh/core";

export const denoSha1: Sha1Hex = (text) => hash("sha1", text, "hex");
