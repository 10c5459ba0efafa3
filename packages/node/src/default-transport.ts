/**
 * @module
 * The transport a client gets when it is given none: one `createNodeFetch()` shared by every
 * client of the process under Node (one connection pool, like the global fetch), and Bun's own
 * fetch under Bun, which is native there and costs less CPU per call than createNodeFetch's
 * sockets (see BENCHMARKS.md).
 */
import type { FetchLike } from "@asyncovh/core";
import { createNodeFetch } from "./node-fetch.ts";

let shared: FetchLike | undefined;

export function defaultTransport(
  versions: Record<string, string | undefined> = process.versions,
): FetchLike | undefined {
  if (versions.bun !== undefined) return undefined;
  shared ??= createNodeFetch();
  return shared;
}
