/**
 * @module
 * Reads OVH's OpenAPI 3 descriptions (`https://eu.api.ovh.com/v1/<api>.json?format=openapi3`
 * and the `/v2` ones). OVH writes a model reference with its flags as
 * `{ allOf: [{ $ref }], readOnly, nullable }`, and its primitive aliases (`ipv4`, `duration`…)
 * as schemas of their own, which are inlined here.
 */
import {
  type Api,
  type Field,
  type Method,
  type Model,
  type Operation,
  primitive,
  type TypeRef,
  UNKNOWN,
} from "./model.ts";

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: (string | number)[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
  nullable?: boolean;
  readOnly?: boolean;
  description?: string;
}

interface Parameter {
  in: "path" | "query" | "header" | "cookie";
  name: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  deprecated?: boolean;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  "x-badges"?: { label?: string }[];
}

export interface OpenApiDocument {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Partial<Record<string, OpenApiOperation>>>;
  components?: { schemas?: Record<string, Schema> };
}

const REF = "#/components/schemas/";

/** A schema that is a model of its own rather than a name for a primitive. */
const isModel = (schema: Schema): boolean =>
  schema.enum !== undefined ||
  schema.properties !== undefined ||
  schema.additionalProperties !== undefined ||
  schema.allOf !== undefined;

/** `/v2` for a document served under `/v2`, `""` for the v1 API (`/1.0` or `/v1`). */
export const prefixOf = (document: OpenApiDocument): "" | "/v2" =>
  /\/v2\/?$/.test(document.servers?.[0]?.url ?? "") ? "/v2" : "";

/** Reads one OpenAPI 3 document. */
export function readOpenApi(name: string, document: OpenApiDocument, source: string): Api {
  const schemas = document.components?.schemas ?? {};

  const convert = (schema: Schema | undefined): TypeRef => {
    if (schema === undefined) return UNKNOWN;
    const type = plain(schema);
    return schema.nullable ? { kind: "nullable", of: type } : type;
  };

  const plain = (schema: Schema): TypeRef => {
    if (schema.$ref !== undefined) {
      const target = schema.$ref.startsWith(REF) ? schema.$ref.slice(REF.length) : undefined;
      const referred = target === undefined ? undefined : schemas[target];
      if (target === undefined || referred === undefined) return UNKNOWN;
      return isModel(referred) ? { kind: "ref", name: target } : plain(referred);
    }
    if (schema.allOf !== undefined) {
      // OVH's way to put flags next to a reference: one member.
      const [only] = schema.allOf;
      return schema.allOf.length === 1 && only ? plain(only) : UNKNOWN;
    }
    if (schema.enum !== undefined) return { kind: "literals", values: [...schema.enum] };
    switch (schema.type) {
      case "string":
        return primitive("string");
      case "integer":
      case "number":
        return primitive("number");
      case "boolean":
        return primitive("boolean");
      case "array":
        return { kind: "array", of: convert(schema.items) };
      case "object": {
        if (schema.properties !== undefined) return objectOf(schema);
        const extra = schema.additionalProperties;
        return { kind: "map", of: typeof extra === "object" ? convert(extra) : UNKNOWN };
      }
      default:
        return UNKNOWN;
    }
  };

  const objectOf = (schema: Schema): TypeRef => {
    const required = new Set(schema.required ?? []);
    const fields: Field[] = Object.entries(schema.properties ?? {}).map(([field, property]) => ({
      name: field,
      type: convert(property),
      readOnly: property.readOnly === true,
      required: required.has(field),
      description: property.description,
    }));
    return { kind: "object", fields };
  };

  const models = new Map<string, Model>();
  for (const [modelName, schema] of Object.entries(schemas)) {
    if (!isModel(schema)) continue;
    models.set(modelName, {
      name: modelName,
      description: schema.description,
      type: plain(schema),
    });
  }

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [verb, operation] of Object.entries(item)) {
      const method = verb.toUpperCase();
      if (operation === undefined || !["GET", "POST", "PUT", "DELETE"].includes(method)) continue;
      const parameters = operation.parameters ?? [];
      const field = (parameter: Parameter): Field => ({
        name: parameter.name,
        type: convert(parameter.schema),
        readOnly: false,
        required: parameter.required === true,
        description: parameter.description,
      });
      const of = (where: Parameter["in"]) => parameters.filter((p) => p.in === where).map(field);
      const bodySchema = operation.requestBody?.content?.["application/json"]?.schema;
      let body: Operation["body"];
      if (method === "POST" || method === "PUT") {
        if (bodySchema === undefined) body = { fields: [] };
        else if (
          bodySchema.$ref === undefined &&
          bodySchema.type === "object" &&
          bodySchema.properties
        )
          body = { fields: (objectOf(bodySchema) as { fields: Field[] }).fields };
        else body = { type: convert(bodySchema) };
      }
      const answer = operation.responses?.["200"]?.content?.["application/json"]?.schema;
      const badge = operation["x-badges"]?.map((b) => b.label).find((label) => label !== undefined);
      operations.push({
        method: method as Method,
        path,
        description: operation.summary ?? operation.description,
        deprecated: operation.deprecated || badge?.startsWith("Deprecated") || undefined,
        pathParams: of("path"),
        query: of("query"),
        body,
        result: answer === undefined ? primitive("null") : convert(answer),
      });
    }
  }
  return { name, prefix: prefixOf(document), source, models, operations };
}
