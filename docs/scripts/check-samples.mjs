/**
 * @module
 * Compiles every TypeScript sample of the docs: each ```ts block of README.md, CONTRIBUTING.md,
 * the packages' READMEs and docs/**\/*.md becomes a module of its own under docs/.samples/,
 * type-checked in one TypeScript program against the built workspace packages
 * (`skipLibCheck: false`), and an error is reported at its line in the Markdown file.
 *
 * The words after `ts` in a fence's info string:
 * - `no-check`: not compiled (a signature list, or code for a runtime tsc cannot type here, like
 *   `Deno.serve`); use it sparingly;
 * - `workerd`, `deno`, `browser`, `bun`: compiled with that export condition (as wrangler or a
 *   bundler would resolve `asyncovh`); by default samples resolve as Node.js does.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { markdownFiles, root } from "./markdown-files.mjs";

const CONDITIONS = new Set(["workerd", "deno", "browser", "bun"]);
const out = join(root, "docs/.samples");

/** The ```ts blocks of a Markdown text: code, 1-based line of the code's first line, words. */
function extractSamples(text) {
  const samples = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trimStart().startsWith(fence)) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
      j++;
    }
    if (lang === "ts" || lang === "typescript") {
      samples.push({
        code: body.join("\n"),
        line: i + 2,
        words: rest.split(/\s+/).filter(Boolean),
      });
    }
    i = j;
  }
  return samples;
}

const compilerOptions = {
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  types: ["node"],
  strict: true,
  noEmit: true,
  skipLibCheck: false,
};

/**
 * One program for every sample, so the libraries are checked once: a sample under
 * .samples/<condition>/ resolves its imports with that export condition.
 */
function compile(ts, files) {
  const options = ts.convertCompilerOptionsFromJson(compilerOptions, out).options;
  const host = ts.createCompilerHost(options);
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, sourceFile) => {
    const condition = /[\\/]\.samples[\\/]([^\\/]+)[\\/]/.exec(containingFile)?.[1];
    const resolveWith = CONDITIONS.has(condition)
      ? { ...opts, customConditions: [condition] }
      : opts;
    return literals.map((literal) => {
      const mode = ts.getModeForUsageLocation(sourceFile, literal, opts);
      return ts.resolveModuleName(
        literal.text,
        containingFile,
        resolveWith,
        host,
        undefined,
        redirected,
        mode,
      );
    });
  };
  return ts.getPreEmitDiagnostics(ts.createProgram(files, options, host));
}

function main() {
  rmSync(out, { recursive: true, force: true });
  const samples = new Map(); // path of the sample's file -> { source, line }
  let skipped = 0;
  for (const source of markdownFiles()) {
    for (const sample of extractSamples(readFileSync(join(root, source), "utf8"))) {
      if (sample.words.includes("no-check")) {
        skipped++;
        continue;
      }
      const unknown = sample.words.filter((word) => !CONDITIONS.has(word));
      if (unknown.length > 0) {
        console.error(
          `${source}:${sample.line - 1}: unknown word(s) after ts: ${unknown.join(" ")}`,
        );
        process.exitCode = 1;
      }
      const condition = sample.words.find((word) => CONDITIONS.has(word)) ?? "node";
      const dir = join(out, condition);
      const file = join(dir, `${source.replaceAll(/[^A-Za-z0-9]+/g, "_")}_L${sample.line}.ts`);
      mkdirSync(dir, { recursive: true });
      // `export {}` makes every sample a module, so top-level await and names stay its own.
      writeFileSync(file, `${sample.code}\nexport {};\n`);
      samples.set(file, { source, line: sample.line });
    }
  }
  // A package.json of type module: the samples are ES modules, as a user's would be.
  writeFileSync(join(out, "package.json"), '{ "type": "module" }\n');

  const ts = createRequire(join(root, "docs/package.json"))("typescript");
  const diagnostics = compile(ts, [...samples.keys()]);
  for (const diagnostic of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const sample = diagnostic.file && samples.get(diagnostic.file.fileName);
    if (sample && diagnostic.start !== undefined) {
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      console.error(
        `${sample.source}:${sample.line + line}:${character + 1}: TS${diagnostic.code}: ${message}`,
      );
    } else {
      const where = diagnostic.file ? `${relative(root, diagnostic.file.fileName)}: ` : "";
      console.error(`${where}TS${diagnostic.code}: ${message}`);
    }
  }
  console.log(
    `samples: ${samples.size} compiled, ${skipped} marked no-check, ${diagnostics.length} error(s)`,
  );
  if (diagnostics.length > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
