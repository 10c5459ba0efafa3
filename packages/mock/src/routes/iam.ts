/**
 * @module
 * `/v2/iam/resource`: the account's resources as the v2 IAM API lists them
 * (`iam.resource.Resource`), with v2's cursor pagination (`X-Pagination-Size` in,
 * `X-Pagination-Cursor-Next` out, `X-Pagination-Cursor` to continue).
 */
import { badParameter, objectNotFound } from "../errors.ts";
import { jsonResponse } from "../http.ts";
import type { MockData } from "../model.ts";
import type { Route } from "../router.ts";

interface Resource {
  displayName: string;
  id: string;
  name: string;
  owner: string;
  tags: Record<string, string>;
  type: string;
  urn: string;
}

function resources(data: MockData): Resource[] {
  const owner = String(data.me.nichandle);
  const servers = [...data.servers.values()].map((server) => ({
    displayName: server.name,
    id: server.iamId,
    name: server.name,
    owner,
    tags: { "ovh:datacenter": String(server.properties.datacenter) },
    type: "dedicatedServer",
    urn: `urn:v1:eu:resource:dedicatedServer:${server.name}`,
  }));
  const domains = [...data.domains.values()].map((domain) => ({
    displayName: domain.domain,
    id: `7a1b5e3c-0000-4000-8000-${domain.domain.length.toString(16).padStart(12, "0")}`,
    name: domain.domain,
    owner,
    tags: {},
    type: "emailDomain",
    urn: `urn:v1:eu:resource:emailDomain:${domain.domain}`,
  }));
  return [...servers, ...domains];
}

const encodeCursor = (offset: number): string => btoa(JSON.stringify({ offset }));

function decodeCursor(cursor: string): number {
  try {
    const { offset } = JSON.parse(atob(cursor)) as { offset: unknown };
    if (Number.isInteger(offset) && (offset as number) >= 0) return offset as number;
  } catch {
    // Reported below.
  }
  throw badParameter("Invalid pagination cursor");
}

export const iamRoutes: readonly Route[] = [
  {
    method: "GET",
    path: "/v2/iam/resource",
    handle: ({ state, query, request }) => {
      const filter = (name: string, pick: (r: Resource) => string) => {
        const wanted = query.getAll(name);
        return (r: Resource) => wanted.length === 0 || wanted.includes(pick(r));
      };
      const all = resources(state.data)
        .filter(filter("resourceType", (r) => r.type))
        .filter(filter("resourceName", (r) => r.name))
        .filter(filter("resourceURN", (r) => r.urn));
      const sizeHeader = request.headers.get("X-Pagination-Size");
      const cursor = request.headers.get("X-Pagination-Cursor");
      if (sizeHeader === null && cursor === null) return all;
      const size = sizeHeader === null ? 100 : Number(sizeHeader);
      if (!Number.isInteger(size) || size < 1) throw badParameter("Invalid pagination size");
      const offset = cursor === null ? 0 : decodeCursor(cursor);
      const page = all.slice(offset, offset + size);
      const headers: Record<string, string> = {};
      if (offset + size < all.length)
        headers["X-Pagination-Cursor-Next"] = encodeCursor(offset + size);
      return jsonResponse(page, 200, headers);
    },
  },
  {
    method: "GET",
    path: "/v2/iam/resource/{resourceURN}",
    handle: ({ state, params }) => {
      const found = resources(state.data).find((r) => r.urn === params.resourceURN);
      if (!found) throw objectNotFound("resourceURN", params.resourceURN as string);
      return found;
    },
  },
];
