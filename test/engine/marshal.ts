/**
 * Property marshalling between plain JS objects and the google.protobuf.Struct values the engine
 * exchanges with a resource provider, using Pulumi's wire conventions:
 * - an unknown (computed during preview) value is the string `UNKNOWN`;
 * - a secret is `{ [SIG_KEY]: SECRET_SIG, value }`. The dynamic-provider host answers Configure with
 *   `acceptSecrets: false`, so the engine strips secrets before Check/Diff/Create/Read/Update/Delete
 *   and only Configure's arguments may carry the secret envelope.
 * - a property whose value is undefined is absent (the engine never sends undefined).
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as rpc from "@pulumi/pulumi/runtime/rpc";

export const UNKNOWN: string = rpc.unknownValue;
export const SIG_KEY: string = rpc.specialSigKey;
export const SECRET_SIG: string = rpc.specialSecretSig;

export type PropertyMap = Record<string, unknown>;

/** Wraps a value in Pulumi's secret envelope, as the engine does for secret config. */
export function secretValue(value: unknown): PropertyMap {
  return { [SIG_KEY]: SECRET_SIG, value };
}

export function toStruct(properties: PropertyMap): Struct {
  return Struct.fromJavaScript(toWireObject(properties, "") as Parameters<typeof Struct.fromJavaScript>[0]);
}

export function fromStruct(struct: Struct | undefined): PropertyMap {
  return struct ? struct.toJavaScript() : {};
}

function toWireObject(value: PropertyMap, path: string): PropertyMap {
  const result: PropertyMap = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    result[key] = toWireValue(item, path ? `${path}.${key}` : key);
  }
  return result;
}

function toWireValue(value: unknown, path: string): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new TypeError(`property "${path}": expected a finite number, found ${value}`);
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      if (item === undefined)
        throw new TypeError(`property "${path}[${index}]": expected a value, found undefined`);
      return toWireValue(item, `${path}[${index}]`);
    });
  }
  if (typeof value === "object") return toWireObject(value as PropertyMap, path);
  throw new TypeError(`property "${path}": expected JSON-like data, found a ${typeof value}`);
}
