/**
 * Configuration steps shared by the runtimes that read ovh.conf files (Node, Bun, Deno): the
 * file source, and the errors of a malformed file and of a missing key.
 */
import { check, equal, NICHANDLE, rejectsWith } from "./scenario.mjs";

/** `files`: paths of a good file, a malformed one, and one without application secret. */
export async function configFileSteps(report, asyncovh, files) {
  await report.step("config: init({ configFile })", async () => {
    const client = await new asyncovh.Client().init({ configFile: files.good });
    equal((await client.get("/me")).nichandle, NICHANDLE, "GET /me with the file's keys");
  });

  await report.step("bad config: malformed file names the file and line", async () => {
    const error = await rejectsWith(
      new asyncovh.Client().init({ configFile: files.malformed }),
      asyncovh.InvalidConfiguration,
      `${files.malformed}:2: malformed line`,
    );
    check(!error.message.includes("s3cr3t"), "the message does not repeat the line");
  });

  await report.step("bad config: missing key names what and where", async () => {
    const client = await new asyncovh.Client().init({ configFile: files.noSecret });
    await rejectsWith(client.get("/me"), asyncovh.InvalidKey, "application secret", "ovh.conf");
  });
}

/** Checks that `import "asyncovh"` gave this runtime's entry of the package. */
export function entryStep(report, resolved, entry) {
  return report.step(`import "asyncovh" resolves to dist/${entry}.js`, () => {
    check(resolved.endsWith(`/packages/asyncovh/dist/${entry}.js`), `resolved to ${resolved}`);
  });
}
