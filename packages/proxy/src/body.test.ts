import { describe, expect, it } from "vitest";
import { readBodyUnder } from "./body.ts";

const CHUNK = 16 * 1024;

/** A body of `chunks` chunks of 16 KiB (endless without a count), counting what is pulled. */
function source(chunks = Number.POSITIVE_INFINITY) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= chunks * CHUNK) return controller.close();
      seen.pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

const post = (body: BodyInit | null, headers: HeadersInit = {}) =>
  new Request("http://proxy.test/api/x", {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as RequestInit);

describe("readBodyUnder", () => {
  it("reads a body up to the cap, the cap included", async () => {
    expect(await readBodyUnder(post('{"a":1}'), 7)).toEqual({ text: '{"a":1}' });
    expect(await readBodyUnder(post("é"), 2)).toEqual({ text: "é" });
    expect(await readBodyUnder(post(null), 0)).toEqual({ text: "" });
  });

  it("refuses one byte more", async () => {
    expect(await readBodyUnder(post('{"a":12}'), 7)).toEqual({ refused: "too-large" });
    expect(await readBodyUnder(post("é"), 1)).toEqual({ refused: "too-large" });
  });

  it("refuses a larger announced length without reading a byte", async () => {
    const { stream, seen } = source(2);
    const headers = { "Content-Length": String(2 * CHUNK) };
    const read = await readBodyUnder(post(stream, headers), 2 * CHUNK - 1);
    expect(read).toEqual({ refused: "too-large" });
    // A ReadableStream pulls once to fill its queue as it starts; nothing more was asked.
    expect(seen.pulled).toBeLessThanOrEqual(CHUNK);
    expect(seen.cancelled).toBe(true);
  });

  it("stops at the cap whatever Content-Length says, or without one", async () => {
    for (const headers of [{ "Content-Length": "2" }, {}] as Record<string, string>[]) {
      const { stream, seen } = source();
      const read = await readBodyUnder(post(stream, headers), 4 * CHUNK);
      expect(read).toEqual({ refused: "too-large" });
      expect(seen.cancelled).toBe(true);
      // An endless body: read up to the chunk past the cap (and one queued ahead), no further.
      expect(seen.pulled).toBeLessThanOrEqual(6 * CHUNK);
    }
  });

  it("reads a streamed body of unannounced length under the cap", async () => {
    const { stream } = source(3);
    const read = await readBodyUnder(post(stream), 3 * CHUNK);
    expect(read).toEqual({ text: " ".repeat(3 * CHUNK) });
  });

  it("refuses bytes that are not UTF-8, and a body that breaks off", async () => {
    expect(await readBodyUnder(post(new Uint8Array([0x7b, 0xff, 0x7d])), 10)).toEqual({
      refused: "not-utf8",
    });
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError("the caller went away"));
      },
    });
    expect(await readBodyUnder(post(broken), 10)).toEqual({ refused: "broken" });
  });
});
