/**
 * @module
 * A response body of `node:http` as the body of a web `Response`: decoded when gzip, deflate or
 * brotli (node:zlib loads at the first compressed body), read as it arrives, paused when nobody
 * reads it, and failed with the signal's reason on abort or with a TypeError when the
 * connection breaks off.
 */

import type { IncomingMessage } from "node:http";
import type { Readable, Transform } from "node:stream";
import type zlib from "node:zlib";
import type { SignalLike } from "@asyncovh/core/internal";
import { requireBuiltin } from "./builtins.ts";

const DECODERS: Record<string, (z: typeof zlib) => Transform> = {
  gzip: (z) => z.createGunzip({ flush: z.constants.Z_SYNC_FLUSH }),
  "x-gzip": (z) => z.createGunzip({ flush: z.constants.Z_SYNC_FLUSH }),
  deflate: (z) => z.createInflate({ flush: z.constants.Z_SYNC_FLUSH }),
  br: (z) => z.createBrotliDecompress({ flush: z.constants.BROTLI_OPERATION_FLUSH }),
};

/** The body as sent, or decoded when its Content-Encoding is one fetch decodes. */
export function decoded(res: IncomingMessage): Readable {
  const coding = res.headers["content-encoding"]?.trim().toLowerCase();
  const decoder = coding ? DECODERS[coding] : undefined;
  if (decoder === undefined) return res;
  const stream = decoder(requireBuiltin("node:zlib"));
  res.on("error", (error) => stream.destroy(error));
  return res.pipe(stream);
}

/**
 * Up to this many bytes wait in the web stream before the socket is paused: pausing and
 * resuming a socket costs system calls, which a small JSON answer should not pay.
 */
const BUFFERED_BYTES = 256 * 1024;
const byteLength = { highWaterMark: BUFFERED_BYTES, size: (chunk: Uint8Array) => chunk.byteLength };

/** The body of `res` as a web stream, pulled as the reader reads (back-pressure kept). */
export function bodyStream(
  res: IncomingMessage,
  signal: SignalLike | undefined,
): ReadableStream<Uint8Array> {
  const source = decoded(res);
  let stop = () => false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stop = follow(res, source, signal, {
          data(chunk) {
            controller.enqueue(chunk);
            if ((controller.desiredSize ?? 0) <= 0) source.pause();
          },
          end: () => controller.close(),
          error: (reason) => controller.error(reason),
        });
      },
      pull() {
        source.resume();
      },
      cancel() {
        stop();
        drop(res, source);
      },
    },
    byteLength,
  );
}

/** Where `follow` hands a body: its chunks, then its end or the reason it failed (once). */
export interface BodySink {
  data(chunk: Buffer): void;
  end(): void;
  error(reason: unknown): void;
}

/**
 * Follows a response body into `sink` until its end, an error, a connection cut short or the
 * signal's abort (the last three destroy the response). Returns `stop`, which ends the
 * following and says whether it was still going.
 */
export function follow(
  res: IncomingMessage,
  source: Readable,
  signal: SignalLike | undefined,
  sink: BodySink,
): () => boolean {
  let finished = false;
  const onAbort = () => fail(signal?.reason);
  const stop = () => {
    if (finished) return false;
    finished = true;
    signal?.removeEventListener("abort", onAbort);
    return true;
  };
  const fail = (reason: unknown) => {
    if (stop()) sink.error(reason);
    drop(res, source);
  };
  if (signal?.aborted) {
    fail(signal.reason);
    return stop;
  }
  if (res.destroyed && !res.complete) {
    // Cut before anyone followed it: its 'error' and 'close' are past (Node emits an
    // IncomingMessage's error only to listeners), and only `errored` tells why.
    const { errored } = res;
    fail(
      errored
        ? new TypeError(`The response body failed: ${errored.message}`, { cause: errored })
        : new TypeError("The connection closed before the end of the body."),
    );
    return stop;
  }
  signal?.addEventListener("abort", onAbort, { once: true });
  source.on("data", (chunk: Buffer) => {
    if (!finished) sink.data(chunk);
  });
  source.on("end", () => {
    if (stop()) sink.end();
  });
  source.on("error", (error) =>
    fail(new TypeError(`The response body failed: ${error.message}`, { cause: error })),
  );
  // The server cut the connection before the end of the body.
  source.on("close", () => {
    if (!finished) fail(new TypeError("The connection closed before the end of the body."));
  });
  return stop;
}

/** Drops a body unread: the connection, and the decoder reading from it when there is one. */
export function drop(res: IncomingMessage, source: Readable): void {
  res.destroy();
  if (source !== res) source.destroy();
}
