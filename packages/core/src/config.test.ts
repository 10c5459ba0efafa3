import { describe, expect, it } from "vitest";
import {
  CONFIG_KEYS,
  type IniFile,
  mergeIni,
  parseIni,
  resolveConfig,
  resolveSources,
} from "./config.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";

const file = (text: string, path = "/etc/ovh.conf"): IniFile => ({ path, text });

function parseError(text: string, path?: string): InvalidConfiguration {
  try {
    parseIni(file(text, path));
  } catch (error) {
    return error as InvalidConfiguration;
  }
  throw new Error("parseIni accepted the file");
}

describe("CONFIG_KEYS", () => {
  it("maps each setting to python-ovh's environment variable and ini key", () => {
    expect(CONFIG_KEYS).toEqual({
      endpoint: ["OVH_ENDPOINT", "endpoint"],
      applicationKey: ["OVH_APPLICATION_KEY", "application_key"],
      applicationSecret: ["OVH_APPLICATION_SECRET", "application_secret"],
      consumerKey: ["OVH_CONSUMER_KEY", "consumer_key"],
      clientId: ["OVH_CLIENT_ID", "client_id"],
      clientSecret: ["OVH_CLIENT_SECRET", "client_secret"],
      accessToken: ["OVH_ACCESS_TOKEN", "access_token"],
    });
    expect(Object.isFrozen(CONFIG_KEYS)).toBe(true);
  });
});

