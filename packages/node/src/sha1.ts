/**
 * @module
 * The runtime's own SHA-1 for request signatures: `node:crypto`'s one-shot `hash()` takes about
 * 2 us for a signature in Node and 1 in Bun, where @noble/hashes takes 7 to 8 (BENCHMARKS.md).
 */
import { hash } from "node:crypto";
import type { Sha1Hex } from "@asyncovh/core";

export const nodeSha1: Sha1Hex = (text) => hash("sha1", text, "hex");
