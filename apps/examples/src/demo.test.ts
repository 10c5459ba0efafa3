import { describe, expect, it } from "vitest";
import { runDemo } from "./demo.ts";

describe("the demo", () => {
  it("runs every example against the mock and prints what a user sees", async () => {
    const lines: string[] = [];
    const result = await runDemo((line) => lines.push(line));

    expect(result.failed).toEqual([]);
    expect(result.passed).toHaveLength(7);
    const text = lines.join("\n");
    expect(lines[0]).toMatch(
      /^asyncovh demo: the README's examples against the local OVH mock at http:\/\/127\.0\.0\.1:\d+\/1\.0$/,
    );
    expect(lines.filter((line) => /^\[\d\/7\] /.test(line))).toHaveLength(7);
    expect(lines.filter((line) => line === "Welcome, Ada")).toHaveLength(2);
    expect(text).toMatch(
      /^Please visit http:\/\/127\.0\.0\.1:\d+\/auth\/\?credentialToken=\w+ to authenticate$/m,
    );
    expect(text).toMatch(/^Btw, your 'consumerKey' is '\w+'$/m);
    expect(lines).toContain(
      "Installed new mail redirection from sales@example.com to contact@example.com",
    );
    expect(
      lines.filter((line) => / --> http:\/\/127\.0\.0\.1:\d+\/.*\.pdf/.test(line)),
    ).toHaveLength(12);
    expect(lines).toContain("Enabled burst for ns3001234.ip-51-38-10.eu server located in SBG-1");
    expect(text).toMatch(
      /^ +ID {2}App Name +Description +Token Creation +Token Expiration +Token Last Use$/m,
    );
    // The demo's own key and the one the consumer-key example validated.
    expect(lines.filter((line) => /^\d+ {2}\[active\] asyncovh-demo /.test(line))).toHaveLength(2);
    expect(text).toMatch(/^KVM ready after 1 check\(s\), until \d{4}-/m);
    expect(text).toMatch(/^Got a \d+-byte JNLP file/m);
    expect(lines.at(-1)).toMatch(/^All 7 examples passed in \d+ ms\.$/);
  });
});
