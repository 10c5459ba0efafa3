import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ENDPOINTS,
  type FetchLike,
  InvalidConfiguration,
  InvalidKey,
  InvalidRegion,
} from "@asyncovh/core";
import { resolveSources, settingsFrom } from "@asyncovh/core/internal";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDenoConfigLoader, type DenoNamespace } from "./config-loader.ts";
import { Client } from "./index.ts";

class NotFound extends Error {
  override name = "NotFound";
}

/**
 * The Deno namespace as the loader sees it, over real files, with the permissions of a
 * `deno run --allow-env=… --allow-read=…` command line. The real runtime is exercised by
 * runtime-tests/deno.
 */
function denoWith(options: {
  env?: Record<string, string>;
  allowEnv?: string[] | "all";
  allowRead?: string[] | "all";
  cwd: string;
}): DenoNamespace & { reads: string[]; envReads: string[] } {
  const reads: string[] = [];
  const envReads: string[] = [];
  const allowed = (list: string[] | "all" | undefined, value: string) =>
    list === "all" || (list ?? []).includes(value);
  return {
    reads,
    envReads,
    env: {
      get(name) {
        if (!allowed(options.allowEnv, name)) throw new Error(`NotCapable: env ${name}`);
        envReads.push(name);
        return options.env?.[name];
      },
    },
    permissions: {
      querySync: (d) => ({
        state: allowed(
          d.name === "env" ? options.allowEnv : options.allowRead,
          d.name === "env" ? d.variable : d.path,
        )
          ? "granted"
          : "prompt",
      }),
    },
    async readTextFile(path) {
      if (!allowed(options.allowRead, path)) throw new Error(`NotCapable: read ${path}`);
      reads.push(path);
      try {
        return await readFile(path, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new NotFound(path);
        throw error;
      }
    },
    cwd: () => options.cwd,
    build: { os: "linux" },
    errors: { NotFound },
  };
}

let root: string;
let home: string;
let cwd: string;
let systemFile: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "asyncovh-deno-"));
  home = join(root, "home");
  cwd = join(root, "project");
  systemFile = join(root, "etc-ovh.conf");
  await Promise.all([home, cwd].map((dir) => mkdir(dir, { recursive: true })));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const fullConfig =
  "[default]\nendpoint=ovh-ca\n[ovh-ca]\napplication_key=file-ak\napplication_secret=file-as\nconsumer_key=file-ck\n";

describe("with every permission (deno run -A)", () => {
  it("reads the OVH_* variables, then the four files in python-ovh's order", async () => {
    await writeFile(systemFile, fullConfig);
    await writeFile(join(home, ".ovh.conf"), "[ovh-ca]\napplication_secret=home-as\n");
    await writeFile(join(home, ".ovhrc"), "[ovh-ca]\nconsumer_key=rc-ck\n");
    await writeFile(join(cwd, "ovh.conf"), "[ovh-ca]\nconsumer_key=cwd-ck\n");
    const deno = denoWith({
      env: { HOME: home, OVH_APPLICATION_KEY: "env-ak" },
      allowEnv: "all",
      allowRead: "all",
      cwd,
    });

    const sources = await createDenoConfigLoader({ systemFile }, deno)({});

    expect(sources.files?.map((file) => file.path)).toEqual([
      systemFile,
      join(home, ".ovh.conf"),
      join(home, ".ovhrc"),
      join(cwd, "ovh.conf"),
    ]);
    expect(sources.notes).toEqual([]);
    expect(resolveSources({}, sources)).toMatchObject({
      endpoint: "ovh-ca",
      applicationKey: "env-ak",
      applicationSecret: "home-as",
      consumerKey: "cwd-ck",
    });
  });

  it("skips missing files", async () => {
    const deno = denoWith({ env: { HOME: home }, allowEnv: "all", allowRead: "all", cwd });
    const sources = await createDenoConfigLoader({ systemFile }, deno)({});
    expect(sources.files).toEqual([]);
  });

  it("refuses a malformed file, naming the file and the line", async () => {
    await writeFile(join(home, ".ovhrc"), "[default]\nthis line has no equals sign\n");
    const deno = denoWith({ env: { HOME: home }, allowEnv: "all", allowRead: "all", cwd });
    const client = new Client({
      loadConfig: settingsFrom(createDenoConfigLoader({ systemFile }, deno)),
    });
    const init = client.init();
    await expect(init).rejects.toBeInstanceOf(InvalidConfiguration);
    await expect(init).rejects.toThrow(`${join(home, ".ovhrc")}:2: malformed line`);
  });

  it("names a file that exists but cannot be read", async () => {
    await mkdir(join(cwd, "ovh.conf"));
    const deno = denoWith({ env: { HOME: home }, allowEnv: "all", allowRead: "all", cwd });
    await expect(createDenoConfigLoader({ systemFile }, deno)({})).rejects.toThrow(
      `Cannot read config file ${join(cwd, "ovh.conf")}: Error: EISDIR`,
    );
  });
});

