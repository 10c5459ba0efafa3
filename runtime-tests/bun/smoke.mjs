/**
 * The smoke scenario in Bun: `import "asyncovh"` with Bun's conditions, where `bun` comes first.
 * The runner passes the context as the first argument and the keys as OVH_* variables.
 */
import * as asyncovh from "asyncovh";
import { entryStep } from "../shared/config-steps.mjs";
import { nodeLikeSmoke } from "../shared/node-like.mjs";

const context = JSON.parse(process.argv[2]);
const report = await nodeLikeSmoke(`bun ${Bun.version}`, asyncovh, context, (r) =>
  entryStep(r, import.meta.resolve("asyncovh"), "bun"),
);
console.log(`SMOKE-RESULT ${JSON.stringify(report)}`);
