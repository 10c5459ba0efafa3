/**
 * @module
 * What a fault turns an answer into.
 */
import { errorClass } from "./errors.ts";
import type { InterruptFault, StatusFault, TruncateFault } from "./faults.ts";

const MESSAGES: Readonly<Record<number, string>> = Object.freeze({
  429: "Too many requests, please retry later",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service is temporarily unavailable",
  504: "Gateway timeout",
});

/** The answer of a `{ status }` fault. */
export function statusFaultResponse(fault: StatusFault): Response {
  const headers = new Headers(fault.headers);
  if (fault.retryAfter !== undefined) headers.set("Retry-After", String(fault.retryAfter));
  let body: string;
  if (typeof fault.body === "string") {
    body = fault.body;
    if (!headers.has("Content-Type")) {
      headers.set(
        "Content-Type",
        body.trimStart().startsWith("<") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8",
      );
    }
  } else {
    const value =
      fault.body !== undefined
        ? fault.body
        : fault.status >= 400
          ? {
              class: errorClass(fault.status),
              message: MESSAGES[fault.status] ?? `HTTP ${fault.status}`,
            }
          : null;
    body = JSON.stringify(value);
    if (!headers.has("Content-Type"))
      headers.set("Content-Type", "application/json; charset=utf-8");
  }
  const nullBody = fault.status === 204 || fault.status === 205 || fault.status === 304;
  return new Response(nullBody ? null : body, { status: fault.status, headers });
}

/** The real answer with its body cut: complete on the wire, but no longer JSON. */
export async function truncate(response: Response, fault: TruncateFault): Promise<Response> {
  const text = await response.text();
  const keep = fault.truncate === true ? Math.floor(text.length / 2) : fault.truncate;
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(text.slice(0, keep), { status: response.status, headers });
}

/**
 * The real answer whose body stops halfway with an error: over HTTP, the status and headers
 * (with the full `Content-Length`) are sent, then the connection is destroyed.
 */
export async function interrupt(response: Response, _fault: InterruptFault): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.set("Content-Length", String(bytes.length));
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(bytes.slice(0, Math.floor(bytes.length / 2)));
        return;
      }
      controller.error(new TypeError("The connection was interrupted in the middle of the body."));
    },
  });
  return new Response(body, { status: response.status, headers });
}