describe("without --allow-env nor --allow-read", () => {
  const bare = () => denoWith({ env: { HOME: home, OVH_ENDPOINT: "ovh-us" }, cwd });

  it("reads nothing, prompts for nothing, and notes which flags would help", async () => {
    const deno = bare();
    const sources = await createDenoConfigLoader({ systemFile }, deno)({});
    expect(deno.envReads).toEqual([]);
    expect(deno.reads).toEqual([]);
    expect(sources.files).toEqual([]);
    expect(sources.notes).toEqual([
      expect.stringMatching(
        /^Deno did not let asyncovh read OVH_ENDPOINT, OVH_APPLICATION_KEY, .*HOME: run with --allow-env=OVH_ENDPOINT,OVH_APPLICATION_KEY,.*HOME \(or --allow-env\)\.$/,
      ),
      `Deno did not let asyncovh read ${systemFile}, ovh.conf: run with --allow-read=${systemFile},ovh.conf (or --allow-read).`,
    ]);
  });

  it("still signs calls made with explicit options", async () => {
    const requests: Request[] = [];
    const fetch: FetchLike = async (input, init) => {
      requests.push(new Request(input, init));
      return Response.json(requests.length === 1 ? 1_700_000_000 : { ok: true });
    };
    const client = new Client({
      endpoint: "ovh-eu",
      applicationKey: "ak",
      applicationSecret: "as",
      consumerKey: "ck",
      fetch,
      loadConfig: settingsFrom(createDenoConfigLoader({ systemFile }, bare())),
    });
    expect(await client.get("/me")).toEqual({ ok: true });
    expect(client.endpoint).toBe(ENDPOINTS["ovh-eu"]);
    expect(requests.at(-1)?.headers.get("X-Ovh-Signature")).toMatch(/^\$1\$[0-9a-f]{40}$/);
  });

  it("says which permission a missing endpoint would need", async () => {
    const client = new Client({
      loadConfig: settingsFrom(createDenoConfigLoader({ systemFile }, bare())),
    });
    const init = client.init();
    await expect(init).rejects.toBeInstanceOf(InvalidRegion);
    await expect(init).rejects.toThrow(/--allow-env=OVH_ENDPOINT/);
    await expect(init).rejects.toThrow(/--allow-read=/);
  });

  it("says which permission a missing key would need", async () => {
    const client = new Client({
      endpoint: "ovh-eu",
      applicationKey: "ak",
      loadConfig: settingsFrom(createDenoConfigLoader({ systemFile }, bare())),
    });
    const call = client.get("/me");
    await expect(call).rejects.toBeInstanceOf(InvalidKey);
    await expect(call).rejects.toThrow(/application secret, consumer key.*--allow-env=/);
  });
});

