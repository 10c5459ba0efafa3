/**
 * @module
 * Reads OVH's "1.0" API description (`https://eu.api.ovh.com/1.0/<api>.json`): `apis[]` of
 * operations whose parameters are `path`, `query` or `body`, a `responseType`, and `models`
 * whose properties say `canBeNull`, `readOnly` and `required`. Types are strings
 * (`long`, `ipBlock[]`, `map[string]string`, `complexType.UnitAndValue<double>`).
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

interface V1Parameter {
  name?: string;
  dataType: string;
  fullType?: string;
  paramType: "path" | "query" | "body";
  required: boolean;
  description?: string;
}

interface V1Operation {
  httpMethod: string;
  description?: string;
  apiStatus?: { value?: string };
  parameters: V1Parameter[];
  responseType: string;
}

interface V1Property {
  type: string;
  fullType?: string;
  canBeNull: boolean;
  readOnly: boolean;
  required: boolean;
  description?: string;
}

interface V1Model {
  id: string;
  namespace: string;
  description?: string;
  generics?: string[];
  enum?: (string | number)[];
  enumType?: string;
  properties?: Record<string, V1Property>;
}

export interface V1Schema {
  resourcePath: string;
  apis: { path: string; operations: V1Operation[] }[];
  models: Record<string, V1Model>;
}

/** OVH's scalar types: everything that is not a number or a boolean travels as a string. */
const SCALARS: Readonly<Record<string, TypeRef>> = Object.freeze({
  long: primitive("number"),
  int: primitive("number"),
  double: primitive("number"),
  float: primitive("number"),
  boolean: primitive("boolean"),
  void: primitive("null"),
});

const STRING = primitive("string");

/** Splits `a<b,c<d>>`'s arguments at top-level commas. */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "<") depth++;
    else if (c === ">") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/**
 * Parses a "1.0" type string. `models` tells model names from scalars; `generics` are the type
 * parameters in scope (`T` inside `complexType.UnitAndValue<T>`).
 */
export function parseV1Type(
  text: string,
  models: ReadonlySet<string>,
  generics: readonly string[] = [],
): TypeRef {
  const type = text.trim();
  if (type.endsWith("[]"))
    return { kind: "array", of: parseV1Type(type.slice(0, -2), models, generics) };
  const map = /^map\[string\](.+)$/.exec(type);
  if (map) return { kind: "map", of: parseV1Type(map[1] as string, models, generics) };
  if (generics.includes(type)) return { kind: "parameter", name: type };
  const generic = /^([\w.]+)<(.+)>$/.exec(type);
  if (generic) {
    const name = generic[1] as string;
    if (!models.has(name)) return UNKNOWN;
    const args = splitArguments(generic[2] as string).map((arg) =>
      parseV1Type(arg, models, generics),
    );
    return { kind: "ref", name, args };
  }
  if (models.has(type)) return { kind: "ref", name: type };
  const scalar = SCALARS[type];
  if (scalar) return scalar;
  // `string`, `password`, `ipv4Block`, `datetime`, `uuid`, `phoneNumber`…: strings on the wire.
  if (/^[a-z][A-Za-z0-9]*$/.test(type) && !type.includes(".")) return STRING;
  return UNKNOWN;
}

const METHODS = new Set<string>(["GET", "POST", "PUT", "DELETE"]);

/** Reads one API of the "1.0" format. */
export function readV1(name: string, schema: V1Schema, source: string): Api {
  // Generic models come twice: `complexType.UnitAndValue<T>` (the declaration) and its uses
  // (`complexType.UnitAndValue<long>`); only declarations become models.
  const declared = new Map<string, V1Model>();
  for (const [key, model] of Object.entries(schema.models)) {
    const bare = key.replace(/<.*$/, "");
    if (key.includes("<")) {
      const args = splitArguments(key.slice(bare.length + 1, -1));
      if (!model.generics || args.join(",") !== model.generics.join(",")) continue;
    }
    declared.set(bare, model);
  }
  const names = new Set(declared.keys());
  const models = new Map<string, Model>();
  for (const [modelName, model] of declared) {
    const generics = model.generics;
    let type: TypeRef;
    if (model.enum) {
      type = { kind: "literals", values: [...model.enum] };
    } else {
      const fields: Field[] = Object.entries(model.properties ?? {}).map(([field, property]) => {
        const parsed = parseV1Type(property.fullType ?? property.type, names, generics);
        return {
          name: field,
          type: property.canBeNull ? { kind: "nullable", of: parsed } : parsed,
          readOnly: property.readOnly,
          required: property.required,
          description: property.description,
        };
      });
      type = { kind: "object", fields };
    }
    models.set(modelName, { name: modelName, generics, description: model.description, type });
  }

  const parse = (text: string) => parseV1Type(text, names);
  const operations: Operation[] = [];
  for (const api of schema.apis) {
    for (const operation of api.operations) {
      const method = operation.httpMethod.toUpperCase();
      if (!METHODS.has(method)) continue;
      const field = (parameter: V1Parameter): Field => ({
        name: parameter.name as string,
        type: parse(parameter.fullType ?? parameter.dataType),
        readOnly: false,
        required: parameter.required,
        description: parameter.description,
      });
      const of = (kind: V1Parameter["paramType"]) =>
        operation.parameters.filter((parameter) => parameter.paramType === kind);
      const bodies = of("body");
      const whole = bodies.find((parameter) => parameter.name === undefined);
      operations.push({
        method: method as Method,
        path: api.path,
        description: operation.description,
        deprecated: operation.apiStatus?.value === "DEPRECATED" || undefined,
        pathParams: of("path").map(field),
        query: of("query").map(field),
        body:
          method === "POST" || method === "PUT"
            ? whole
              ? { type: parse(whole.fullType ?? whole.dataType) }
              : { fields: bodies.map(field) }
            : undefined,
        result: parse(operation.responseType),
      });
    }
  }
  return { name, prefix: "", source, models, operations };
}
