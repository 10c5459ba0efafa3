/**
 * @module
 * The runtime's own SHA-1 for request signatures: `node:crypto`'s one-shot `hash()` takes about
 * 2 us for a signature in Node and 1 in Bun, where @noble/hashes takes 7 to 9 (BENCHMARKS.md).
 * node:crypto is loaded at the first signature, not at import (about 4 ms).
 */
import type crypto from "node:crypto";
import type { Sha1Hex } from "@asyncovh/core";
import { requireBuiltin } from "./builtins.ts";

let hash: typeof crypto.hash | undefined;

export const nodeSha1: Sha1Hex = (text) => {
  hash ??= (requireBuiltin("node:crypto") as typeof crypto).hash;
  return hash("sha1", text, "hex");
};
