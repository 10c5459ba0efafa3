/**
 * @module
 * The responses of the mock: JSON with OVH's headers.
 */
import type { OvhError } from "./errors.ts";

/**
 * A JSON response; `undefined` is answered as `null`, like OVH's `void` operations. Its length
 * is announced, as HTTP servers do for a body they hold whole.
 */
export function jsonResponse(value: unknown, status = 200, headers?: HeadersInit): Response {
  const bytes = new TextEncoder().encode(JSON.stringify(value ?? null));
  const response = new Response(bytes, { status, headers });
  response.headers.set("Content-Type", "application/json; charset=utf-8");
  response.headers.set("Content-Length", String(bytes.byteLength));
  response.headers.set("Cache-Control", "no-cache, no-store");
  return response;
}

/** The response of an error. */
export const errorResponse = (error: OvhError): Response => jsonResponse(error.body, error.status);

/** A small HTML page (the validation page of consumer keys). */
export function htmlResponse(
  title: string,
  text: string,
  status = 200,
  headers?: HeadersInit,
): Response {
  const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>\n`;
  const response = new Response(html, { status, headers });
  response.headers.set("Content-Type", "text/html; charset=utf-8");
  return response;
}
