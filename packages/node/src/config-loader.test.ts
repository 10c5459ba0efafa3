import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENDPOINTS, type FetchLike, InvalidConfiguration, InvalidKey } from "@asyncovh/core";
import { CONFIG_KEYS, resolveSources, settingsFrom, sign } from "@asyncovh/core/internal";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createNodeConfigLoader, defaultConfigFiles } from "./config-loader.ts";
import { Client } from "./index.ts";

let root: string;
let home: string;
let cwd: string;
let systemFile: string;
const startDir = process.cwd();

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), "asyncovh-node-")));
  home = join(root, "home");
  cwd = join(root, "project");
  systemFile = join(root, "etc", "ovh.conf");
  await Promise.all([home, cwd, join(root, "etc")].map((dir) => mkdir(dir, { recursive: true })));
  // Each test starts from a clean environment: no OVH_* variable of the machine leaks in.
  for (const [envName] of Object.values(CONFIG_KEYS)) vi.stubEnv(envName, undefined);
  vi.stubEnv("HOME", home);
  process.chdir(cwd);
});

afterEach(async () => {
  process.chdir(startDir);
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

const loader = () => createNodeConfigLoader({ systemFile });
const settings = async (options = {}) => resolveSources(options, await loader()({}));

/** A transport that answers like OVH would for `/auth/time` and `/me`, and keeps each request. */
function recordingFetch(serverTime: number) {
  const requests: Request[] = [];
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    requests.push(request);
    const { pathname } = new URL(request.url);
    return Response.json(pathname.endsWith("/auth/time") ? serverTime : { firstname: "Ada" });
  };
  return { fetch, requests };
}

describe("the default configuration files", () => {
  it("are /etc/ovh.conf, ~/.ovh.conf, ~/.ovhrc then ./ovh.conf, following $HOME and the working directory", () => {
    expect(defaultConfigFiles()).toEqual([
      "/etc/ovh.conf",
      join(home, ".ovh.conf"),
      join(home, ".ovhrc"),
      join(cwd, "ovh.conf"),
    ]);
  });

  it.each([
    ["the system file", () => systemFile],
    ["~/.ovh.conf", () => join(home, ".ovh.conf")],
    ["~/.ovhrc", () => join(home, ".ovhrc")],
    ["./ovh.conf", () => join(cwd, "ovh.conf")],
  ])("include %s, read when it is the only one present", async (_name, path) => {
    await writeFile(
      path(),
      "[default]\nendpoint=kimsufi-eu\n[kimsufi-eu]\napplication_key=found\n",
    );
    const sources = await loader()({});
    expect(sources.files?.map((file) => file.path)).toEqual([path()]);
    expect(await settings()).toMatchObject({ endpoint: "kimsufi-eu", applicationKey: "found" });
  });

  it("are read in order, a later file overriding an earlier one key by key", async () => {
    await writeFile(
      systemFile,
      "[default]\nendpoint=ovh-eu\n[ovh-eu]\napplication_key=etc-ak\napplication_secret=etc-as\nconsumer_key=etc-ck\n",
    );
    await writeFile(
      join(home, ".ovh.conf"),
      "[ovh-eu]\napplication_secret=home-as\nconsumer_key=home-ck\n",
    );
    await writeFile(
      join(home, ".ovhrc"),
      "; the user's rc file\n[ovh-eu]\napplication_secret=rc-as\n",
    );
    await writeFile(join(cwd, "ovh.conf"), "# the project's file\n[ovh-eu]\nconsumer_key=cwd-ck\n");

    const sources = await loader()({});
    expect(sources.files?.map((file) => file.path)).toEqual([
      systemFile,
      join(home, ".ovh.conf"),
      join(home, ".ovhrc"),
      join(cwd, "ovh.conf"),
    ]);
    expect(await settings()).toMatchObject({
      endpoint: "ovh-eu",
      applicationKey: "etc-ak",
      applicationSecret: "rc-as",
      consumerKey: "cwd-ck",
    });
  });

  it("may all be missing: then nothing is configured and the client says how to fix it", async () => {
    expect((await loader()({})).files).toEqual([]);
    const client = new Client({ loadConfig: settingsFrom(loader()) });
    await expect(client.init()).rejects.toThrow(/OVH_ENDPOINT/);
  });
});

describe("precedence", () => {
  beforeEach(async () => {
    await writeFile(
      join(cwd, "ovh.conf"),
      [
        "[default]",
        "endpoint=ovh-eu",
        "[ovh-eu]",
        "application_key=file-eu-ak",
        "application_secret=file-eu-as",
        "consumer_key=file-eu-ck",
        "[ovh-ca]",
        "application_key=file-ca-ak",
        "application_secret=file-ca-as",
        "consumer_key=file-ca-ck",
      ].join("\n"),
    );
  });

  it("takes the environment over the files, and the endpoint's section for the rest", async () => {
    vi.stubEnv("OVH_ENDPOINT", "ovh-ca");
    vi.stubEnv("OVH_APPLICATION_KEY", "env-ak");
    expect(await settings()).toMatchObject({
      endpoint: "ovh-ca",
      applicationKey: "env-ak",
      applicationSecret: "file-ca-as",
      consumerKey: "file-ca-ck",
    });
  });

  it("ignores empty environment variables", async () => {
    vi.stubEnv("OVH_ENDPOINT", "");
    vi.stubEnv("OVH_CONSUMER_KEY", "");
    expect(await settings()).toMatchObject({ endpoint: "ovh-eu", consumerKey: "file-eu-ck" });
  });

  it("takes constructor options over the environment, and signs with what won", async () => {
    vi.stubEnv("OVH_ENDPOINT", "ovh-ca");
    vi.stubEnv("OVH_APPLICATION_KEY", "env-ak");
    vi.stubEnv("OVH_CONSUMER_KEY", "env-ck");
    const { fetch, requests } = recordingFetch(1_700_000_000);
    const client = new Client({ consumerKey: "option-ck", fetch });

    expect(await client.get("/me")).toEqual({ firstname: "Ada" });

    expect(client.endpoint).toBe(ENDPOINTS["ovh-ca"]);
    expect(client.applicationKey).toBe("env-ak");
    const me = requests.at(-1) as Request;
    expect(me.url).toBe(`${ENDPOINTS["ovh-ca"]}/me`);
    expect(me.headers.get("X-Ovh-Application")).toBe("env-ak");
    expect(me.headers.get("X-Ovh-Consumer")).toBe("option-ck");
    const timestamp = Number(me.headers.get("X-Ovh-Timestamp"));
    expect(me.headers.get("X-Ovh-Signature")).toBe(
      sign({
        applicationSecret: "file-ca-as",
        consumerKey: "option-ck",
        method: "GET",
        url: me.url,
        body: "",
        timestamp,
      }),
    );
  });
});

describe("init({ configFile })", () => {
  const custom = "[default]\nendpoint=soyoustart-ca\n[soyoustart-ca]\napplication_key=custom-ak\n";

  it("reads that file alone: neither the environment nor the default files", async () => {
    await writeFile(join(cwd, "ovh.conf"), "[soyoustart-ca]\nconsumer_key=cwd-ck\n");
    await writeFile(join(root, "custom.conf"), custom);
    vi.stubEnv("OVH_APPLICATION_KEY", "env-ak");
    vi.stubEnv("OVH_APPLICATION_SECRET", "env-as");
    const { fetch, requests } = recordingFetch(0);
    const client = new Client({ fetch });

    await client.init({ configFile: join(root, "custom.conf") });

    expect(client.endpoint).toBe(ENDPOINTS["soyoustart-ca"]);
    expect(client.applicationKey).toBe("custom-ak");
    // Neither the secret from the environment nor the consumer key of ./ovh.conf was taken.
    const refused = client.get("/me");
    await expect(refused).rejects.toBeInstanceOf(InvalidKey);
    await expect(refused).rejects.toThrow(/application secret, consumer key/);
    expect(requests).toEqual([]);
  });

  it("expands a leading ~ to the home directory", async () => {
    await mkdir(join(home, "conf"));
    await writeFile(join(home, "conf", "ovh.conf"), custom);
    const client = new Client();
    await client.init({ configFile: "~/conf/ovh.conf" });
    expect(client.applicationKey).toBe("custom-ak");
  });

  it("fails, naming the file, when it does not exist", async () => {
    const missing = join(root, "missing.conf");
    const client = new Client();
    const init = client.init({ configFile: missing });
    await expect(init).rejects.toBeInstanceOf(InvalidConfiguration);
    await expect(init).rejects.toThrow(`Cannot read config file ${missing}: ENOENT`);
  });
});

describe("bad files", () => {
  it("refuse a malformed line, naming the file and the line but not its content", async () => {
    await writeFile(
      join(home, ".ovhrc"),
      "[default]\nendpoint=ovh-eu\ns3cr3t-pasted-without-a-key\n[ovh-eu]\n",
    );
    const init = new Client().init();
    await expect(init).rejects.toBeInstanceOf(InvalidConfiguration);
    await expect(init).rejects.toThrow(`${join(home, ".ovhrc")}:3: malformed line`);
    await expect(init).rejects.not.toThrow(/s3cr3t/);
  });

  it("refuse a key before any section, naming the file and the line", async () => {
    await writeFile(join(cwd, "ovh.conf"), "; no header\nendpoint=ovh-eu\n");
    await expect(new Client().init()).rejects.toThrow(
      `${join(cwd, "ovh.conf")}:2: "key = value" before any "[section]" header`,
    );
  });

  it("fail when a default file exists but cannot be read, naming it", async () => {
    // A directory where a file is expected cannot be read, even by root.
    await mkdir(join(home, ".ovh.conf"));
    const init = new Client().init();
    await expect(init).rejects.toBeInstanceOf(InvalidConfiguration);
    await expect(init).rejects.toThrow(
      `Cannot read config file ${join(home, ".ovh.conf")}: EISDIR`,
    );
  });

  it("let a later init succeed once the file is fixed", async () => {
    const path = join(cwd, "ovh.conf");
    await writeFile(path, "[default]\nendpoint\n");
    const client = new Client();
    await expect(client.init()).rejects.toThrow(`${path}:2`);
    await writeFile(path, "[default]\nendpoint=ovh-us\n");
    await client.init();
    expect(client.endpoint).toBe(ENDPOINTS["ovh-us"]);
  });
});
