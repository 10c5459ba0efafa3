/**
 * @module
 * Reading a request body under a size cap: an announced length over the cap is refused unread,
 * and a body of unknown or lying length is read chunk by chunk and dropped as soon as it passes
 * the cap, so a caller costs the proxy at most the cap in memory.
 */

/** Why a body was not read. */
export type BodyRefusal = "too-large" | "not-utf8" | "broken";

/** The body as text, or why it was refused. */
export type ReadBody = { text: string } | { refused: BodyRefusal };

/**
 * Reads `request`'s body as UTF-8 text, at most `maxBytes` bytes. Stops reading (and cancels
 * the stream) at the first chunk past the cap.
 */
export async function readBodyUnder(request: Request, maxBytes: number): Promise<ReadBody> {
  const body = request.body;
  if (body === null) return { text: "" };
  const announced = request.headers.get("Content-Length");
  if (announced !== null && /^\d+$/.test(announced) && Number(announced) > maxBytes) {
    await body.cancel().catch(() => undefined);
    return { refused: "too-large" };
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { refused: "too-large" };
      }
      chunks.push(chunk.value);
    }
  } catch {
    // The caller went away, or sent a body that is not bytes.
    return { refused: "broken" };
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { refused: "not-utf8" };
  }
}
