/**
 * Runs one example against the API configured in ovh.conf or the OVH_* variables:
 *
 *   pnpm --filter @asyncovh/examples example <name> [arguments]
 *
 * These are real calls on a real account; some of them change it (mail redirection, burst, KVM).
 */
import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline/promises";
import { Client } from "asyncovh";
import { listAuthorizedApplications } from "../authorized-applications.ts";
import { listBills } from "../bills.ts";
import { authorizeConsumerKey } from "../consumer-key.ts";
import { openKvm } from "../kvm.ts";
import { addMailRedirection } from "../mail-redirection.ts";
import { enableBurst } from "../network-burst.ts";
import { welcome } from "../welcome.ts";

interface Example {
  /** The arguments, for the usage message. */
  usage: string;
  /** How many arguments are required. */
  required: number;
  run: (client: Client, args: string[]) => Promise<unknown>;
}

const print = (line: string) => console.log(line);

async function pressEnter(): Promise<void> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  await terminal.question("and press Enter to continue...");
  terminal.close();
}

/** Writes the JNLP file and waits for Java Web Start to close, like the Python example. */
async function javaws(jnlp: string): Promise<void> {
  const file = join(await mkdtemp(join(tmpdir(), "kvm-")), "kvm.jnlp");
  await writeFile(file, jnlp, { mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    spawn("javaws", [file], { stdio: "inherit" })
      .on("error", (error: NodeJS.ErrnoException) =>
        error.code === "ENOENT"
          ? reject(new Error(`javaws was not found: open ${file} with Java Web Start.`))
          : reject(error),
      )
      .on("exit", () => resolve());
  });
}

const EXAMPLES: Record<string, Example> = {
  welcome: { usage: "", required: 0, run: (client) => welcome(client, print) },
  "consumer-key": {
    usage: "",
    required: 0,
    run: (client) => authorizeConsumerKey(client, print, { waitForValidation: () => pressEnter() }),
  },
  "mail-redirection": {
    usage: "<domain> <from> <to>",
    required: 3,
    run: (client, [domain, from, to]) =>
      addMailRedirection(client, print, { domain: domain ?? "", from: from ?? "", to: to ?? "" }),
  },
  bills: { usage: "", required: 0, run: (client) => listBills(client, print) },
  "network-burst": {
    usage: "[datacenter, default sbg1]",
    required: 0,
    run: (client, [datacenter]) => enableBurst(client, print, datacenter),
  },
  "authorized-applications": {
    usage: "",
    required: 0,
    run: (client) => listAuthorizedApplications(client, print),
  },
  kvm: {
    usage: "<server name> <your IPv4>",
    required: 2,
    run: (client, [serverName, allowedIp]) =>
      openKvm(client, print, {
        serverName: serverName ?? "",
        allowedIp: allowedIp ?? "",
        open: javaws,
      }),
  },
};

const [name, ...args] = process.argv.slice(2);
const example = name === undefined ? undefined : EXAMPLES[name];
if (example === undefined || args.length < example.required) {
  console.error("Usage: pnpm --filter @asyncovh/examples example <name> [arguments]\n");
  for (const [key, { usage }] of Object.entries(EXAMPLES))
    console.error(`  ${key} ${usage}`.trimEnd());
  process.exitCode = 2;
} else {
  // pnpm runs scripts in this package's folder: look for ./ovh.conf where the command was typed.
  if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  try {
    await example.run(new Client(), args);
  } catch (error) {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  }
}
