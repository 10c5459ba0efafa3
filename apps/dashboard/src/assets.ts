/**
 * @module
 * Reads the dashboard's files: its pages, style and script from `public/`, and the self-contained
 * browser module of asyncovh (`asyncovh/bundle`) from the installed package.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Assets } from "./app.ts";

const PUBLIC = new URL("../public/", import.meta.url);

export async function readAssets(): Promise<Assets> {
  const text = (url: URL | string) => readFile(url, "utf8");
  const bundle = fileURLToPath(import.meta.resolve("asyncovh/bundle"));
  return {
    "/": { type: "text/html; charset=utf-8", body: await text(new URL("index.html", PUBLIC)) },
    "/login": {
      type: "text/html; charset=utf-8",
      body: await text(new URL("login.html", PUBLIC)),
    },
    "/dashboard.css": {
      type: "text/css; charset=utf-8",
      body: await text(new URL("dashboard.css", PUBLIC)),
    },
    "/dashboard.js": {
      type: "text/javascript; charset=utf-8",
      body: await text(new URL("dashboard.js", PUBLIC)),
    },
    "/asyncovh.browser.js": { type: "text/javascript; charset=utf-8", body: await text(bundle) },
  };
}
