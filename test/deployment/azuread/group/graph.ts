/**
 * The group's Graph side: request bodies and the read/flatten of `groupResourceReadFunc`
 * (terraform-provider-azuread internal/services/groups/group_resource.go:497-527, 956-994,
 * 1218-1357 and groups.go:18-70 @38d1993a). Every call is Graph beta.
 */
import type { OperationContext } from "../clock";
import type { AzureadContext } from "../context";
import { errorDiag } from "../diagnostics";
import { wasNotFound } from "../graphClient";
import { UNKNOWN } from "../../nativeProvider";
import { strings, type Json } from "../graphJson";
import { isObject, PropertyMap } from "../schema";
import { GROUP_TYPE_UNIFIED } from "./schema";

/** `beta.GroupId.String()`. */
export function groupIdText(objectId: string): string {
  return `Group (Group: "${objectId}")`;
}

/** `groupDefaultMailNickname`: 9 random hex digits with a dash after the eighth. */
export function randomMailNickname(): string {
  const digits = Array.from({ length: 9 }, () => "0123456789abcdef"[Math.floor(Math.random() * 16)]).join("");
  return `${digits.slice(0, 8)}-${digits.slice(8)}`;
}

/**
 * `groupFindByName`: `GET /beta/groups?$filter=displayName eq '<name>'` (the name is not
 * quote-escaped), every page, then an exact-match re-filter on the client.
 */
