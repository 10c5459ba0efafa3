/**
 * @module
 * Reads an npm tarball (a gzipped ustar archive whose entries start with `package/`) into a map
 * of path -> contents, so that what is checked is exactly what would be published.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

const field = (header, start, length) => {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? length : end).toString("utf8");
};

/** The files of the tarball at `path`: a Map from the path inside the package to a Buffer. */
export function readTarball(path) {
  const archive = gunzipSync(readFileSync(path));
  const files = new Map();
  let longName;
  for (let offset = 0; offset + BLOCK <= archive.length; ) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = field(header, 156, 1);
    const prefix = field(header, 345, 155);
    const data = archive.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      // A pax header: its `path` record names the next entry (paths over 100 bytes).
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString("utf8"))?.[1] ?? longName;
      continue;
    }
    const name =
      longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    if (type === "0" || type === "" || type === "\0") {
      files.set(name.replace(/^[^/]+\//, ""), Buffer.from(data));
    }
  }
  return files;
}
