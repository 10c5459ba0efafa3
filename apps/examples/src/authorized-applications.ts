/**
 * @module
 * Which applications can act on the account: the validated consumer keys, each with its
 * application, as a table. The same calls can drive a revocation (`DELETE /me/api/credential/{id}`).
 */
import type { Client } from "asyncovh";
import type { Print } from "./print.ts";
import { type Cell, formatTable } from "./table.ts";

/** The parts of `GET /me/api/credential/{credentialId}` (an `api.Credential`) shown. */
export interface Credential {
  credentialId: number;
  creation: string;
  expiration: string | null;
  lastUse: string | null;
}

/** The parts of `GET /me/api/credential/{credentialId}/application` (an `api.Application`) shown. */
export interface Application {
  name: string;
  description: string;
  status: string;
}

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
  const ids = await client.get<number[]>("/me/api/credential", { status: "validated" });
  const rows = await Promise.all(
    ids.map(async (id): Promise<Cell[]> => {
      const path = `/me/api/credential/${id}`;
      const [credential, application] = await Promise.all([
        client.get<Credential>(path),
        client.get<Application>(`${path}/application`),
      ]);
      return [
        id,
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
