/**
 * `azuread.getGroup` (data source `azuread_group`) as @pulumi/azuread 6.9.1 runs it:
 * terraform-provider-azuread @38d1993a internal/services/groups/group_data_source.go behind the
 * bridge's Invoke (bridge.ts `invokeFailures`, `invokeError`).
 *
 * | Lookup        | Graph requests (all beta)                                                               |
 * | ------------- | --------------------------------------------------------------------------------------- |
 * | displayName   | `GET /groups?$filter=displayName eq '<name>'[ and mailEnabled eq <b>][ and securityEnabled eq <b>]`, the name **not** quote-escaped (:288-317) |
 * | mailNickname  | the same with `mailNickname eq '<nickname>'` (:319-348)                                 |
 * | objectId      | `GET /groups/{id}` (:350-384)                                                           |
 * | then          | [Unified only: `GET /groups/{id}?$select=allowExternalSenders,…` (404 ignored)], `GET /groups/{id}/members` (`/transitiveMembers` with includeTransitiveMembers), `GET /groups/{id}/owners` (:432-498) |
 *
 * The list is not re-filtered on the client: 0 hits → `[display_name] No group found matching
 * specified filter (<filter>)`, more than 1 → `[display_name] More than one group found matching
 * specified filter (<filter>)`; a list Graph refuses (e.g. a name with an unescaped `'`) →
 * `Retrieving groups for filter (<filter>): <http error>`.
 *
 * Result (NPM @pulumi/azuread getGroup.d.ts): `id` `/groups/<guid>` (stable.NewGroupID), `objectId`
 * the bare guid, the flattened group (nulls → "", false, []), `dynamicMemberships` as an array
 * (the data source's `dynamic_membership` is a list without MaxItems 1), `includeTransitiveMembers`
 * (TF Default false). `writebackEnabled` / `onpremisesGroupType` are only set when Graph returns a
 * `writebackConfiguration` (:428-431); otherwise the SDK leaves them out of the state and the
 * bridge returns them as null **[inferred]** (helper/schema ResourceData.State skips attributes
 * never set; tfbridge MakeTerraformOutputs keeps nulls).
 */
import { OperationContext } from "../clock";
import type { AzureadContext } from "../context";
import { findExactlyOne, getByObjectId, invokeDataSource, lookupArgument } from "../dataSource";
import { errorDiag } from "../diagnostics";
import { wasNotFound } from "../graphClient";
import { strings, text, type Json } from "../graphJson";
import { formatResourceId, GROUP_ID } from "../resourceIds";
import { isObject, isUUID, PropertyMap, Schema, stringIsNotEmpty } from "../schema";
import type { NativeFunction, NativeInvokeResult } from "../../offline/nativeFunction";
import { flattenGroup, ids, listGroupLinks, readUnifiedExtraFields } from "./graph";

export const GET_GROUP_TOKEN = "azuread:index/getGroup:getGroup";

/** The data source's Read timeout (group_data_source.go:31-33): 5 minutes. */
const READ_TIMEOUT_MS = 5 * 60_000;
const LOOKUPS = ["display_name", "object_id", "mail_nickname"];

/** The arguments of the data source schema (group_data_source.go:35-81). */
const ARGS: Schema = {
  displayName: lookupArgument("display_name", LOOKUPS, [stringIsNotEmpty]),
  mailNickname: lookupArgument("mail_nickname", LOOKUPS),
  objectId: lookupArgument("object_id", LOOKUPS, [isUUID]),
  mailEnabled: { tf: "mail_enabled", kind: "bool", optional: true, computed: true },
  securityEnabled: { tf: "security_enabled", kind: "bool", optional: true, computed: true },
  includeTransitiveMembers: {
    tf: "include_transitive_members",
    kind: "bool",
    optional: true,
    default: false,
  },
};

export class GetGroupFunction implements NativeFunction {
  readonly token = GET_GROUP_TOKEN;

  constructor(private readonly az: AzureadContext) {}

  invoke(args: PropertyMap): Promise<NativeInvokeResult> {
    return invokeDataSource(GET_GROUP_TOKEN, ARGS, args, (checked) => this.read(checked));
  }

