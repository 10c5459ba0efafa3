/**
 * The URL a call sends (and signs) is the WHATWG serialization of endpoint + path, whatever the
 * path's characters: the client skips the URL parser for paths it does not change, and this
 * property is what makes that shortcut safe.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Client } from "./client.ts";
import { buildUrl } from "./endpoints.ts";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import type { FetchLike } from "./types.ts";

/** Characters of every kind: kept, encoded by the serializer, refused by the client. */
const ALPHABET = [
  ..."aZ09-._~!$&()*+,;=:@/?%'\"<>`{}|^[] \\#é€\u0001\u007f",
  "%2e",
  "%41",
  "..",
  "//",
];

describe("the URL of a call", () => {
  it("is the WHATWG serialization of endpoint + path, for any path", async () => {
    const sent: string[] = [];
    const fetch: FetchLike = async (input) => {
      sent.push(String(input));
      return Response.json({});
    };
    const base = "https://eu.api.ovh.com/1.0";
    const client = new Client({ endpoint: "ovh-eu", fetch, needAuth: false });
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(fc.constantFrom(...ALPHABET), { maxLength: 12 })
          .map((parts) => `/${parts.join("")}`),
        async (path) => {
          let expected: string;
          try {
            expected = new URL(buildUrl(base, path)).href;
          } catch (error) {
            // A path the client refuses is refused before anything is sent.
            expect(error).toBeInstanceOf(InvalidConfiguration);
            await expect(client.call("GET", path)).rejects.toBeInstanceOf(InvalidConfiguration);
            return;
          }
          await client.call("GET", path);
          expect(sent.at(-1)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
    // 2000 calls: well under a second alone, several on a machine busy with other suites.
  }, 20_000);
});
