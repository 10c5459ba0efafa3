/**
 * @module
 * The type matrix: each `tsconfig.<name>.json` of the installed project compiled by the
 * workspace's TypeScript, in this one process. The programs share parsed files (lib.dom.d.ts,
 * @types/node and the packages' declarations are parsed once), and what is reported is every
 * error in the project's own files and in the installed packages of this workspace: with
 * `skipLibCheck: false`, exactly what `tsc -p tsconfig.<name>.json` would say of them.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { root } from "../../scripts/packages.mjs";

const ts = createRequire(join(root, "package.json"))("typescript");

/** The configurations of the matrix in `project`: `tsconfig.<name>.json`, by name. */
export const configurations = (project) =>
  readdirSync(project)
    .filter((file) => /^tsconfig\..+\.json$/.test(file) && file !== "tsconfig.base.json")
    .map((file) => file.slice("tsconfig.".length, -".json".length))
    .sort();

/**
 * Compiles each configuration; `ours(fileName)` says whose errors count (the project's files,
 * our packages' declarations). Resolves with `{ name, errors: string[], ms }` per configuration.
 */
export function compileMatrix(project, ours) {
  const parsed = new Map();
  const results = [];
  for (const name of configurations(project)) {
    const started = performance.now();
    const file = join(project, `tsconfig.${name}.json`);
    const config = ts.getParsedCommandLineOfConfigFile(
      file,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        },
      },
    );
    const host = ts.createCompilerHost(config.options);
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (fileName, languageVersion, ...rest) => {
      const key = `${fileName}|${JSON.stringify(languageVersion)}`;
      if (!parsed.has(key)) parsed.set(key, getSourceFile(fileName, languageVersion, ...rest));
      return parsed.get(key);
    };
    const program = ts.createProgram({
      rootNames: config.fileNames,
      options: config.options,
      host,
      projectReferences: config.projectReferences,
    });
    const diagnostics = [
      ...config.errors,
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...program
        .getSourceFiles()
        .flatMap((source) =>
          ours(source.fileName)
            ? [
                ...program.getSyntacticDiagnostics(source),
                ...program.getSemanticDiagnostics(source),
              ]
            : [],
        ),
    ];
    results.push({
      name,
      files: program.getSourceFiles().filter((source) => ours(source.fileName)).length,
      errors: diagnostics.map((d) => format(d, project)),
      ms: performance.now() - started,
    });
  }
  return results;
}

function format(diagnostic, project) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const where = relative(project, diagnostic.file.fileName);
  return `${where}:${line + 1}:${character + 1}: TS${diagnostic.code}: ${message}`;
}
