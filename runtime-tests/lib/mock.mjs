/**
 * A fresh mock per runtime, served over HTTP on 127.0.0.1, with a consumer key of its own and
 * the ovh.conf files of the configuration steps.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMockOvh, DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET } from "@asyncovh/mock";
import { serve } from "@asyncovh/mock/node";

const ALL_RIGHTS = ["GET", "POST", "PUT", "DELETE"].map((method) => ({ method, path: "/*" }));

export async function startMock(options = {}) {
  const mock = createMockOvh(options);
  const server = await serve(mock);
  const consumerKey = mock.addConsumerKey({
    applicationKey: DEMO_APPLICATION_KEY,
    rules: ALL_RIGHTS,
    validated: true,
  });
  const dir = await mkdtemp(join(tmpdir(), "asyncovh-runtime-"));
  const home = join(dir, "home");
  await mkdir(home);
  const section = `[default]\nendpoint=${server.baseUrl}\n[${server.baseUrl}]\n`;
  const files = {
    good: join(dir, "good.conf"),
    malformed: join(dir, "malformed.conf"),
    noSecret: join(dir, "no-secret.conf"),
  };
  await writeFile(
    files.good,
    `${section}application_key=${DEMO_APPLICATION_KEY}\napplication_secret=${DEMO_APPLICATION_SECRET}\nconsumer_key=${consumerKey}\n`,
  );
  await writeFile(files.malformed, "[default]\ns3cr3t-pasted-without-a-key\n");
  await writeFile(
    files.noSecret,
    `${section}application_key=${DEMO_APPLICATION_KEY}\nconsumer_key=${consumerKey}\n`,
  );
  return {
    mock,
    server,
    /** What the runtime's entry receives as its first argument. */
    context: {
      baseUrl: server.baseUrl,
      callbackUrl: `${server.origin}/smoke-callback`,
      applicationKey: DEMO_APPLICATION_KEY,
      applicationSecret: DEMO_APPLICATION_SECRET,
      consumerKey,
      files,
    },
    /** The environment of a runtime whose source is `OVH_*` variables; HOME has no ovh.conf. */
    env: {
      OVH_ENDPOINT: server.baseUrl,
      OVH_APPLICATION_KEY: DEMO_APPLICATION_KEY,
      OVH_APPLICATION_SECRET: DEMO_APPLICATION_SECRET,
      OVH_CONSUMER_KEY: consumerKey,
      HOME: home,
    },
    dir,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
