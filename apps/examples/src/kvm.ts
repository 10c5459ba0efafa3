/**
 * @module
 * Open a KVM (the remote screen of a dedicated server's IPMI): ask for an access allowed from
 * one IP, wait until the server has prepared it, then hand the Java Web Start file to a viewer.
 */
import { type Client, ResourceNotFoundError } from "asyncovh";
import type { Print } from "./print.ts";

/** `GET /dedicated/server/{serviceName}/features/ipmi/access` (a `dedicated.server.IpmiAccessValue`). */
export interface IpmiAccess {
  value: string;
  expiration: string;
}

export interface KvmOptions {
  serverName: string;
  /** The IPv4 address the KVM may be opened from: yours. */
  allowedIp: string;
  /** Opens the `.jnlp` file, e.g. by writing it to a temporary file and running `javaws`. */
  open: (jnlp: string) => Promise<void> | void;
  /** Minutes the access stays open (default 15). */
  ttl?: number | undefined;
  /** Pause between two checks, in milliseconds (default 1000). */
  pollInterval?: number | undefined;
  /** Checks before giving up (default 60). */
  maxChecks?: number | undefined;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Requests the KVM access, waits for it, and opens it; returns the access. */
export async function openKvm(
  client: Client,
  print: Print,
  { serverName, allowedIp, open, ttl = 15, pollInterval = 1000, maxChecks = 60 }: KvmOptions,
): Promise<IpmiAccess> {
  const path = `/dedicated/server/${encodeURIComponent(serverName)}/features/ipmi/access`;
  await client.post(path, { ipToAllow: allowedIp, ttl, type: "kvmipJnlp" });
  print(`Requested a KVM on ${serverName} for ${allowedIp}, valid ${ttl} minutes`);

  // The server prepares the access in a task: until it is done, the access does not exist.
  for (let check = 1; ; check++) {
    try {
      const access = await client.get<IpmiAccess>(path, { type: "kvmipJnlp" });
      print(`KVM ready after ${check} check(s), until ${access.expiration}`);
      await open(access.value);
      return access;
    } catch (error) {
      if (!ResourceNotFoundError.is(error) || check >= maxChecks) throw error;
      await pause(pollInterval);
    }
  }
}
