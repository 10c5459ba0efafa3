import { defineConfig } from "tsup";
import { library } from "../../tsup.base.ts";

// @noble/hashes is bundled in (its SHA-1 and helpers): four modules fewer for `import("asyncovh")`
// to resolve and load. Its MIT notice travels with the code.
export default defineConfig({
  ...library(["src/index.ts", "src/internal.ts"]),
  noExternal: ["@noble/hashes"],
  banner: {
    js: "/*! Includes @noble/hashes, The MIT License (MIT), Copyright (c) 2022 Paul Miller (https://paulmillr.com) */",
  },
});
