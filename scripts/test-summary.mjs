// Prints the unit/integration test totals of the last `vitest run` as one plain line.
import { readFileSync } from "node:fs";

const results = JSON.parse(
  readFileSync(new URL("../.vitest-results.json", import.meta.url), "utf8"),
);
const passed = results.numPassedTests;
const failed = results.numFailedTests;
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`vitest: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
