/**
 * @module
 * The runtime's own SHA-1 for request signatures, where a signature with @noble/hashes takes
 * about 10 us: Bun's `Bun.SHA1` (under 1 us, nothing to load) and, in Node, `node:crypto`'s
 * one-shot `hash()` (1 to 2 us a signature), loaded at the first signature rather than at import
 * (about 4 ms, which node:tls would spend at the first HTTPS request anyway).
 */
import type crypto from "node:crypto";
import type { Sha1Hex } from "@asyncovh/core";
import { requireBuiltin } from "./builtins.ts";

interface BunSha1 {
  SHA1: { hash(text: string, encoding: "hex"): string };
}

let hash: typeof crypto.hash | undefined;

const nodeCryptoSha1: Sha1Hex = (text) => {
  hash ??= (requireBuiltin("node:crypto") as typeof crypto).hash;
  return hash("sha1", text, "hex");
};

/** The SHA-1 of `runtime`: Bun's when it is Bun, else node:crypto's. */
export function runtimeSha1(runtime: object = globalThis): Sha1Hex {
  const bun = (runtime as { Bun?: BunSha1 }).Bun;
  if (typeof bun?.SHA1?.hash === "function") return (text) => bun.SHA1.hash(text, "hex");
  return nodeCryptoSha1;
}

export const nodeSha1: Sha1Hex = runtimeSha1();
