/**
 * The smoke scenario in Node.js (20, 22 and 24): `import "asyncovh"` with Node's conditions.
 * The runner passes the context as the first argument and the keys as OVH_* variables.
 */
import * as asyncovh from "asyncovh";
import { entryStep } from "../shared/config-steps.mjs";
import { nodeLikeSmoke } from "../shared/node-like.mjs";

const context = JSON.parse(process.argv[2]);
const report = await nodeLikeSmoke(`node ${process.version}`, asyncovh, context, (r) =>
  entryStep(r, import.meta.resolve("asyncovh"), "node"),
);
console.log(`SMOKE-RESULT ${JSON.stringify(report)}`);
