/**
 * @module
 * Checks a JSON value against a type of OVH's descriptions, as read by the generator, at run
 * time: for tests that hold something (the mock) to OVH's own data. An object must have every
 * property of its model (OVH answers each one, `null` when it can be null) and no other, each
 * of the right type; an enum value must be one of the enum's.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { listSchemas, readApi } from "./generate.ts";
import {
  type Api,
  type Field,
  type Method,
  type Model,
  type Operation,
  type TypeRef,
  UNKNOWN,
} from "./model.ts";

type Bindings = ReadonlyMap<string, TypeRef>;

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;

/**
 * The problems of `value` as a `type`, one line each (`$.priceWithTax.value: a string, not a
 * number`); none when it conforms.
 */
export function conformance(
  value: unknown,
  type: TypeRef,
  models: ReadonlyMap<string, Model>,
  where = "$",
  bindings: Bindings = new Map(),
): string[] {
  const wrong = (expected: string) => [`${where}: ${describe(value)}, not ${expected}`];
  switch (type.kind) {
    case "primitive":
      if (type.name === "unknown") return [];
      if (type.name === "null") return value === null ? [] : wrong("null");
      return typeof value === type.name && !(type.name === "number" && !Number.isFinite(value))
        ? []
        : wrong(`a ${type.name}`);
    case "parameter": {
      const bound = bindings.get(type.name);
      return bound === undefined ? [] : conformance(value, bound, models, where);
    }
    case "nullable":
      return value === null ? [] : conformance(value, type.of, models, where, bindings);
    case "literals":
      return type.values.includes(value as string | number)
        ? []
        : [`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(type.values)}`];
    case "array":
      return Array.isArray(value)
        ? value.flatMap((item, i) => conformance(item, type.of, models, `${where}[${i}]`, bindings))
        : wrong("an array");
    case "map":
      return isObject(value)
        ? Object.entries(value).flatMap(([key, item]) =>
            conformance(item, type.of, models, `${where}[${JSON.stringify(key)}]`, bindings),
          )
        : wrong("an object");
    case "object":
      return isObject(value)
        ? fieldsOf(value, type.fields, models, where, bindings)
        : wrong("an object");
    case "ref": {
      const model = models.get(type.name);
      if (model === undefined) return [];
      // The model's type parameters, bound to the reference's arguments (themselves resolved).
      const resolved = new Map<string, TypeRef>();
      for (const [i, name] of (model.generics ?? []).entries()) {
        const arg: TypeRef = type.args?.[i] ?? UNKNOWN;
        resolved.set(name, arg.kind === "parameter" ? (bindings.get(arg.name) ?? arg) : arg);
      }
      return conformance(value, model.type, models, where, resolved);
    }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function fieldsOf(
  value: Record<string, unknown>,
  fields: readonly Field[],
  models: ReadonlyMap<string, Model>,
  where: string,
  bindings: Bindings,
): string[] {
  const known = new Set(fields.map((field) => field.name));
  const problems = Object.keys(value)
    .filter((key) => !known.has(key))
    .map((key) => `${where}.${key}: not a property of the model`);
  for (const field of fields) {
    const at = `${where}.${field.name}`;
    if (!Object.hasOwn(value, field.name)) problems.push(`${at}: missing`);
    else problems.push(...conformance(value[field.name], field.type, models, at, bindings));
  }
  return problems;
}

/** A route of OVH's descriptions and the API it belongs to. */
export interface DescribedRoute {
  api: Api;
  operation: Operation;
}

/** `/me/bill/{billId}` and `/me/bill/{id}` are the same route. */
const routeKey = (method: string, path: string) => `${method} ${path.replace(/\{\w+\}/g, "{}")}`;

/** Every route of the descriptions in `schemas`, by method and path (`/v2` for the v2 API). */
export async function describedRoutes(
  schemas: string,
): Promise<(method: Method, path: string) => DescribedRoute | undefined> {
  const routes = new Map<string, DescribedRoute>();
  for (const schema of await listSchemas(schemas)) {
    const api = readApi(schema, await readFile(join(schemas, schema.file), "utf8"));
    for (const operation of api.operations) {
      routes.set(routeKey(operation.method, `${api.prefix}${operation.path}`), { api, operation });
    }
  }
  return (method, path) => routes.get(routeKey(method, path));
}
