/**
 * @module
 * What the generator knows of an API once read, whatever OVH's format: models, operations and
 * their types. Both readers (`v1.ts`, `openapi3.ts`) produce it; `emit.ts` writes it out.
 */

/** A type as OVH describes it, before it is written in TypeScript. */
export type TypeRef =
  | { kind: "primitive"; name: "string" | "number" | "boolean" | "unknown" | "null" }
  /** A model of the API, by OVH's name (`billing.Bill`), with type arguments if generic. */
  | { kind: "ref"; name: string; args?: TypeRef[] }
  /** A type parameter of a generic model (`T`). */
  | { kind: "parameter"; name: string }
  | { kind: "array"; of: TypeRef }
  /** An object of any keys (`map[string]T`, `additionalProperties`). */
  | { kind: "map"; of: TypeRef }
  | { kind: "literals"; values: (string | number)[] }
  | { kind: "object"; fields: Field[] }
  | { kind: "nullable"; of: TypeRef };

/** A property of a model, or a parameter of an operation. */
export interface Field {
  name: string;
  type: TypeRef;
  /** Answered by the API, never sent: left out of what a call sends. */
  readOnly: boolean;
  /** Required in what a call sends (results carry every property, `null` when it can be). */
  required: boolean;
  description?: string | undefined;
}

export interface Model {
  /** OVH's name: `billing.Bill`, `complexType.UnitAndValue`. */
  name: string;
  /** Type parameters of a generic model (`["T"]`). */
  generics?: string[] | undefined;
  description?: string | undefined;
  /** An object of properties, or another type (an enum's values, an alias). */
  type: TypeRef;
}

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface Operation {
  method: Method;
  /** The path as OVH writes it, without version: `/me/bill/{billId}`. */
  path: string;
  description?: string | undefined;
  deprecated?: boolean | undefined;
  /** The placeholders of the path, each typed. */
  pathParams: Field[];
  /** Query parameters (GET, DELETE). */
  query: Field[];
  /** Body (POST, PUT): named fields, or one type for the whole body. */
  body: { fields: Field[] } | { type: TypeRef } | undefined;
  /** The answer; `null` for none. */
  result: TypeRef;
}

export interface Api {
  /** The subpath of `@asyncovh/api`: `me`, `dedicated-server`, `v2/iam`. */
  name: string;
  /** `""` for the v1 API, `"/v2"` for the v2 API: route keys start with it. */
  prefix: "" | "/v2";
  /** Where it was read from, for the header of the generated file. */
  source: string;
  models: Map<string, Model>;
  operations: Operation[];
}

export const primitive = (name: "string" | "number" | "boolean" | "unknown" | "null"): TypeRef => ({
  kind: "primitive",
  name,
});

export const UNKNOWN = primitive("unknown");
