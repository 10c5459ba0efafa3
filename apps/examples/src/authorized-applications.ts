/**
 * @module
 * Which applications can act on the account: the validated consumer keys, each with its
 * application, as a table. The same calls can drive a revocation (`DELETE /me/api/credential/{id}`).
 */
import type {} from "@asyncovh/api/me";
import type { Client } from "asyncovh";
import type { Print } from "./print.ts";
import { type Cell, formatTable } from "./table.ts";

export const HEADERS = Object.freeze([
  "ID",
  "App Name",
  "Description",
  "Token Creation",
  "Token Expiration",
  "Token Last Use",
]);

/** Prints the table of validated credentials; returns its rows. */
export async function listAuthorizedApplications(client: Client, print: Print): Promise<Cell[][]> {
  const ids = await client.get("/me/api/credential", { status: "validated" });
  const rows = await Promise.all(
    ids.map(async (credentialId): Promise<Cell[]> => {
      const [credential, application] = await Promise.all([
        client.get("/me/api/credential/{credentialId}", { credentialId }),
        client.get("/me/api/credential/{credentialId}/application", { credentialId }),
      ]);
      return [
        credentialId,
        `[${application.status}] ${application.name}`,
        application.description,
        credential.creation,
        credential.expiration,
        credential.lastUse,
      ];
    }),
  );
  for (const line of formatTable(HEADERS, rows)) print(line);
  return rows;
}
