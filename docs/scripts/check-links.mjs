/**
 * @module
 * Checks the links of the built docs site (docs/.vitepress/dist), offline: every internal link
 * must lead to a page or file of the site, and its `#anchor` to an `id` of that page; a link to
 * a file of this repository on GitHub (`…/blob/main/<path>`, `…/tree/main/<path>`) must name a
 * path that exists in the clone. Other external links are listed, never fetched. The Markdown
 * files read on GitHub rather than on the site (README.md, CONTRIBUTING.md, the packages'
 * READMEs) have their relative links checked the same way, anchors by GitHub's heading slugs.
 * Exits 1 on a broken link.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { markdownFiles, root } from "./markdown-files.mjs";

const dist = join(root, "docs/.vitepress/dist");
const REPOSITORY = /^https:\/\/github\.com\/asyncovh\/asyncovh\/(?:blob|tree)\/main\/([^#?]*)/;
const SITE = "http://site.invalid/";

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );

const decode = (text) =>
  text.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#39;", "'");

/** The file of the site a URL path names, as a static host serves it, or undefined. */
function fileOf(pathname) {
  const path = join(dist, decodeURIComponent(pathname));
  for (const candidate of [path, `${path}.html`, join(path, "index.html")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const ids = new Map(); // file -> Set of ids
function idsOf(file) {
  if (!ids.has(file)) {
    const html = readFileSync(file, "utf8");
    ids.set(file, new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decode(m[1]))));
  }
  return ids.get(file);
}

if (!existsSync(dist)) {
  console.error(`${relative(root, dist)} is missing: build the docs first (npm run docs).`);
  process.exit(1);
}

const broken = [];
const external = new Map(); // url -> first page linking it
let checked = 0;
const pages = walk(dist).filter((path) => path.endsWith(".html"));
if (!pages.some((path) => path.endsWith("guide/getting-started.html"))) {
  console.error(`${relative(root, dist)} holds no guide: build the docs first (npm run docs).`);
  process.exit(1);
}
for (const file of pages) {
  const page = new URL(relative(dist, file).replaceAll("\\", "/"), SITE);
  const html = readFileSync(file, "utf8");
  for (const [, raw] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const link = decode(raw);
    if (link === "" || link.startsWith("data:") || link.startsWith("javascript:")) continue;
    const url = new URL(link, page);
    const where = `${relative(dist, file)}: ${link}`;
    if (url.origin !== new URL(SITE).origin) {
      const repoPath = REPOSITORY.exec(url.href)?.[1];
      if (repoPath !== undefined) {
        checked++;
        if (!existsSync(join(root, decodeURIComponent(repoPath)))) {
          broken.push(`${where} (no ${repoPath} in the repository)`);
        }
      } else if (!external.has(url.href)) {
        external.set(url.href, relative(dist, file));
      }
      continue;
    }
    checked++;
    const target = fileOf(url.pathname);
    if (target === undefined) {
      broken.push(`${where} (no such page)`);
    } else if (url.hash.length > 1 && target.endsWith(".html")) {
      if (!idsOf(target).has(decodeURIComponent(url.hash.slice(1)))) {
        broken.push(`${where} (no ${url.hash} on ${relative(dist, target)})`);
      }
    }
  }
}

// The repository's own Markdown, as GitHub shows it.
/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
const slug = (heading) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
/** The text without its fenced code blocks. */
const prose = (text) => text.replace(/^([ \t]*)(`{3,}|~{3,})[\s\S]*?^\1\2/gm, "");
const headings = (text) =>
  new Set(
    prose(text)
      .split("\n")
      .filter((line) => /^#{1,6}\s/.test(line))
      .map((line) => slug(line.replace(/^#+\s+/, "").trim())),
  );
for (const source of markdownFiles().filter((path) => !path.startsWith("docs/"))) {
  const text = prose(readFileSync(join(root, source), "utf8"));
  for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(link)) {
      const repoPath = REPOSITORY.exec(link)?.[1];
      if (repoPath !== undefined && !existsSync(join(root, decodeURIComponent(repoPath)))) {
        broken.push(`${source}: ${link} (no ${repoPath} in the repository)`);
      } else if (repoPath === undefined && !external.has(link)) {
        external.set(link, source);
      }
      continue;
    }
    checked++;
    const [path, hash] = link.split("#");
    const target = path
      ? join(root, dirname(source), decodeURIComponent(path))
      : join(root, source);
    if (!existsSync(target)) {
      broken.push(`${source}: ${link} (no such file)`);
    } else if (
      hash &&
      target.endsWith(".md") &&
      !headings(readFileSync(target, "utf8")).has(hash)
    ) {
      broken.push(`${source}: ${link} (no heading #${hash} in ${relative(root, target)})`);
    }
  }
}

console.log(`links: ${checked} internal checked, ${external.size} external listed, not fetched:`);
for (const [url, page] of [...external].sort()) console.log(`  ${url}  (${page})`);
if (broken.length > 0) {
  console.error(`\n${broken.length} broken link(s):`);
  for (const line of broken) console.error(`  ${line}`);
  process.exit(1);
}
