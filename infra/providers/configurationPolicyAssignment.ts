/**
 * The complete assignment list of an Intune configuration policy (Graph beta) as a Pulumi
 * dynamic resource. Intune's assign action replaces the whole list, so this resource owns it:
 * assignments added in the portal show up as drift and are removed by the next update.
 *
 * | Lifecycle | Graph request (beta)                                                                   |
 * |-----------|----------------------------------------------------------------------------------------|
 * | check     | none (validation only)                                                                 |
 * | diff      | none (compares normalized, sorted lists)                                               |
 * | create    | GET  deviceManagement/configurationPolicies/{policyId}/assignments, then (unless it is exactly the declared list) POST .../{policyId}/assign {assignments: [...]}; on Intune's "a valid AADGroupId is expected", GET v1.0 groups/{groupId}?$select=id once per target group |
 * | read      | GET  deviceManagement/configurationPolicies/{policyId}/assignments                     |
 * | update    | POST .../{policyId}/assign with the whole new list; none when only `providerVersion` changed |
 * | delete    | POST .../{policyId}/assign {assignments: []} (404: the policy is gone, so are its assignments) |
 *
 * The resource id is the policy id. `check` accepts only GUIDs for it and for group and filter
 * ids, and every id goes into a URL percent-encoded (graphIds.ts). A group created in the same
 * update may not be known to Intune yet: create and update wait for it (bounded;
 * GraphProviderOptions.replicationLag), unless Graph says the group does not exist (404 from
 * GET groups/{id}): then they fail at once, naming the assignment.
 *
 * `providerVersion` (set by the resource class, see providerVersions.ts) gives existing resources
 * one Graph-free update when the provider's read or delete changes, so the new code is stored.
 */
import * as pulumi from "@pulumi/pulumi";
import { isNotFound } from "../graph/errors";
import { assignPolicy, isPolicyNotFound } from "./assignment/assignPolicy";
import { diffAssignments } from "./assignment/assignmentDiff";
import {
  checkAssignmentInputs,
  type ConfigurationPolicyAssignmentState,
} from "./assignment/assignmentInputs";
import {
  fromGraphAssignment,
  normalizeAssignments,
  type PolicyAssignment,
} from "./assignment/assignmentModel";
import {
  checkConnection,
  connectionChanged,
  connectionOf,
  connectionReplaces,
  type TenantConnection,
} from "./connectionInput";
import { GraphProvider } from "./graphProvider";
import { ThinDynamicResource } from "./dynamicResource";
import type { ProviderClassLocation } from "./thinProvider";
import type { GraphProviderOptions } from "./graphProviderOptions";
import { withContext } from "./errorContext";
import { idSegment } from "./graphIds";
import { checkResult, validInputs, type InputFailure } from "./inputFailures";
import {
  checkProviderVersion,
  providerVersionChanged,
  providerVersionOf,
  storedOutputsWithNewVersion,
} from "./providerVersion";
import { CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER_VERSION } from "./providerVersions";
import { CONFIGURATION_POLICIES_PATH } from "./settingsCatalog/findByName";

type Props = Record<string, unknown>;

/** The stored outputs: the declared list and the version of the provider code that wrote them. */
type ConfigurationPolicyAssignmentOutputs = ConfigurationPolicyAssignmentState & { providerVersion?: string };

export class ConfigurationPolicyAssignmentProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider
{
  check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    return checkResult(news, checkInputs(news));
  }

  diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const { changes, replaces: assignmentReplaces } = diffAssignments(olds, news);
    const replaces = [...assignmentReplaces, ...connectionReplaces(olds, news)];
    return Promise.resolve({
      changes: changes || providerVersionChanged(olds, news) || connectionChanged(olds, news),
      replaces,
    });
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult<ConfigurationPolicyAssignmentOutputs>> {
    const desired = validated(inputs);
    if (!(await this.holdsAlready(desired))) await this.assign(desired);
    return { id: desired.policyId, outs: { ...desired, ...providerVersionOf(inputs) } };
  }

  async read(
    id: string,
    props?: Props,
  ): Promise<pulumi.dynamic.ReadResult<ConfigurationPolicyAssignmentOutputs>> {
    const client = this.client(props);
    return withContext(`Reading the assignments of configuration policy ${id}`, async () => {
      let found: unknown[];
      try {
        found = await client.list(`${CONFIGURATION_POLICIES_PATH}/${idSegment(id)}/assignments`, {
          version: "beta",
        });
      } catch (error) {
        if (isNotFound(error)) return {};
        throw error;
      }
      // The version stays the one in state: this code is the state's own, whatever the program ships.
      const state = {
        policyId: id,
        assignments: normalizeAssignments(found.map(fromGraphAssignment)),
        ...providerVersionOf(props),
        ...connectionOf(props),
      };
      return { id, props: state, inputs: state };
    });
  }

  async update(
    _id: string,
    olds: Props,
    news: Props,
  ): Promise<pulumi.dynamic.UpdateResult<ConfigurationPolicyAssignmentOutputs>> {
    const desired = validated(news);
    const onlyBookkeeping = providerVersionChanged(olds, news) || connectionChanged(olds, news);
    if (onlyBookkeeping && diffAssignments(olds, desired as unknown as Props).changed.length === 0) {
      // Only providerVersion or the connection's settings changed: the list in Intune is as
      // declared, so nothing is sent to Graph.
      const outs = { ...storedOutputsWithNewVersion(olds, news), ...desired };
      return { outs: outs as unknown as ConfigurationPolicyAssignmentOutputs };
    }
    await this.assign(desired);
    return { outs: { ...desired, ...providerVersionOf(news) } };
  }

  async delete(id: string, props: Props = {}): Promise<void> {
    const client = this.client(props);
    await withContext(`Removing the assignments of configuration policy ${id}`, async () => {
      try {
        await assignPolicy(client, id, []);
      } catch (error) {
        if (!isPolicyNotFound(error)) throw error;
      }
    });
  }

  /**
   * Whether Intune already holds exactly the declared list (a profile taken over with its
   * assignments, say): then create sends nothing. Only a shortcut: when the list cannot be read,
   * the assign runs and reports what goes wrong.
   */
  private async holdsAlready(desired: ConfigurationPolicyAssignmentState): Promise<boolean> {
    let found: unknown[];
    try {
      found = await this.client(desired as unknown as Props).list(
        `${CONFIGURATION_POLICIES_PATH}/${idSegment(desired.policyId)}/assignments`,
        { version: "beta" },
      );
    } catch {
      return false;
    }
    const current = { policyId: desired.policyId, assignments: found.map(fromGraphAssignment) };
    return !diffAssignments(current, desired as unknown as Props).changes;
  }

  private async assign(desired: ConfigurationPolicyAssignmentState): Promise<void> {
    const client = this.client(desired as unknown as Props);
    await withContext(`Assigning configuration policy ${desired.policyId}`, () =>
      assignPolicy(client, desired.policyId, desired.assignments, this.options.replicationLag),
    );
  }
}

/** The list's checked inputs plus `providerVersion`, passed through as the resource class set it. */
function checkInputs(raw: Props): { inputs: ConfigurationPolicyAssignmentState; failures: InputFailure[] } {
  const { inputs, failures } = checkAssignmentInputs(raw);
  const all = [...failures, ...checkProviderVersion(raw), ...checkConnection(raw)];
  return {
    inputs: all.length > 0 ? inputs : { ...inputs, ...providerVersionOf(raw), ...connectionOf(raw) },
    failures: all,
  };
}

function validated(inputs: Props): ConfigurationPolicyAssignmentState {
  return validInputs("configuration policy assignment", checkInputs(inputs));
}

export interface ConfigurationPolicyAssignmentArgs {
  /** Id of the configuration policy whose assignment list this resource owns. */
  policyId: pulumi.Input<string>;
  /** The complete list: anything else assigned to the policy is removed. */
  assignments: pulumi.Input<pulumi.Input<PolicyAssignmentArgs>[]>;
  /** The tenant to act on; default the stack's own connection (connectionInput.ts). */
  connection?: pulumi.Input<TenantConnection>;
}

export interface PolicyAssignmentArgs {
  target: pulumi.Input<"group" | "exclusionGroup" | "allDevices" | "allLicensedUsers">;
  groupId?: pulumi.Input<string>;
  filterId?: pulumi.Input<string>;
  filterType?: pulumi.Input<"include" | "exclude">;
}

/** Where the host finds this provider (see thinProvider.ts). */
export const CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER: ProviderClassLocation = {
  modulePath: "infra/providers/configurationPolicyAssignment.ts",
  exportName: "ConfigurationPolicyAssignmentProvider",
};

export class ConfigurationPolicyAssignment extends ThinDynamicResource {
  public readonly policyId!: pulumi.Output<string>;
  public readonly assignments!: pulumi.Output<PolicyAssignment[]>;
  /** The provider code's version that last created or updated the resource (providerVersions.ts). */
  public readonly providerVersion!: pulumi.Output<string>;

  constructor(
    name: string,
    args: ConfigurationPolicyAssignmentArgs,
    opts?: pulumi.CustomResourceOptions,
    providerOptions?: GraphProviderOptions,
  ) {
    super(
      CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER,
      providerOptions,
      name,
      { ...args, providerVersion: CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER_VERSION },
      opts,
      "intune",
      "ConfigurationPolicyAssignment",
    );
  }
}
