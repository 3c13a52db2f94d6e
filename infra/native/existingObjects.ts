/**
 * Finds the Conditional Access policies or groups that already carry a display name, through the
 * project's Graph layer. Used at program time to adopt an object (adoption.ts) and by the
 * DisplayNameGuard provider to refuse creating a second one.
 *
 * | Object type             | Graph request (v1.0)                                                         |
 * |-------------------------|------------------------------------------------------------------------------|
 * | conditionalAccessPolicy | GET /identity/conditionalAccess/policies (every page), exact name kept here  |
 * | group                   | GET /groups?$filter=displayName eq '<name, ' doubled>'&$select=id,displayName (every page), exact name kept here |
 *
 * Display names are not unique in Entra ID: 0, 1 or several objects may match
 * (graph-facts.md §2 "displayName is not unique", §5 "Display names are not unique"). The Conditional
 * Access list is filtered here rather than with `$filter` (its support for displayName filters is
 * documented without an example, graph-facts-round2.md §5.1). Graph compares group names without
 * regard to case [inferred, graph-facts-round2.md §2.5]; only an exact match counts here, as in the
 * azuread provider's own duplicate check (azuread-provider-facts.md §2.3 step 1).
 */
import type { GraphClient } from "../graph/types";

export type ExistingObjectType = "conditionalAccessPolicy" | "group";

export const EXISTING_OBJECT_TYPES: readonly ExistingObjectType[] = ["conditionalAccessPolicy", "group"];

/** How each object type is called in messages. */
export const OBJECT_NOUNS: Record<ExistingObjectType, { one: string; several: string }> = {
  conditionalAccessPolicy: { one: "Conditional Access policy", several: "Conditional Access policies" },
  group: { one: "group", several: "groups" },
};

export const CONDITIONAL_ACCESS_POLICIES_PATH = "/identity/conditionalAccess/policies";
export const GROUPS_PATH = "/groups";

/** One object found by name. */
export interface ExistingObject {
  /** The Graph object id (bare GUID). */
  id: string;
  displayName: string;
  /** The object as Graph listed it (a whole policy; for a group only `id` and `displayName`). */
  graph: Record<string, unknown>;
}

/** Looks objects up by exact display name; the function form lets tests and the program share it. */
export type ExistingObjectFinder = (
  objectType: ExistingObjectType,
  displayName: string,
) => Promise<ExistingObject[]>;

/** An OData string literal: quotes doubled (graph-facts-round2.md §2.5 "Quoting"). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export async function findByDisplayName(
  client: GraphClient,
  objectType: ExistingObjectType,
  displayName: string,
): Promise<ExistingObject[]> {
  const listed =
    objectType === "conditionalAccessPolicy"
      ? await client.list<Record<string, unknown>>(CONDITIONAL_ACCESS_POLICIES_PATH, { version: "v1.0" })
      : await client.list<Record<string, unknown>>(GROUPS_PATH, {
          version: "v1.0",
          query: { $filter: `displayName eq ${odataString(displayName)}`, $select: "id,displayName" },
        });
  return listed
    .filter((item) => item.displayName === displayName && typeof item.id === "string")
    .map((item) => ({ id: item.id as string, displayName, graph: item }));
}

/** A finder over one client. */
export function finderFor(client: () => GraphClient): ExistingObjectFinder {
  return (objectType, displayName) => findByDisplayName(client(), objectType, displayName);
}