export async function findGroupsByName(
  ctx: OperationContext,
  az: AzureadContext,
  displayName: string,
): Promise<Json[]> {
  const filter = `displayName eq '${displayName}'`;
  try {
    const groups = await az.graph.list(ctx, {
      method: "GET",
      version: "beta",
      path: "/groups",
      query: { $filter: filter },
      expected: [200],
    });
    return groups.filter((group) => group.displayName === displayName);
  } catch (error) {
    throw new Error(
      `unable to list Groups with filter ${JSON.stringify(filter)}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** `tf.ImportAsDuplicateDiag("azuread_group", id, name)` (internal/helpers/tf/errors.go:44-52). */
export function duplicateGroupDiagnostic(objectId: string, displayName: string) {
  return {
    summary: `An existing "azuread_group" with name ${JSON.stringify(displayName)} (ID: ${JSON.stringify(objectId)}) was found and \`prevent_duplicate_names\` was specified`,
    detail:
      'To be managed via Terraform, this resource needs to be imported into the State. Please see the resource documentation for "azuread_group" for more information.',
    path: ["id"],
  };
}

/** A string from Graph or from planned values, where the engine's unknown counts as unset. */
function text(value: unknown): string {
  return typeof value === "string" && value !== UNKNOWN ? value : "";
}

function dynamicMembership(planned: PropertyMap): { enabled: boolean; rule: string } | undefined {
  const block = planned.dynamicMembership;
  return isObject(block) ? { enabled: block.enabled === true, rule: text(block.rule) } : undefined;
}

/** The POST /beta/groups body (group_resource.go:497-592). */
export function createGroupBody(
  planned: PropertyMap,
  mailNickname: string,
  ownersBind: string[] | undefined,
): Json {
  const description = text(planned.description);
  const body: Json = {
    "@odata.type": "#microsoft.graph.group",
    description: description === "" ? null : description,
    displayName: text(planned.displayName),
    groupTypes: strings(planned.types),
    isAssignableToRole: planned.assignableToRole === true,
    mailEnabled: planned.mailEnabled === true,
    mailNickname,
    membershipRule: null,
    resourceBehaviorOptions: strings(planned.behaviors),
    resourceProvisioningOptions: strings(planned.provisioningOptions),
    securityEnabled: planned.securityEnabled === true,
  };
  if (planned.writebackEnabled === true) {
    const writeback: Json = { isEnabled: true };
    if (text(planned.onpremisesGroupType) !== "")
      writeback.onPremisesGroupType = text(planned.onpremisesGroupType);
    body.writebackConfiguration = writeback;
  }
  const dynamic = dynamicMembership(planned);
  if (dynamic) {
    body.membershipRuleProcessingState = dynamic.enabled ? "On" : "Paused";
    body.membershipRule = dynamic.rule;
  }
  if (text(planned.theme) !== "") body.theme = text(planned.theme);
  if (text(planned.visibility) !== "") body.visibility = text(planned.visibility);
  if (ownersBind !== undefined) body["owners@odata.bind"] = ownersBind;
  return body;
}

/** The one PATCH of an update: the managed set, not only what changed (group_resource.go:956-994). */
export function updateGroupBody(prior: PropertyMap, planned: PropertyMap): Json {
  const description = text(planned.description);
  const body: Json = {
    "@odata.type": "#microsoft.graph.group",
    description: description === "" ? null : description,
    displayName: text(planned.displayName),
    mailEnabled: planned.mailEnabled === true,
    membershipRule: null,
    securityEnabled: planned.securityEnabled === true,
  };
  if (
    (prior.writebackEnabled ?? false) !== (planned.writebackEnabled ?? false) ||
    text(prior.onpremisesGroupType) !== text(planned.onpremisesGroupType)
  ) {
    const writeback: Json = { isEnabled: planned.writebackEnabled === true };
    if (text(planned.onpremisesGroupType) !== "")
      writeback.onPremisesGroupType = text(planned.onpremisesGroupType);
    body.writebackConfiguration = writeback;
  }
  const dynamic = dynamicMembership(planned);
  if (dynamic) {
    body.membershipRuleProcessingState = dynamic.enabled ? "On" : "Paused";
    body.membershipRule = dynamic.rule;
  }
  if (text(planned.theme) !== "") body.theme = text(planned.theme);
  if (text(prior.visibility) !== text(planned.visibility)) body.visibility = text(planned.visibility);
  return body;
}

/** The object ids of listed directory objects. */
export function ids(objects: Json[]): string[] {
  return objects.map((object) => text(object.id));
}

/**
 * The Unified-only fields Graph returns only on `$select`, as the resource's read and the data
 * source read them: undefined for any other group or on a 404; any other failure is the
 * diagnostic `summary` with detail `retrieving additional fields: <error>`.
 */
export async function readUnifiedExtraFields(
  ctx: OperationContext,
  az: AzureadContext,
  objectId: string,
  groupTypes: readonly string[],
  summary: string,
): Promise<Json | undefined> {
  if (!groupTypes.includes(GROUP_TYPE_UNIFIED)) return undefined;
  try {
    const { body } = await az.graph.request(ctx, {
      method: "GET",
      version: "beta",
      path: `/groups/${objectId}`,
      query: {
        $select: "allowExternalSenders,autoSubscribeNewMembers,hideFromAddressLists,hideFromOutlookClients",
      },
      expected: [200],
    });
    return body as Json;
  } catch (error) {
    if (wasNotFound(error)) return undefined;
    throw errorDiag(
      `retrieving additional fields: ${error instanceof Error ? error.message : String(error)}`,
      summary,
    );
  }
}

/** `GET /groups/{id}/<link>` (owners, members, transitiveMembers, memberOf), every page. */
export async function listGroupLinks(
  ctx: OperationContext,
  az: AzureadContext,
  objectId: string,
  link: string,
  failed: (error: unknown) => Error,
): Promise<Json[]> {
  try {
    return await az.graph.list(ctx, {
      method: "GET",
      version: "beta",
      path: `/groups/${objectId}/${link}`,
      expected: [200],
    });
  } catch (error) {
    throw failed(error);
  }
}

/**
 * A Graph group as state: the attributes the resource's read and the data source flatten alike
 * (nulls as "", false, []), with the caller's `own` attributes, all in alphabetical order as the
 * provider lists them.
 */
export function flattenGroup(group: Json, extra: Json | undefined, own: PropertyMap): PropertyMap {
  const bool = (value: unknown) => value === true;
  const attributes: PropertyMap = {
    ...own,
    assignableToRole: bool(group.isAssignableToRole),
    autoSubscribeNewMembers: bool(extra?.autoSubscribeNewMembers),
    behaviors: strings(group.resourceBehaviorOptions),
    description: text(group.description),
    displayName: text(group.displayName),
    externalSendersAllowed: bool(extra?.allowExternalSenders),
    hideFromAddressLists: bool(extra?.hideFromAddressLists),
    hideFromOutlookClients: bool(extra?.hideFromOutlookClients),
    mail: text(group.mail),
    mailEnabled: bool(group.mailEnabled),
    mailNickname: text(group.mailNickname),
    objectId: text(group.id),
    onpremisesDomainName: text(group.onPremisesDomainName),
    onpremisesNetbiosName: text(group.onPremisesNetBiosName),
    onpremisesSamAccountName: text(group.onPremisesSamAccountName),
    onpremisesSecurityIdentifier: text(group.onPremisesSecurityIdentifier),
    onpremisesSyncEnabled: bool(group.onPremisesSyncEnabled),
    preferredLanguage: text(group.preferredLanguage),
    provisioningOptions: strings(group.resourceProvisioningOptions),
    proxyAddresses: strings(group.proxyAddresses),
    securityEnabled: bool(group.securityEnabled),
    theme: text(group.theme),
    types: strings(group.groupTypes),
    visibility: text(group.visibility),
  };
  return Object.fromEntries(Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * `groupResourceReadFunc`: GET the group (404 → undefined: gone), the Unified-only extra fields,
 * owners, members and memberOf, flattened as the provider sets them. `current` holds the values
 * the provider keeps from its own state (`prevent_duplicate_names`, writeback settings when Graph
 * returns no writebackConfiguration).
 */
export async function readGroup(
  ctx: OperationContext,
  az: AzureadContext,
  objectId: string,
  current: PropertyMap,
): Promise<PropertyMap | undefined> {
  const idText = groupIdText(objectId);
  const path = `/groups/${objectId}`;
  let group: Json;
  try {
    group = (await az.graph.request(ctx, { method: "GET", version: "beta", path, expected: [200] }))
      .body as Json;
  } catch (error) {
    if (wasNotFound(error)) return undefined;
    throw errorDiag(error, `Retrieving ${idText}`);
  }
  const groupTypes = strings(group.groupTypes);
  const extra = await readUnifiedExtraFields(
    ctx,
    az,
    objectId,
    groupTypes,
    `Could not retrieve group with object UID "${path}"`,
  );
  const list = (link: string, attribute: string, summary: string): Promise<Json[]> =>
    listGroupLinks(ctx, az, objectId, link, (error) => errorDiag(error, summary, attribute));
  const owners = await list("owners", "owners", `Could not retrieve owners for ${idText}`);
  const members = await list("members", "members", `Could not retrieve members for ${idText}`);
  const memberOf = await list("memberOf", "members", `Could not retrieve members for ${idText}`);

  const writeback = isObject(group.writebackConfiguration) ? group.writebackConfiguration : undefined;
  const kept = (value: unknown) => (value === UNKNOWN || value === undefined ? null : value);
  return flattenGroup(group, extra, {
    administrativeUnitIds: ids(
      memberOf.filter((object) => object["@odata.type"] === "#microsoft.graph.administrativeUnit"),
    ),
    // The resource tests `MembershipRule.IsNull()`: a group whose JSON omits membershipRule
    // (instead of sending null) gets a block with an empty rule (group_resource.go:1278-1289).
    dynamicMembership:
      group.membershipRule === null
        ? null
        : { enabled: group.membershipRuleProcessingState !== "Paused", rule: text(group.membershipRule) },
    members: ids(members),
    onpremisesGroupType: writeback ? text(writeback.onPremisesGroupType) : kept(current.onpremisesGroupType),
    owners: ids(owners),
    preventDuplicateNames: current.preventDuplicateNames === true,
    writebackEnabled: writeback ? writeback.isEnabled === true : kept(current.writebackEnabled),
  });
}
