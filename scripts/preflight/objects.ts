/**
 * Every object the stack config refers to: does it exist, and is it the right kind? One read per
 * distinct object (an id or a name read once however often the config repeats it); references by
 * name resolved with Graph's own filters (`displayName eq`, `userPrincipalName eq`, quotes doubled);
 * placeholder ids refused without a read.
 *
 * | Reference                                   | Read                                                      |
 * | ------------------------------------------- | --------------------------------------------------------- |
 * | group id (TAP include/exclude, CA exclude,  | GET /v1.0/groups/{id}?$select=...                         |
 * |   autopilot.existingGroupId)                |                                                           |
 * | group `{ displayName }`                     | GET /v1.0/groups?$filter=displayName eq '...'&$select=... |
 * | break-glass user id                         | GET /v1.0/users/{id}?$select=...                          |
 * | break-glass user `{ userPrincipalName }`    | GET /v1.0/users?$filter=userPrincipalName eq '...'        |
 * | excluded role                               | GET /v1.0/directoryRoleTemplates/{id}                     |
 * | authentication strength                     | the strengths list the what-if reads anyway               |
 */
import { isGraphRequestError, isNotFound } from "../../infra/graph/errors";
import type { GraphClient } from "../../infra/graph/types";
import { configKey } from "../../infra/references/declaredReferences";
import { managesRegistrationPolicy } from "../../policies/managed";
import type { LookupOutcome, ReferenceLookups } from "../../infra/references/lookups";
import {
  ALL_USERS,
  type DeclaredOnboardingSettings,
  type GroupRef,
  type UserRef,
} from "../../policies/settings";
import { isPlaceholderId, type IdKind } from "./placeholders";
import type { CheckRow } from "./types";

const GROUP_SELECT = "id,displayName,securityEnabled,mailEnabled,groupTypes,membershipRule";
const USER_SELECT = "id,displayName,userPrincipalName,accountEnabled,userType";

type Purpose = "tapGroup" | "caGroup" | "breakGlass" | "role" | "strength" | "existingGroup";

interface ObjectReference {
  key: string;
  kind: IdKind;
  purpose: Purpose;
  /** An object id, or a name (displayName / userPrincipalName). */
  id?: string;
  name?: string;
}

export interface StrengthSummary {
  id: string;
  displayName: string;
}

/** What the object checks found: the rows, plus the lookups a resolver can use (no further reads). */
export interface ObjectChecks {
  rows: CheckRow[];
  /** Answers from the reads already made, for resolveReferences. */
  lookups: ReferenceLookups;
  /** Whether every reference exists, is the right kind and is no placeholder. */
  allFound: boolean;
  /** Break-glass users found: object id -> userPrincipalName. */
  breakGlassUsers: Map<string, string>;
}

function groupReferences(
  section: "temporaryAccessPass" | "registrationPolicy",
  property: string,
  entries: GroupRef[],
  purpose: Purpose,
): ObjectReference[] {
  return entries.flatMap((entry, index): ObjectReference[] => {
    if (entry === ALL_USERS) return [];
    const key = configKey(section, `${property}[${index}]`);
    return [
      typeof entry === "string"
        ? { key, kind: "group", purpose, id: entry }
        : { key, kind: "group", purpose, name: entry.displayName },
    ];
  });
}

function references(settings: DeclaredOnboardingSettings): ObjectReference[] {
  const tap = settings.temporaryAccessPass;
  const list: ObjectReference[] = [
    ...groupReferences("temporaryAccessPass", "includeGroupIds", tap.includeGroupIds, "tapGroup"),
    ...groupReferences("temporaryAccessPass", "excludeGroupIds", tap.excludeGroupIds, "tapGroup"),
  ];
  if (managesRegistrationPolicy(settings)) list.push(...registrationPolicyReferences(settings));
  const existing = settings.autopilot.existingGroupId;
  if (existing !== undefined) {
    const key = configKey("autopilot", "existingGroupId");
    list.push(
      typeof existing === "string"
        ? { key, kind: "group", purpose: "existingGroup", id: existing }
        : { key, kind: "group", purpose: "existingGroup", name: existing.displayName },
    );
  }
  return list;
}

