/**
 * @module
 * The node project's global setup: a throwaway certificate authority, made with the openssl
 * command, that Node's TLS trusts in every test process of the run (`NODE_EXTRA_CA_CERTS`, set
 * here before vitest forks them; Node reads it at startup, so this needs the default `forks`
 * pool). The default Node client can then speak HTTPS to servers on 127.0.0.1 exactly as it
 * speaks to OVH, with no agent or CA option of the test's own. It also makes the certificates
 * the TLS tests present: valid, expired, for another host, self-signed.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

export interface KeyAndCertificate {
  key: string;
  cert: string;
}

/** What the tests get through `inject("certificates")`. */
export interface TestCertificates {
  /** The trusted CA (PEM). */
  ca: string;
  /** Signed by the CA, for 127.0.0.1, ::1 and localhost. */
  local: KeyAndCertificate;
  /** Signed by the CA, for 127.0.0.1, ::1 and localhost, and expired. */
  expired: KeyAndCertificate;
  /** Signed by the CA, for other.example only. */
  otherHost: KeyAndCertificate;
  /** For 127.0.0.1, signed by itself. */
  selfSigned: KeyAndCertificate;
}

declare module "vitest" {
  export interface ProvidedContext {
    certificates: TestCertificates;
  }
}

const run = promisify(execFile);
const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
const LOCAL_NAMES = "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "asyncovh-node-ca-"));
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) => run("openssl", args);
  const read = (name: string) => readFile(file(name), "utf8");

  /** A certificate signed by its own key, valid for two days. */
  const selfSigned = (name: string, subject: string, extensions: string[]) =>
    openssl(
      ["req", "-x509", ...EC, "-days", "2", "-keyout", file(`${name}.key`)]
        .concat(["-out", file(`${name}.pem`), "-subj", subject])
        .concat(extensions.flatMap((extension) => ["-addext", extension])),
    );
  await selfSigned("ca", "/CN=asyncovh node tests CA", [
    "basicConstraints=critical,CA:TRUE",
    "keyUsage=critical,keyCertSign",
  ]);
  /** A leaf signed by the CA; `validity` are openssl x509 options. */
  const leaf = async (name: string, names: string, validity: string[][]) => {
    await openssl(
      ["req", ...EC, "-keyout", file(`${name}.key`), "-out", file(`${name}.csr`)].concat([
        "-subj",
        `/CN=${name}`,
      ]),
    );
    await writeFile(file(`${name}.ext`), `basicConstraints=critical,CA:FALSE\n${names}\n`);
    const sign = (dates: string[]) =>
      openssl([
        "x509",
        "-req",
        ...dates,
        "-in",
        file(`${name}.csr`),
        "-CA",
        file("ca.pem"),
        "-CAkey",
        file("ca.key"),
        "-CAcreateserial",
        "-extfile",
        file(`${name}.ext`),
        "-out",
        file(`${name}.pem`),
      ]);
    // The first validity openssl accepts: OpenSSL 3.0 takes negative days, later ones dates.
    for (const [i, dates] of validity.entries()) {
      try {
        await sign(dates);
        break;
      } catch (error) {
        if (i === validity.length - 1) throw error;
      }
    }
    return { key: await read(`${name}.key`), cert: await read(`${name}.pem`) };
  };
  const [local, expired, otherHost] = await Promise.all([
    leaf("local", LOCAL_NAMES, [["-days", "2"]]),
    leaf("expired", LOCAL_NAMES, [
      ["-days", "-1"],
      ["-not_before", "20200101000000Z", "-not_after", "20200102000000Z"],
    ]),
    leaf("other", "subjectAltName=DNS:other.example", [["-days", "2"]]),
  ]);
  await selfSigned("self", "/CN=127.0.0.1", ["basicConstraints=critical,CA:FALSE", LOCAL_NAMES]);
  const self = { key: await read("self.key"), cert: await read("self.pem") };
  const before = process.env.NODE_EXTRA_CA_CERTS;
  process.env.NODE_EXTRA_CA_CERTS = file("ca.pem");
  const ca = await read("ca.pem");
  project.provide("certificates", { ca, local, expired, otherHost, selfSigned: self });
  return async () => {
    if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = before;
    await rm(dir, { recursive: true, force: true });
  };
}