describe("parseIni", () => {
  it("reads the sections of an ovh.conf", () => {
    const text = [
      "; python-ovh's example",
      "[default]",
      "endpoint=ovh-eu",
      "",
      "# the keys of the endpoint",
      "[ovh-eu]",
      "application_key = my_app_key",
      "  application_secret=my_application_secret  ",
      "consumer_key=my_consumer_key",
    ].join("\n");
    expect(parseIni(file(text))).toEqual({
      default: { endpoint: "ovh-eu" },
      "ovh-eu": {
        application_key: "my_app_key",
        application_secret: "my_application_secret",
        consumer_key: "my_consumer_key",
      },
    });
  });

  it("reads CRLF files", () => {
    expect(parseIni(file("[default]\r\nendpoint=ovh-ca\r\n"))).toEqual({
      default: { endpoint: "ovh-ca" },
    });
  });

  it("keeps sections whose names hold dots flat (a URL-named section)", () => {
    const text =
      "[default]\nendpoint=http://127.0.0.1:8080/1.0\n[http://127.0.0.1:8080/1.0]\nk=v\n";
    expect(parseIni(file(text))).toEqual({
      default: { endpoint: "http://127.0.0.1:8080/1.0" },
      "http://127.0.0.1:8080/1.0": { k: "v" },
    });
  });

  it("returns values as strings", () => {
    expect(parseIni(file("[s]\na=true\nb=1\n"))).toEqual({ s: { a: "true", b: "1" } });
  });

  it("reads values literally, like configparser: no inline comments, no quote removal", () => {
    const text = "[s]\na = x;y\nb=#1\nc = \"quoted\"\nd='q'\ne=a\\;b\nf=k[]=v\ng=[]\n";
    expect(parseIni(file(text))).toEqual({
      s: { a: "x;y", b: "#1", c: '"quoted"', d: "'q'", e: "a\\;b", f: "k[]=v", g: "[]" },
    });
  });

  it("takes `key: value` like configparser, the first `=` or `:` ending the key", () => {
    const text = "[default]\nendpoint: ovh-eu\n[ovh-eu]\napplication_key : ak:1\nurl=http://x:1\n";
    expect(parseIni(file(text))).toEqual({
      default: { endpoint: "ovh-eu" },
      "ovh-eu": { application_key: "ak:1", url: "http://x:1" },
    });
  });

  it("lower-cases keys, like configparser, so Application_Key is application_key", () => {
    expect(parseIni(file("[ovh-eu]\nApplication_Key=ak\n"))).toEqual({
      "ovh-eu": { application_key: "ak" },
    });
  });

  it("keeps a section or key named __proto__ as data, off every prototype", () => {
    const sections = parseIni(file("[__proto__]\npolluted=yes\n[s]\n__proto__=x\n"));
    expect(Object.keys(sections)).toEqual(["__proto__", "s"]);
    expect(Object.hasOwn(sections.s as object, "__proto__")).toBe(true);
    const merged = mergeIni([sections, sections]);
    expect(Object.hasOwn(merged, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads an empty file, or one of comments only, as no sections", () => {
    expect(parseIni(file(""))).toEqual({});
    expect(parseIni(file("; nothing\n# here\n\n"))).toEqual({});
  });

  it("refuses a malformed line with file:line and without the line's content", () => {
    const error = parseError(
      "[ovh-eu]\napplication_key=ak\napplication_secret s3cr3tV4lu3\n",
      "/home/me/.ovh.conf",
    );
    expect(error).toBeInstanceOf(InvalidConfiguration);
    expect(error.message).toContain("/home/me/.ovh.conf:3");
    expect(error.message).toMatch(/malformed line/);
    expect(error.message).not.toContain("s3cr3tV4lu3");
    expect(error.message).not.toContain("application_secret");
  });

  it.each([
    ["a bare word", "[s]\njustaword"],
    ["an unclosed section", "[s]\n[unclosed"],
    ["an empty section name", "[s]\n[]"],
    ["a line starting with =", "[s]\n=value"],
    ["a line starting with :", "[s]\n: value"],
  ])("refuses %s", (_, text) => {
    expect(parseError(text).message).toMatch(/^\/etc\/ovh\.conf:\d+: malformed line/);
  });

  it("refuses a key before any section, with file:line and without the value", () => {
    const error = parseError("; header\nconsumer_key=CkS3cr3t\n[default]\n");
    expect(error).toBeInstanceOf(InvalidConfiguration);
    expect(error.message).toContain("/etc/ovh.conf:2");
    expect(error.message).toMatch(/before any "\[section\]"/);
    expect(error.message).not.toContain("CkS3cr3t");
  });

  it("counts lines from 1, blank and comment lines included", () => {
    expect(parseError("\n\n; c\n[s]\nbad\n").message).toContain("/etc/ovh.conf:5:");
  });
});

describe("mergeIni", () => {
  it("lets a later file override an earlier one key by key", () => {
    const etc = { default: { endpoint: "ovh-eu" }, "ovh-eu": { application_key: "a", x: "1" } };
    const home = { "ovh-eu": { application_key: "b" }, "ovh-ca": { application_key: "c" } };
    expect(mergeIni([etc, home])).toEqual({
      default: { endpoint: "ovh-eu" },
      "ovh-eu": { application_key: "b", x: "1" },
      "ovh-ca": { application_key: "c" },
    });
  });

  it("merges nothing into nothing", () => {
    expect(mergeIni([])).toEqual({});
  });

  it("leaves its inputs alone", () => {
    const first = { s: { a: "1" } };
    mergeIni([first, { s: { a: "2" } }]);
    expect(first).toEqual({ s: { a: "1" } });
  });
});

describe("resolveConfig", () => {
  const sections = {
    default: { endpoint: "ovh-eu" },
    "ovh-eu": {
      application_key: "ini-ak",
      application_secret: "ini-as",
      consumer_key: "ini-ck",
    },
    "ovh-ca": { application_key: "ca-ak" },
  };

  it("takes the endpoint from [default] and the keys from the endpoint's section", () => {
    expect(resolveConfig({}, {}, sections)).toEqual({
      endpoint: "ovh-eu",
      applicationKey: "ini-ak",
      applicationSecret: "ini-as",
      consumerKey: "ini-ck",
      clientId: undefined,
      clientSecret: undefined,
      accessToken: undefined,
    });
  });

  it("prefers the environment to the ini files", () => {
    const env = { OVH_APPLICATION_KEY: "env-ak", OVH_CONSUMER_KEY: "env-ck" };
    expect(resolveConfig({}, env, sections)).toMatchObject({
      endpoint: "ovh-eu",
      applicationKey: "env-ak",
      applicationSecret: "ini-as",
      consumerKey: "env-ck",
    });
  });

  it("prefers options to the environment", () => {
    const env = { OVH_APPLICATION_KEY: "env-ak", OVH_ENDPOINT: "ovh-ca" };
    expect(resolveConfig({ applicationKey: "opt-ak" }, env, sections)).toMatchObject({
      endpoint: "ovh-ca",
      applicationKey: "opt-ak",
    });
  });

  it("reads the keys from the section of the endpoint that won", () => {
    expect(resolveConfig({ endpoint: "ovh-ca" }, {}, sections)).toMatchObject({
      endpoint: "ovh-ca",
      applicationKey: "ca-ak",
      applicationSecret: undefined,
    });
    expect(resolveConfig({}, { OVH_ENDPOINT: "ovh-ca" }, sections).applicationKey).toBe("ca-ak");
  });

  it("does not read keys from [default]", () => {
    const onlyDefault = { default: { endpoint: "ovh-eu", application_key: "default-ak" } };
    expect(resolveConfig({}, {}, onlyDefault).applicationKey).toBeUndefined();
  });

  it("takes nothing from the files without an endpoint", () => {
    const noEndpoint = { "ovh-eu": { application_key: "ini-ak" } };
    expect(resolveConfig({}, {}, noEndpoint)).toEqual({
      endpoint: undefined,
      applicationKey: undefined,
      applicationSecret: undefined,
      consumerKey: undefined,
      clientId: undefined,
      clientSecret: undefined,
      accessToken: undefined,
    });
  });

  it("counts empty strings as unset, in every source", () => {
    const env = { OVH_APPLICATION_KEY: "", OVH_APPLICATION_SECRET: "env-as" };
    const config = resolveConfig({ applicationKey: "", applicationSecret: "", endpoint: "" }, env, {
      ...sections,
      "ovh-eu": { ...sections["ovh-eu"], consumer_key: "" },
    });
    expect(config).toMatchObject({
      endpoint: "ovh-eu",
      applicationKey: "ini-ak",
      applicationSecret: "env-as",
      consumerKey: undefined,
    });
  });

  it("reads the OAuth2 settings the same way", () => {
    const config = resolveConfig(
      { clientId: "opt-id" },
      { OVH_CLIENT_SECRET: "env-secret" },
      { default: { endpoint: "ovh-eu" }, "ovh-eu": { access_token: "ini-token" } },
    );
    expect(config).toMatchObject({
      clientId: "opt-id",
      clientSecret: "env-secret",
      accessToken: "ini-token",
    });
  });

  it("works with options alone", () => {
    expect(resolveConfig({ endpoint: "ovh-us" }).endpoint).toBe("ovh-us");
  });
});

describe("resolveSources", () => {
  it("parses, merges (later files win) and resolves", () => {
    const config = resolveSources(
      { consumerKey: "opt-ck" },
      {
        env: { OVH_APPLICATION_SECRET: "env-as" },
        files: [
          file(
            "[default]\nendpoint=ovh-eu\n[ovh-eu]\napplication_key=etc-ak\napplication_secret=etc-as\n",
          ),
          file("[ovh-eu]\napplication_key=home-ak\n", "/home/me/.ovh.conf"),
        ],
      },
    );
    expect(config).toMatchObject({
      endpoint: "ovh-eu",
      applicationKey: "home-ak",
      applicationSecret: "env-as",
      consumerKey: "opt-ck",
    });
  });

  it("lets a later file change the endpoint", () => {
    const config = resolveSources(
      {},
      {
        files: [
          file("[default]\nendpoint=ovh-eu\n[ovh-ca]\napplication_key=ca-ak\n"),
          file("[default]\nendpoint=ovh-ca\n", "./ovh.conf"),
        ],
      },
    );
    expect(config).toMatchObject({ endpoint: "ovh-ca", applicationKey: "ca-ak" });
  });

  it("works without any source", () => {
    expect(resolveSources({ endpoint: "ovh-eu" }, {}).endpoint).toBe("ovh-eu");
  });

  it("reports the file that is malformed", () => {
    expect(() =>
      resolveSources({}, { files: [file("[default]\n"), file("[s]\noops\n", "./ovh.conf")] }),
    ).toThrow("./ovh.conf:2");
  });
});
