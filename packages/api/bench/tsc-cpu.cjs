// Runs the real `tsc` (its command line: the arguments of this script) in this process, then
// prints the CPU time it took, in ms, as the last line on stderr: `tsc-cpu <ms>`.
process.on("exit", () => {
  const used = process.cpuUsage();
  process.stderr.write(`tsc-cpu ${Math.round((used.user + used.system) / 1000)}\n`);
});
require("typescript/lib/tsc.js");