  private async read(args: PropertyMap): Promise<PropertyMap> {
    const ctx = new OperationContext(this.az.clock, READ_TIMEOUT_MS);
    const mailEnabled = typeof args.mailEnabled === "boolean" ? args.mailEnabled : undefined;
    const securityEnabled = typeof args.securityEnabled === "boolean" ? args.securityEnabled : undefined;
    let group: Json;
    if (text(args.displayName) !== "" || text(args.mailNickname) !== "") {
      const [property, attribute, value] =
        text(args.displayName) !== ""
          ? ["displayName", "display_name", text(args.displayName)]
          : ["mailNickname", "mail_nickname", text(args.mailNickname)];
      // Go's fmt.Sprintf("%s eq '%s'") with the value as given, then " and <flag> eq %t".
      let filter = `${property} eq '${value}'`;
      if (mailEnabled !== undefined) filter = `${filter} and mailEnabled eq ${mailEnabled}`;
      if (securityEnabled !== undefined) filter = `${filter} and securityEnabled eq ${securityEnabled}`;
      group = await findExactlyOne(ctx, this.az, {
        version: "beta",
        path: "/groups",
        filter,
        failed: (error) =>
          errorDiag(
            error,
            wasNotFound(error)
              ? `No group found matching specified filter (${filter})`
              : `Retrieving groups for filter (${filter})`,
          ),
        attribute,
        several: `More than one group found matching specified filter (${filter})`,
        none: `No group found matching specified filter (${filter})`,
      });
    } else {
      const objectId = text(args.objectId);
      group = await getByObjectId(ctx, this.az, {
        version: "beta",
        path: `/groups/${objectId}`,
        notFound: `No group found with object ID: ${JSON.stringify(objectId)}`,
        failed: `Retrieving group with object ID: ${JSON.stringify(objectId)}`,
      });
      for (const [flag, expected, attribute] of [
        ["mailEnabled", mailEnabled, "mail_enabled"],
        ["securityEnabled", securityEnabled, "security_enabled"],
      ] as const) {
        if (expected === undefined || (group[flag] === true) === expected) continue;
        const actual = typeof group[flag] === "boolean" ? String(group[flag]) : "nil";
        throw errorDiag(
          undefined,
          `Group with object ID ${JSON.stringify(objectId)} does not have the specified ${attribute} setting (expected: ${expected}, actual: ${actual})`,
          attribute,
        );
      }
    }
    if (typeof group.id !== "string" || group.id === "")
      throw errorDiag("API returned group with nil object ID", "Bad API Response");
    return this.flatten(ctx, group, args.includeTransitiveMembers === true);
  }

  /** The data source's state after the lookup (group_data_source.go:392-498). */
  private async flatten(ctx: OperationContext, group: Json, transitive: boolean): Promise<PropertyMap> {
    const objectId = String(group.id);
    const id = formatResourceId(GROUP_ID, objectId);
    const groupTypes = strings(group.groupTypes);
    const extra = await readUnifiedExtraFields(
      ctx,
      this.az,
      objectId,
      groupTypes,
      `Could not retrieve group with object ID ${JSON.stringify(id)}`,
    );
    const list = async (link: string, summary: string): Promise<string[]> =>
      ids(
        await listGroupLinks(ctx, this.az, objectId, link, (error) =>
          errorDiag(error, `${summary} for group with object ID: ${JSON.stringify(id)}`),
        ),
      );
    const members = transitive
      ? await list("transitiveMembers", "Could not retrieve transitive group members")
      : await list("members", "Could not retrieve group members");
    const owners = await list("owners", "Could not retrieve group owners");
    const writeback = isObject(group.writebackConfiguration) ? group.writebackConfiguration : undefined;
    // `MembershipRule != nil`: Go's encoding/json leaves a pointer nil for JSON null, so only a
    // group with a rule string gets a block (group_data_source.go:415-426).
    const dynamicMemberships =
      typeof group.membershipRule === "string"
        ? [{ enabled: group.membershipRuleProcessingState !== "Paused", rule: group.membershipRule }]
        : [];
    return flattenGroup(group, extra, {
      dynamicMemberships,
      id,
      includeTransitiveMembers: transitive,
      members,
      onpremisesGroupType: writeback ? text(writeback.onPremisesGroupType) : null,
      owners,
      writebackEnabled: writeback ? writeback.isEnabled === true : null,
    });
  }
}
