/**
 * @module
 * Batch GET of the v1 API: with `X-Ovh-Batch: ,`, `GET /res/id1,id2,…` answers one entry per id,
 * `{ key, value, error }`, so that many objects take one request. Ids go in chunks (50 by
 * default, as OVH's own console does), and each id's result or error is reported apart.
 */

import { APIError } from "./errors/api-error.ts";
import { describe } from "./errors/from-response.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidResponse } from "./errors/invalid-response.ts";
import { checkSize } from "./page-size.ts";
import type { CallsWithResponse } from "./response.ts";
import type { RequestOptions } from "./types.ts";

/** Ids per request when `chunkSize` is not given. */
export const DEFAULT_BATCH_CHUNK_SIZE = 50;
/** Chunk requests in flight at once when `concurrency` is not given. */
export const DEFAULT_BATCH_CONCURRENCY = 4;

/** The options of `client.batchGet()`: a call's options, and how ids are chunked. */
export interface BatchGetOptions extends RequestOptions {
  /** Ids per request (default 50). */
  chunkSize?: number | undefined;
  /** Chunk requests in flight at once (default 4). */
  concurrency?: number | undefined;
}

/** What `batchGet` found: each id's object, or why it could not be read. */
export interface BatchResult<T> {
  /** Id -> object, in the order the ids were given. */
  values: Map<string, T>;
  /** Id -> error, for the ids the API could not answer (e.g. an unknown id). */
  errors: Map<string, APIError>;
}

interface BatchEntry {
  key?: unknown;
  value?: unknown;
  error?: unknown;
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

function itemError(error: unknown, path: string, queryId: string | undefined): APIError {
  const object =
    error !== null && typeof error === "object" ? (error as Record<string, unknown>) : {};
  const message = text(error) ?? text(object.message) ?? "The API could not read this object";
  const where = { method: "GET", path };
  return new APIError(describe(message, { ...where, queryId }), {
    ...where,
    queryId,
    errorCode: text(object.errorCode),
    errorClass: text(object.class),
    body: error,
  });
}

/**
 * `GET collection/id1,id2,…` in batches. A failed request (network, 403…) rejects the whole
 * call; an id the API could not read lands in `errors` with the API's message.
 */
export async function batchGet<T>(
  client: CallsWithResponse,
  collection: string,
  ids: readonly (string | number)[],
  options: BatchGetOptions = {},
): Promise<BatchResult<T>> {
  const { chunkSize: size, concurrency: parallel, ...request } = options;
  const chunkSize = checkSize(size, "chunkSize") ?? DEFAULT_BATCH_CHUNK_SIZE;
  const concurrency = checkSize(parallel, "concurrency") ?? DEFAULT_BATCH_CONCURRENCY;
  if (typeof collection !== "string" || collection.includes("?")) {
    throw new InvalidConfiguration(
      `batchGet needs the collection's path without query string, e.g. "/me/bill" (got ${JSON.stringify(collection)}).`,
    );
  }
  if (!Array.isArray(ids)) throw new InvalidConfiguration("batchGet needs an array of ids.");
  const keys = [
    ...new Set(
      ids.map((id) => {
        if ((typeof id !== "string" && typeof id !== "number") || String(id) === "") {
          throw new InvalidConfiguration(
            `batchGet ids must be non-empty strings or numbers (got ${JSON.stringify(id)}).`,
          );
        }
        if (String(id).includes(",")) {
          throw new InvalidConfiguration(
            `The id ${JSON.stringify(id)} contains ",", the batch separator: get it with client.get().`,
          );
        }
        return String(id);
      }),
    ),
  ];
  const base = collection.replace(/\/+$/, "");
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += chunkSize) chunks.push(keys.slice(i, i + chunkSize));

  const answers: Map<string, { value: T } | { error: APIError }>[] = [];
  const fetchChunk = async (index: number): Promise<void> => {
    const chunk = chunks[index] as string[];
    const headers = new Headers(request.headers);
    headers.set("X-Ovh-Batch", ",");
    const path = `${base}/${chunk.map(encodeURIComponent).join(",")}`;
    const page = await client.callWithResponse<unknown>("GET", path, undefined, request.needAuth, {
      ...request,
      headers,
    });
    const where = { method: "GET", path: base };
    if (!Array.isArray(page.data)) {
      throw new InvalidResponse(
        describe("A batch call did not answer a JSON array of { key, value, error }", where),
        { ...where, status: page.status, queryId: page.queryId },
      );
    }
    const byKey = new Map<string, BatchEntry>();
    for (const entry of page.data as BatchEntry[]) {
      if (entry !== null && typeof entry === "object") byKey.set(String(entry.key), entry);
    }
    const answer = new Map<string, { value: T } | { error: APIError }>();
    for (const key of chunk) {
      const entry = byKey.get(key);
      const itemPath = `${base}/${encodeURIComponent(key)}`;
      if (entry === undefined) {
        answer.set(key, {
          error: new InvalidResponse(
            describe("The batch response has no entry for this id", {
              method: "GET",
              path: itemPath,
              queryId: page.queryId,
            }),
            { method: "GET", path: itemPath, queryId: page.queryId },
          ),
        });
      } else if (entry.error !== undefined && entry.error !== null && entry.error !== "") {
        answer.set(key, { error: itemError(entry.error, itemPath, page.queryId) });
      } else {
        answer.set(key, { value: entry.value as T });
      }
    }
    answers[index] = answer;
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) await fetchChunk(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));

  const result: BatchResult<T> = { values: new Map(), errors: new Map() };
  for (const answer of answers) {
    for (const [key, outcome] of answer) {
      if ("error" in outcome) result.errors.set(key, outcome.error);
      else result.values.set(key, outcome.value);
    }
  }
  return result;
}
