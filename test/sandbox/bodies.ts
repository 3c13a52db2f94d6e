/** Checks on request bodies, answering the way Graph's OData layer does. */
import { odataBadRequest, unknownProperty } from "./graphErrors";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body as an object, or 400 "A request body is required." style errors. */
export function requireObjectBody(body: unknown, typeName: string): JsonObject {
  if (body === undefined)
    throw odataBadRequest(`Empty Payload. JSON content expected for an object of type '${typeName}'.`);
  if (!isObject(body))
    throw odataBadRequest(
      `Invalid request body: expected a JSON object of type '${typeName}', found ${describeJson(body)}.`,
    );
  return body;
}

/** Rejects properties the type does not declare (OData annotations such as `@odata.type` are allowed). */
export function rejectUnknownProperties(
  body: JsonObject,
  declared: readonly string[],
  typeName: string,
): void {
  for (const key of Object.keys(body)) {
    if (key.includes("@")) continue;
    if (!declared.includes(key)) throw unknownProperty(key, typeName);
  }
}

export function describeJson(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

type Check = (value: unknown) => boolean;

const EDM_CHECKS: Record<string, Check> = {
  "Edm.String": (v) => typeof v === "string",
  "Edm.Boolean": (v) => typeof v === "boolean",
  "Edm.Int32": (v) => typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= 2147483647,
};

/** OData's conversion error for a property of the wrong primitive type. */
export function expectPrimitive(
  value: unknown,
  edmType: keyof typeof EDM_CHECKS,
  property: string,
  nullable = true,
): void {
  if (value === null && nullable) return;
  if (!EDM_CHECKS[edmType](value)) {
    throw odataBadRequest(
      `Cannot convert the literal '${literal(value)}' to the expected type '${edmType}' (property '${property}').`,
    );
  }
}

export function expectEnum(
  value: unknown,
  members: readonly string[],
  enumType: string,
  property: string,
): void {
  if (typeof value !== "string" || !members.includes(value)) {
    throw odataBadRequest(
      `The value '${literal(value)}' of property '${property}' is not a valid member of enum type '${enumType}' (expected one of ${members.join(", ")}).`,
    );
  }
}

export function expectStringArray(value: unknown, property: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw odataBadRequest(
      `Property '${property}' expects a collection of Edm.String, found ${describeJson(value)}.`,
    );
  }
  return value as string[];
}

function literal(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
