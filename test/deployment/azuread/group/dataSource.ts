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
import { errorDiag } from "../diagnostics";
import { wasNotFound } from "../graphClient";
import { invokeError, invokeFailures } from "../bridge";
import { formatResourceId, GROUP_ID } from "../resourceIds";
import { isObject, isUUID, PropertyMap, Schema, stringIsNotEmpty } from "../schema";
import { validateConfig } from "../validate";
import type { NativeFunction, NativeInvokeResult } from "../../offline/nativeFunction";
import { GROUP_TYPE_UNIFIED } from "./schema";

export const GET_GROUP_TOKEN = "azuread:index/getGroup:getGroup";

/** The data source's Read timeout (group_data_source.go:31-33): 5 minutes. */
const READ_TIMEOUT_MS = 5 * 60_000;
const LOOKUPS = ["display_name", "object_id", "mail_nickname"];

/** The arguments of the data source schema (group_data_source.go:35-81). */
const ARGS: Schema = {
  displayName: {
    tf: "display_name",
    kind: "string",
    optional: true,
    computed: true,
    exactlyOneOf: LOOKUPS,
    validate: [stringIsNotEmpty],
  },
  mailNickname: {
    tf: "mail_nickname",
    kind: "string",
    optional: true,
    computed: true,
    exactlyOneOf: LOOKUPS,
  },
  objectId: {
    tf: "object_id",
    kind: "string",
    optional: true,
    computed: true,
    exactlyOneOf: LOOKUPS,
    validate: [isUUID],
  },
  mailEnabled: { tf: "mail_enabled", kind: "bool", optional: true, computed: true },
  securityEnabled: { tf: "security_enabled", kind: "bool", optional: true, computed: true },
  includeTransitiveMembers: {
    tf: "include_transitive_members",
    kind: "bool",
    optional: true,
    default: false,
  },
};

type Json = Record<string, unknown>;

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class GetGroupFunction implements NativeFunction {
  readonly token = GET_GROUP_TOKEN;

  constructor(private readonly az: AzureadContext) {}

  async invoke(args: PropertyMap): Promise<NativeInvokeResult> {
    const failures = invokeFailures(validateConfig(ARGS, args));
    if (failures.length > 0) return { failures };
    try {
      return { outputs: await this.read(args), failures: [] };
    } catch (error) {
      throw invokeError(GET_GROUP_TOKEN, error);
    }
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
      let groups: Json[];
      try {
        groups = await this.az.graph.list(ctx, {
          method: "GET",
          version: "beta",
          path: "/groups",
          query: { $filter: filter },
          expected: [200],
        });
      } catch (error) {
        if (wasNotFound(error))
          throw errorDiag(error, `No group found matching specified filter (${filter})`);
        throw errorDiag(error, `Retrieving groups for filter (${filter})`);
      }
      if (groups.length > 1)
        throw errorDiag(
          undefined,
          `More than one group found matching specified filter (${filter})`,
          attribute,
        );
      if (groups.length === 0)
        throw errorDiag(undefined, `No group found matching specified filter (${filter})`, attribute);
      group = groups[0];
    } else {
      const objectId = text(args.objectId);
      try {
        group = (
          await this.az.graph.request(ctx, {
            method: "GET",
            version: "beta",
            path: `/groups/${objectId}`,
            expected: [200],
          })
        ).body as Json;
      } catch (error) {
        if (wasNotFound(error))
          throw errorDiag(
            undefined,
            `No group found with object ID: ${JSON.stringify(objectId)}`,
            "object_id",
          );
        throw errorDiag(error, `Retrieving group with object ID: ${JSON.stringify(objectId)}`);
      }
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
    const path = `/groups/${objectId}`;
    const groupTypes = strings(group.groupTypes);
    let extra: Json | undefined;
    if (groupTypes.includes(GROUP_TYPE_UNIFIED)) {
      try {
        extra = (
          await this.az.graph.request(ctx, {
            method: "GET",
            version: "beta",
            path,
            query: {
              $select:
                "allowExternalSenders,autoSubscribeNewMembers,hideFromAddressLists,hideFromOutlookClients",
            },
            expected: [200],
          })
        ).body as Json;
      } catch (error) {
        if (!wasNotFound(error))
          throw errorDiag(
            `retrieving additional fields: ${message(error)}`,
            `Could not retrieve group with object ID ${JSON.stringify(id)}`,
          );
      }
    }
    const list = async (link: string, summary: string): Promise<string[]> => {
      try {
        const objects = await this.az.graph.list(ctx, {
          method: "GET",
          version: "beta",
          path: `${path}/${link}`,
          expected: [200],
        });
        return objects.map((object) => text(object.id));
      } catch (error) {
        throw errorDiag(error, `${summary} for group with object ID: ${JSON.stringify(id)}`);
      }
    };
    const members = transitive
      ? await list("transitiveMembers", "Could not retrieve transitive group members")
      : await list("members", "Could not retrieve group members");
    const owners = await list("owners", "Could not retrieve group owners");
    const bool = (value: unknown) => value === true;
    const writeback = isObject(group.writebackConfiguration) ? group.writebackConfiguration : undefined;
    // `MembershipRule != nil`: Go's encoding/json leaves a pointer nil for JSON null, so only a
    // group with a rule string gets a block (group_data_source.go:415-426).
    const dynamicMemberships =
      typeof group.membershipRule === "string"
        ? [{ enabled: group.membershipRuleProcessingState !== "Paused", rule: group.membershipRule }]
        : [];
    return {
      assignableToRole: bool(group.isAssignableToRole),
      autoSubscribeNewMembers: bool(extra?.autoSubscribeNewMembers),
      behaviors: strings(group.resourceBehaviorOptions),
      description: text(group.description),
      displayName: text(group.displayName),
      dynamicMemberships,
      externalSendersAllowed: bool(extra?.allowExternalSenders),
      hideFromAddressLists: bool(extra?.hideFromAddressLists),
      hideFromOutlookClients: bool(extra?.hideFromOutlookClients),
      id,
      includeTransitiveMembers: transitive,
      mail: text(group.mail),
      mailEnabled: bool(group.mailEnabled),
      mailNickname: text(group.mailNickname),
      members,
      objectId,
      onpremisesDomainName: text(group.onPremisesDomainName),
      onpremisesGroupType: writeback ? text(writeback.onPremisesGroupType) : null,
      onpremisesNetbiosName: text(group.onPremisesNetBiosName),
      onpremisesSamAccountName: text(group.onPremisesSamAccountName),
      onpremisesSecurityIdentifier: text(group.onPremisesSecurityIdentifier),
      onpremisesSyncEnabled: bool(group.onPremisesSyncEnabled),
      owners,
      preferredLanguage: text(group.preferredLanguage),
      provisioningOptions: strings(group.resourceProvisioningOptions),
      proxyAddresses: strings(group.proxyAddresses),
      securityEnabled: bool(group.securityEnabled),
      theme: text(group.theme),
      types: groupTypes,
      visibility: text(group.visibility),
      writebackEnabled: writeback ? bool(writeback.isEnabled) : null,
    };
  }
}
