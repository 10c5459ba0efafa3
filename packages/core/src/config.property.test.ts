/**
 * Properties of the ovh.conf reader: any text is either read or refused with a typed error, and
 * a secret written in a file is the secret the client signs with, byte for byte (as
 * python-ovh's configparser reads it: the value stripped of surrounding blanks, nothing else).
 */
import { createMockOvh, DEMO_APPLICATION_KEY } from "@asyncovh/mock";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { Client } from "./client.ts";
import { parseIni, resolveSources, settingsFrom } from "./config.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { InvalidKey } from "./errors/invalid-key.ts";

// Hundreds of runs each: CPU-bound, so give a shared machine time.
vi.setConfig({ testTimeout: 60_000 });

const ENDPOINT = "http://127.0.0.1:9/1.0";

/** Text made of the characters that matter to an ini reader. */
const iniText = fc
  .array(
    fc.oneof(
      fc.constantFrom("[", "]", "=", ";", "#", " ", "\t", "\n", "\r\n", '"', "'", "\\", ".", ":"),
      fc.constantFrom("default", "ovh-eu", "application_secret", "__proto__", "constructor"),
      fc.string({ unit: "binary", maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

/** A value on one line (anything but a line break), rich in what ini readers treat specially. */
const lineValue = fc
  .array(
    fc.oneof(
      fc.constantFrom(";", "#", '"', "'", "\\", "=", " ", "\t", "[", "]", "true", "[]", "%"),
      fc.string({ unit: "binary", maxLength: 6 }),
      fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(""))
  .filter((v) => !/[\r\n]/.test(v));

describe("parseIni, for any text", () => {
  it("reads sections of string values, or refuses with InvalidConfiguration", () => {
    fc.assert(
      fc.property(iniText, (text) => {
        let sections: ReturnType<typeof parseIni>;
        try {
          sections = parseIni({ path: "ovh.conf", text });
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidConfiguration);
          return;
        }
        for (const section of Object.values(sections)) {
          for (const value of Object.values(section)) expect(typeof value).toBe("string");
        }
        // Whatever was read can be resolved without surprises.
        expect(() => resolveSources({}, { files: [{ path: "ovh.conf", text }] })).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});

describe("a secret read from ovh.conf", () => {
  it("signs calls the mock accepts, whatever its characters, or is refused typed", async () => {
    const mock = createMockOvh();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(lineValue, async (secret) => {
        const applicationKey = `propertyApp${n++}`;
        const meant = secret.trim();
        const text = [
          "[default]",
          `endpoint=${ENDPOINT}`,
          `[${ENDPOINT}]`,
          `application_key=${applicationKey}`,
          `application_secret=${secret}`,
        ].join("\n");
        let sections: ReturnType<typeof parseIni>;
        try {
          sections = parseIni({ path: "ovh.conf", text });
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidConfiguration);
          return;
        }
        expect(sections[ENDPOINT]?.application_secret).toBe(meant);
        if (meant === "") return;
        mock.addApplication({ applicationKey, applicationSecret: meant });
        const consumerKey = mock.addConsumerKey({
          applicationKey,
          rules: [{ method: "GET", path: "/me" }],
        });
        const client = new Client({
          consumerKey,
          fetch: mock.fetch,
          timeDelta: 0,
          loadConfig: settingsFrom(async () => ({ files: [{ path: "ovh.conf", text }] })),
        });
        await expect(client.get("/me")).resolves.toMatchObject({ nichandle: expect.any(String) });
      }),
      { numRuns: 300 },
    );
  });

  it("that is blank counts as missing: a typed error before any request", async () => {
    const text = `[default]\nendpoint=${ENDPOINT}\n[${ENDPOINT}]\napplication_key=${DEMO_APPLICATION_KEY}\napplication_secret=   \nconsumer_key=ck\n`;
    const client = new Client({
      fetch: () => Promise.reject(new Error("nothing may be sent")),
      timeDelta: 0,
      loadConfig: settingsFrom(async () => ({ files: [{ path: "ovh.conf", text }] })),
    });
    await expect(client.get("/me")).rejects.toBeInstanceOf(InvalidKey);
  });
});
