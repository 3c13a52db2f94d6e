/**
 * A user's Temporary Access Pass method: the one Graph lists (a user has at most one; its value is
 * always `null` after creation), and the create that returns the value once
 * (learn.microsoft.com/graph/api/temporaryaccesspassauthenticationmethod-list and
 * authentication-post-temporaryaccesspassmethods).
 */
import type { GraphClient } from "../../infra/graph/types";
import type { IssuedPass } from "./results";

export interface PassMethod {
  id: string;
  temporaryAccessPass: string | null;
  createdDateTime: string;
  startDateTime: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
  isUsable: boolean;
  methodUsabilityReason: string;
}

const methodsPath = (userId: string) => `/users/${userId}/authentication/temporaryAccessPassMethods`;

/** Reasons after which a listed pass can no longer be used for sign-in. */
const SPENT = ["Expired", "OneTimeUsed"];

export function endOf(pass: Pick<PassMethod, "startDateTime" | "lifetimeInMinutes">): string {
  return new Date(Date.parse(pass.startDateTime) + pass.lifetimeInMinutes * 60_000).toISOString();
}

/**
 * The pass the user holds that still works or will (usable, or not yet started), or undefined. An
 * expired or used pass stays listed until deleted; a new one simply overrides it.
 */
export async function currentPass(client: GraphClient, userId: string): Promise<PassMethod | undefined> {
  const passes = await client.list<PassMethod>(methodsPath(userId));
  return passes.find((pass) => !SPENT.includes(pass.methodUsabilityReason));
}

export interface PassWanted {
  lifetimeInMinutes?: number;
  startDateTime?: string;
  isUsableOnce: boolean;
}

export async function createPass(
  client: GraphClient,
  userId: string,
  wanted: PassWanted,
): Promise<IssuedPass> {
  const body = {
    ...(wanted.startDateTime === undefined ? {} : { startDateTime: wanted.startDateTime }),
    ...(wanted.lifetimeInMinutes === undefined ? {} : { lifetimeInMinutes: wanted.lifetimeInMinutes }),
    isUsableOnce: wanted.isUsableOnce,
  };
  // Safe to repeat after a lost answer: a second create replaces the first pass (Graph keeps one
  // per user), so the user ends up with exactly the pass whose value this call returns.
  const created = await client.post<PassMethod>(methodsPath(userId), body, { idempotent: true });
  if (created === undefined || typeof created.temporaryAccessPass !== "string")
    throw new Error(`Graph answered the create for user ${userId} without a pass value`);
  return {
    value: created.temporaryAccessPass,
    startDateTime: new Date(created.startDateTime).toISOString(),
    endDateTime: endOf(created),
    lifetimeInMinutes: created.lifetimeInMinutes,
    isUsableOnce: created.isUsableOnce,
  };
}
