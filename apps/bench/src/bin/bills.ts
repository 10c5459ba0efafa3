/**
 * `pnpm bench:bills [--bills=500] [--latency=20] [--page-size=100] [--chunk-size=50]`: reads the
 * bills of the local mock three ways and prints the requests and wall time of each.
 */
import { parseArgs } from "node:util";
import { benchmarkBills } from "../bills.ts";
import { markdownReport } from "../report.ts";

try {
  const { values } = parseArgs({
    // `pnpm bench:bills -- --latency=50` hands the "--" over too.
    args: process.argv.slice(2).filter((arg) => arg !== "--"),
    options: {
      bills: { type: "string" },
      latency: { type: "string" },
      "page-size": { type: "string" },
      "chunk-size": { type: "string" },
    },
  });
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const report = await benchmarkBills({
    bills: number(values.bills),
    latencyMs: number(values.latency),
    pageSize: number(values["page-size"]),
    chunkSize: number(values["chunk-size"]),
  });
  console.log(markdownReport(report));
} catch (error) {
  console.error("The benchmark could not run:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
