/**
 * @module
 * A benchmark report as a Markdown table, ready for BENCHMARKS.md.
 */
import type { BillsBenchReport } from "./bills.ts";

export function markdownReport(report: BillsBenchReport): string {
  const rows = report.results.map((r) => `| ${r.name} | ${r.requests} | ${Math.round(r.ms)} ms |`);
  return [
    `${report.bills} bills with their details, ${report.latencyMs} ms of latency per request:`,
    "",
    "| way | requests | wall time |",
    "| --- | ---: | ---: |",
    ...rows,
  ].join("\n");
}
