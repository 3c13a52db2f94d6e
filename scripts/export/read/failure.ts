/**
 * A read that failed for one object type: the export goes on with the other types and says, in
 * one line, what could not be read and why (Graph's status, code, message and request-id, and for
 * a 403 the permission to grant).
 */
import { isGraphRequestError } from "../../../infra/graph/errors";
import { readPermission, type ObjectType } from "./permissions";

export interface ReadFailure {
  type: ObjectType;
  /** HTTP status, 0 when there was no answer, undefined for an error that is not Graph's. */
  status?: number;
  /** One line: what was not read and why. */
  line: string;
}

const UNLICENSED_INTUNE = /request not applicable to target tenant/i;

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

export function readFailure(type: ObjectType, error: unknown): ReadFailure {
  const { objects, permission } = readPermission(type);
  if (!isGraphRequestError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { type, line: `${objects} not read: ${oneLine(message)}` };
  }
  let line = `${objects} not read: ${oneLine(error.message)}`;
  if (error.status === 403 && error.requiredPermission === undefined) {
    line += ` The app needs ${permission}.`;
  }
  if (error.status === 400 && UNLICENSED_INTUNE.test(error.graphMessage)) {
    // Intune's answer in a tenant without an active Intune licence (graph-facts-round2.md, 4.5).
    line += " The tenant has no active Intune licence.";
  }
  return { type, status: error.status, line };
}

/** True for an answer that means the tenant cannot be read at all: no token, no connection, 401. */
export function isSignInFailure(error: unknown): boolean {
  return isGraphRequestError(error) && (error.status === 0 || error.status === 401);
}
