// @ts-check
/**
 * A TypeDoc plugin: names each entry point's module after the package (and subpath) a user
 * imports, `@asyncovh/core` or `@asyncovh/mock/node`, instead of its folder.
 */
import { Converter, ReflectionKind } from "typedoc";

const NAMES = {
  "packages/core/src/index.ts": "@asyncovh/core",
  "packages/node/src/index.ts": "@asyncovh/node",
  "packages/deno/src/index.ts": "@asyncovh/deno",
  "packages/workers/src/index.ts": "@asyncovh/workers",
  "packages/proxy/src/index.ts": "@asyncovh/proxy",
  "packages/mock/src/index.ts": "@asyncovh/mock",
  "packages/mock/src/node.ts": "@asyncovh/mock/node",
};

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const file = module.sources?.[0]?.fullFileName.replaceAll("\\", "/") ?? "";
      const entry = Object.keys(NAMES).find((path) => file.endsWith(path));
      if (entry === undefined) throw new Error(`typedoc: no package name for ${file}`);
      module.name = NAMES[entry];
    }
  });
}