describe("with narrow permissions", () => {
  it("reads the variables and files that are granted, and notes the rest", async () => {
    await writeFile(join(cwd, "ovh.conf"), fullConfig);
    const deno = denoWith({
      env: { OVH_CONSUMER_KEY: "env-ck", HOME: home },
      allowEnv: ["OVH_CONSUMER_KEY"],
      allowRead: ["."],
      cwd,
    });
    // "." grants the working directory; a real Deno grants what lies below it too.
    deno.permissions.querySync = (d) => ({
      state:
        (d.name === "env" && d.variable === "OVH_CONSUMER_KEY") ||
        (d.name === "read" && (d.path === "." || d.path.startsWith(cwd)))
          ? "granted"
          : "prompt",
    });
    deno.readTextFile = (path) => readFile(path, "utf8");

    const sources = await createDenoConfigLoader({ systemFile }, deno)({});

    expect(sources.files?.map((file) => file.path)).toEqual([join(cwd, "ovh.conf")]);
    expect(resolveSources({}, sources)).toMatchObject({
      endpoint: "ovh-ca",
      consumerKey: "env-ck",
      applicationSecret: "file-as",
    });
    expect(sources.notes?.join(" ")).not.toMatch(/OVH_CONSUMER_KEY/);
    expect(sources.notes?.join(" ")).toMatch(/--allow-read=.*etc-ovh\.conf/);
  });
});

describe("init({ configFile })", () => {
  it("reads that file alone, expanding ~", async () => {
    await mkdir(join(home, "conf"));
    await writeFile(join(home, "conf", "ovh.conf"), fullConfig);
    const deno = denoWith({
      env: { HOME: home, OVH_APPLICATION_KEY: "env-ak" },
      allowEnv: "all",
      allowRead: "all",
      cwd,
    });
    const client = new Client({
      loadConfig: settingsFrom(createDenoConfigLoader({ systemFile }, deno)),
    });
    await client.init({ configFile: "~/conf/ovh.conf" });
    expect(client.endpoint).toBe(ENDPOINTS["ovh-ca"]);
    expect(client.applicationKey).toBe("file-ak");
    expect(deno.reads).toEqual([join(home, "conf", "ovh.conf")]);
  });

  it("fails naming the file and the flag when read access is not granted", async () => {
    const path = join(root, "custom.conf");
    const loader = createDenoConfigLoader({ systemFile }, denoWith({ cwd }));
    await expect(loader({ configFile: path })).rejects.toThrow(
      `Cannot read config file ${path}: Deno did not grant read access; run with --allow-read=${path}.`,
    );
  });

  it("fails naming HOME when ~ cannot be expanded", async () => {
    const loader = createDenoConfigLoader({ systemFile }, denoWith({ cwd, allowRead: "all" }));
    await expect(loader({ configFile: "~/ovh.conf" })).rejects.toThrow(/--allow-env=HOME/);
  });

  it("fails naming the file when it does not exist", async () => {
    const path = join(root, "missing.conf");
    const loader = createDenoConfigLoader({ systemFile }, denoWith({ cwd, allowRead: "all" }));
    await expect(loader({ configFile: path })).rejects.toThrow(
      `Cannot read config file ${path}: NotFound`,
    );
  });
});

describe("outside Deno", () => {
  it("says that the loader belongs to Deno", async () => {
    await expect(createDenoConfigLoader()({})).rejects.toThrow(/runs in Deno only/);
  });
});

describe("without HOME", () => {
  it("notes that the home files were not looked for", async () => {
    const deno = denoWith({ allowEnv: "all", allowRead: "all", cwd });
    const sources = await createDenoConfigLoader({ systemFile }, deno)({});
    expect(sources.notes).toEqual([
      "~/.ovh.conf and ~/.ovhrc were not looked for: HOME is not set.",
    ]);
  });
});

describe("on Windows", () => {
  it("uses USERPROFILE for the home directory on Windows", async () => {
    const deno = denoWith({ env: { USERPROFILE: home }, allowEnv: "all", allowRead: "all", cwd });
    deno.build.os = "windows";
    await writeFile(join(home, ".ovhrc"), fullConfig);
    const sources = await createDenoConfigLoader({ systemFile }, deno)({});
    expect(sources.files?.map((file) => file.path)).toEqual([join(home, ".ovhrc")]);
  });
});
