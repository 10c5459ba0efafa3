/**
 * @module
 * A throwaway certificate authority and a server certificate for 127.0.0.1 and localhost, made
 * with the `openssl` command, so that the mock can be served over HTTPS without a download.
 * The server certificate is a leaf signed by the CA rather than self-signed: rustls (Deno)
 * refuses a CA certificate presented as a server's own.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** A certificate authority and a server certificate it signed, for HTTPS on 127.0.0.1. */
export interface TestCertificate {
  /** The server's private key (PEM). */
  key: string;
  /** The server's certificate (PEM), valid for 127.0.0.1, ::1 and localhost. */
  cert: string;
  /** The certificate of the authority that signed it (PEM): what clients must trust. */
  ca: string;
}

const run = promisify(execFile);

const LEAF_EXTENSIONS = [
  "basicConstraints=critical,CA:FALSE",
  "keyUsage=critical,digitalSignature",
  "extendedKeyUsage=serverAuth",
  "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost",
].join("\n");

/** Makes a CA and a server certificate signed by it, valid for `days` days (default 2). */
export async function createTestCertificate(days = 2): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), "asyncovh-cert-"));
  const file = (name: string) => join(dir, name);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  const openssl = async (args: string[]) => {
    try {
      await run("openssl", args);
    } catch (error) {
      const reason = (error as { code?: string }).code === "ENOENT" ? "is not installed" : "failed";
      throw new Error(
        `openssl ${args[0]} ${reason}: the mock needs the openssl command to make a test certificate (apt-get install openssl). ${(error as Error).message}`,
      );
    }
  };
  try {
    const validity = ["-days", String(days)];
    await openssl([
      "req",
      "-x509",
      ...ec,
      ...validity,
      "-keyout",
      file("ca.key"),
      "-out",
      file("ca.pem"),
      "-subj",
      "/CN=asyncovh mock CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign",
    ]);
    await openssl([
      "req",
      ...ec,
      "-keyout",
      file("key.pem"),
      "-out",
      file("leaf.csr"),
      "-subj",
      "/CN=127.0.0.1",
    ]);
    await writeFile(file("leaf.ext"), LEAF_EXTENSIONS);
    await openssl([
      "x509",
      "-req",
      ...validity,
      "-in",
      file("leaf.csr"),
      "-CA",
      file("ca.pem"),
      "-CAkey",
      file("ca.key"),
      "-CAcreateserial",
      "-extfile",
      file("leaf.ext"),
      "-out",
      file("cert.pem"),
    ]);
    const [key, cert, ca] = await Promise.all(
      ["key.pem", "cert.pem", "ca.pem"].map((name) => readFile(file(name), "utf8")),
    );
    return { key: key as string, cert: cert as string, ca: ca as string };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
