/**
 * @module
 * Open a KVM (the remote screen of a dedicated server's IPMI): ask for an access allowed from
 * one IP, wait until the server has prepared it, then hand the Java Web Start file to a viewer.
 */
import type { dedicated } from "@asyncovh/api/dedicated-server";
import { type Client, ResourceNotFoundError } from "asyncovh";
import type { Print } from "./print.ts";

export interface KvmOptions {
  serverName: string;
  /** The IPv4 address the KVM may be opened from: yours. */
  allowedIp: string;
  /** Opens the `.jnlp` file, e.g. by writing it to a temporary file and running `javaws`. */
  open: (jnlp: string) => Promise<void> | void;
  /** Minutes the access stays open (default 15). */
  ttl?: dedicated.server.CacheTTLEnum | undefined;
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
): Promise<dedicated.server.IpmiAccessValue> {
  const path = "/dedicated/server/{serviceName}/features/ipmi/access";
  const serviceName = serverName;
  await client.post(path, { serviceName, ipToAllow: allowedIp, ttl, type: "kvmipJnlp" });
  print(`Requested a KVM on ${serverName} for ${allowedIp}, valid ${ttl} minutes`);

  // The server prepares the access in a task: until it is done, the access does not exist
  // (or has no value yet).
  for (let check = 1; ; check++) {
    try {
      const access = await client.get(path, { serviceName, type: "kvmipJnlp" });
      if (access.value !== null) {
        print(`KVM ready after ${check} check(s), until ${access.expiration}`);
        await open(access.value);
        return access;
      }
    } catch (error) {
      if (!ResourceNotFoundError.is(error) || check >= maxChecks) throw error;
    }
    if (check >= maxChecks)
      throw new Error(`The KVM of ${serverName} is not ready after ${check} checks.`);
    await pause(pollInterval);
  }
}
