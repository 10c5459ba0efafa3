import { describe, expect, it } from "vitest";
import { bypassesProxy } from "./no-proxy.ts";

/** [NO_PROXY, URL, reached directly?] */
const CASES: [string, string, boolean][] = [
  // curl's CURLOPT_NOPROXY: "ample.com" matches ample.com, ample.com:80 and www.ample.com, but
  // not www.example.com or ample.com.org.
  ["ample.com", "http://ample.com/", true],
  ["ample.com", "http://ample.com:80/", true],
  ["ample.com", "https://www.ample.com/", true],
  ["ample.com", "https://www.example.com/", false],
  ["ample.com", "https://ample.com.org/", false],
  // The only wildcard is a single *, which matches every host.
  ["*", "https://eu.api.ovh.com/1.0/me", true],
  ["*", "http://[::1]:8080/", true],
  ["ovh.net, *", "https://eu.api.ovh.com/", true],
  // An empty list matches nothing.
  ["", "https://eu.api.ovh.com/", false],
  [" , ,", "https://eu.api.ovh.com/", false],
  // curl's example list: IPv6 addresses without brackets.
  ["example.com,::1,localhost", "http://[::1]/", true],
  ["example.com,::1,localhost", "http://localhost:8080/", true],
  ["example.com,::1,localhost", "http://api.example.com/", true],
  // Names are not resolved: localhost does not match 127.0.0.1, nor the other way round.
  ["example.com,::1,localhost", "http://127.0.0.1/", false],
  ["127.0.0.1", "http://localhost/", false],
  // CIDR: "192.168.0.0/16" matches every address starting with 192.168.
  ["192.168.0.0/16", "http://192.168.12.34/", true],
  ["192.168.0.0/16", "http://192.169.0.1/", false],
  ["fd00::/8", "https://[fd12:3456::1]/", true],
  ["fd00::/8", "https://[fe80::1]/", false],
  ["10.0.0.0/8", "https://[::ffff:10.0.0.1]/", false],
  ["127.0.0.1", "http://127.0.0.1:8080/", true],
  ["127.0.0.1", "http://127.0.0.2/", false],
  ["::1", "http://[::2]/", false],
  // A leading dot (or *.) and trailing dots are ignored, on either side.
  [".ovh.com", "https://eu.api.ovh.com/", true],
  [".ovh.com", "https://ovh.com/", true],
  ["*.ovh.com", "https://eu.api.ovh.com/", true],
  ["ovh.com.", "https://eu.api.ovh.com/", true],
  ["ovh.com", "https://eu.api.ovh.com./", true],
  ["api.ovh.com", "https://ovh.com/", false],
  // Case does not matter.
  ["EU.API.OVH.com", "https://eu.api.ovh.com/", true],
  // Entries are separated by commas or white space.
  ["ovh.net   kimsufi.com", "https://eu.api.kimsufi.com/", true],
  ["ovh.net,\tsoyoustart.com", "https://ca.api.soyoustart.com/", true],
  // :port restricts an entry to that port (the scheme's default when the URL names none).
  ["ovh.com:443", "https://eu.api.ovh.com/", true],
  ["ovh.com:8443", "https://eu.api.ovh.com/", false],
  ["ovh.com:8443", "https://eu.api.ovh.com:8443/", true],
  ["127.0.0.1:80", "http://127.0.0.1/", true],
  ["[::1]:8080", "http://[::1]:8080/", true],
  ["[::1]:8080", "http://[::1]:8081/", false],
  // What cannot be an entry matches nothing, and the rest of the list still counts.
  ["ovh.com:https", "https://eu.api.ovh.com/", false],
  ["10.0.0.0/x, ovh.com", "https://eu.api.ovh.com/", true],
  ["10.0.0.0/33", "http://10.0.0.1/", false],
  ["ovh.com/8", "https://eu.api.ovh.com/", false],
  ["[::1", "http://[::1]/", false],
  [".", "https://eu.api.ovh.com/", false],
];

describe("bypassesProxy (NO_PROXY as curl reads it)", () => {
  it.each(CASES)("NO_PROXY=%j, %s: %s", (noProxy, url, direct) => {
    expect(bypassesProxy(noProxy, new URL(url))).toBe(direct);
  });
});