/** A quoted OData string literal: single quotes doubled. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

type Found =
  | { status: "found"; object: Record<string, unknown> }
  | { status: "notFound" | "several"; detail: string }
  | { status: "failed"; detail: string; forbidden?: boolean };

function failedRead(error: unknown): Found {
  if (isGraphRequestError(error))
    return { status: "failed", detail: error.message, forbidden: error.status === 403 };
  return { status: "failed", detail: error instanceof Error ? error.message : String(error) };
}

function text(value: unknown, fallback: string): string {
  return typeof value === "string" && value !== "" ? value : fallback;
}

function describeReference(reference: ObjectReference): string {
  const noun = {
    group: "group",
    user: "user",
    roleTemplate: "directory role template",
    authenticationStrength: "authentication strength",
  }[reference.kind];
  if (reference.name !== undefined)
    return `${noun} ${reference.kind === "user" ? "with userPrincipalName" : "named"} ${JSON.stringify(reference.name)}`;
  return `${noun} ${reference.id}`;
}

export async function checkObjects(
  client: GraphClient,
  settings: DeclaredOnboardingSettings,
  strengths: StrengthSummary[] | { failed: string },
): Promise<ObjectChecks> {
  const reads = new Map<string, Promise<Found>>();
  const read = (reference: ObjectReference): Promise<Found> => {
    const cacheKey = `${reference.kind}\u0000${(reference.id ?? reference.name ?? "").toLowerCase()}\u0000${reference.name === undefined ? "id" : "name"}`;
    let pending = reads.get(cacheKey);
    if (pending === undefined) {
      pending = readOnce(client, reference, strengths);
      reads.set(cacheKey, pending);
    }
    return pending;
  };

  const rows: CheckRow[] = [];
  const resolved = new Map<string, LookupOutcome>();
  const breakGlassUsers = new Map<string, string>();
  let allFound = true;
  const list = references(settings);
  const outcomes = await Promise.all(
    list.map((reference) =>
      reference.id !== undefined && isPlaceholderId(reference.id, reference.kind)
        ? Promise.resolve(undefined)
        : read(reference),
    ),
  );
  list.forEach((reference, index) => {
    const outcome = outcomes[index];
    const what = describeReference(reference);
    if (outcome === undefined) {
      allFound = false;
      rows.push({
        area: "objects",
        subject: reference.key,
        status: "fail",
        detail: `${reference.id} is a placeholder id (00000000-0000-0000-0000-0000000000xx, as in Pulumi.dev.yaml): replace it with the object id from your tenant`,
      });
      return;
    }
    if (outcome.status === "failed" && outcome.forbidden && reference.id !== undefined) {
      // A read this identity may not make: the id is still usable, it is just not verified.
      rows.push({
        area: "objects",
        subject: reference.key,
        status: "warning",
        detail: `not checked: ${outcome.detail}`,
      });
      return;
    }
    if (outcome.status !== "found") {
      allFound = false;
      const detail =
        outcome.status === "notFound"
          ? `no ${what} in this tenant`
          : outcome.status === "several"
            ? `more than one ${what}: give the object id of the one you mean`
            : `could not read the ${what}: ${outcome.detail}`;
      if (reference.name !== undefined)
        resolved.set(`${reference.kind}\u0000${reference.name}`, { status: outcome.status, detail });
      rows.push({ area: "objects", subject: reference.key, status: "fail", detail });
      return;
    }
    const object = outcome.object;
    const id = text(object.id, "");
    if (reference.name !== undefined)
      resolved.set(`${reference.kind}\u0000${reference.name}`, { status: "found", objectId: id });
    const label = text(reference.kind === "user" ? object.userPrincipalName : object.displayName, id);
    const named = reference.name !== undefined ? ` (object id ${id})` : "";
    if (reference.purpose === "existingGroup" && object.securityEnabled !== true) {
      allFound = false;
      rows.push({
        area: "objects",
        subject: reference.key,
        status: "fail",
        detail: `group "${label}"${named} is not a security group: Intune assigns device profiles to security groups only`,
      });
      return;
    }
    if (reference.purpose === "breakGlass") {
      breakGlassUsers.set(id, text(object.userPrincipalName, id));
      if (object.accountEnabled === false) {
        rows.push({
          area: "objects",
          subject: reference.key,
          status: "warning",
          detail: `user ${label}${named} exists but is disabled: it cannot sign in in an emergency`,
        });
        return;
      }
      if (object.userType === "Guest") {
        rows.push({
          area: "objects",
          subject: reference.key,
          status: "warning",
          detail: `user ${label}${named} is a guest: an emergency-access account should be a member of this tenant`,
        });
        return;
      }
    }
    const kindWord = {
      group: "group",
      user: "user",
      roleTemplate: "role",
      authenticationStrength: "authentication strength",
    }[reference.kind];
    rows.push({
      area: "objects",
      subject: reference.key,
      status: "pass",
      detail: `${kindWord} "${label}"${named} exists`,
    });
  });

  const lookups: ReferenceLookups = {
    group: (name) =>
      Promise.resolve(resolved.get(`group\u0000${name}`) ?? { status: "failed", detail: "not read" }),
    user: (name) =>
      Promise.resolve(resolved.get(`user\u0000${name}`) ?? { status: "failed", detail: "not read" }),
  };
  return { rows, lookups, allFound, breakGlassUsers };
}

async function readOnce(
  client: GraphClient,
  reference: ObjectReference,
  strengths: StrengthSummary[] | { failed: string },
): Promise<Found> {
  try {
    switch (reference.kind) {
      case "group":
      case "user": {
        const collection = reference.kind === "group" ? "/groups" : "/users";
        const select = reference.kind === "group" ? GROUP_SELECT : USER_SELECT;
        if (reference.id !== undefined) {
          const object = await client.get<Record<string, unknown>>(
            `${collection}/${encodeURIComponent(reference.id)}`,
            { query: { $select: select } },
          );
          return { status: "found", object };
        }
        const property = reference.kind === "group" ? "displayName" : "userPrincipalName";
        const page = await client.get<{ value?: Record<string, unknown>[] }>(collection, {
          query: { $filter: `${property} eq ${literal(reference.name ?? "")}`, $select: select, $top: "2" },
        });
        const value = page.value ?? [];
        if (value.length === 0) return { status: "notFound", detail: "" };
        if (value.length > 1) return { status: "several", detail: "" };
        return { status: "found", object: value[0] };
      }
      case "roleTemplate": {
        const object = await client.get<Record<string, unknown>>(
          `/directoryRoleTemplates/${encodeURIComponent(reference.id ?? "")}`,
        );
        return { status: "found", object };
      }
      case "authenticationStrength": {
        if ("failed" in strengths) return { status: "failed", detail: strengths.failed };
        const found = strengths.find(
          (strength) => strength.id.toLowerCase() === (reference.id ?? "").toLowerCase(),
        );
        return found === undefined
          ? { status: "notFound", detail: "" }
          : { status: "found", object: { ...found } };
      }
    }
  } catch (error) {
    if (isNotFound(error)) return { status: "notFound", detail: "" };
    return failedRead(error);
  }
}

/** The objects the registration policy names (only read when the stack declares that policy). */
function registrationPolicyReferences(settings: DeclaredOnboardingSettings): ObjectReference[] {
  const list: ObjectReference[] = [];
  settings.registrationPolicy.breakGlassUserIds.forEach((entry: UserRef, index) => {
    const key = configKey("registrationPolicy", `breakGlassUserIds[${index}]`);
    list.push(
      typeof entry === "string"
        ? { key, kind: "user", purpose: "breakGlass", id: entry }
        : { key, kind: "user", purpose: "breakGlass", name: entry.userPrincipalName },
    );
  });
  list.push(
    ...groupReferences(
      "registrationPolicy",
      "excludeGroupIds",
      settings.registrationPolicy.excludeGroupIds,
      "caGroup",
    ),
  );
  settings.registrationPolicy.excludeRoleTemplateIds.forEach((id, index) =>
    list.push({
      key: configKey("registrationPolicy", `excludeRoleTemplateIds[${index}]`),
      kind: "roleTemplate",
      purpose: "role",
      id,
    }),
  );
  const strength = settings.registrationPolicy.authenticationStrengthPolicyId;
  if (strength !== undefined)
    list.push({
      key: configKey("registrationPolicy", "authenticationStrengthPolicyId"),
      kind: "authenticationStrength",
      purpose: "strength",
      id: strength,
    });
  return list;
}
