/**
 * The complete assignment list of an Intune configuration policy (Graph beta) as a Pulumi
 * dynamic resource. Intune's assign action replaces the whole list, so this resource owns it:
 * assignments added in the portal show up as drift and are removed by the next update.
 *
 * | Lifecycle | Graph request (beta)                                                                   |
 * |-----------|----------------------------------------------------------------------------------------|
 * | check     | none (validation only)                                                                 |
 * | diff      | none (compares normalized, sorted lists)                                               |
 * | create    | POST deviceManagement/configurationPolicies/{policyId}/assign {assignments: [...]}     |
 * | read      | GET  deviceManagement/configurationPolicies/{policyId}/assignments                     |
 * | update    | POST .../{policyId}/assign with the whole new list                                     |
 * | delete    | POST .../{policyId}/assign {assignments: []} (404: the policy is gone, so are its assignments) |
 *
 * The resource id is the policy id. A group created in the same update may not be known to
 * Intune yet: create and update wait for it (bounded; GraphProviderOptions.replicationLag).
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
import { GraphProvider } from "./graphProvider";
import type { GraphProviderOptions } from "./graphProviderOptions";
import { withContext } from "./errorContext";
import { checkResult, validInputs } from "./inputFailures";
import { CONFIGURATION_POLICIES_PATH } from "./settingsCatalog/findByName";

type Props = Record<string, unknown>;

export class ConfigurationPolicyAssignmentProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider
{
  check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    return checkResult(news, checkAssignmentInputs(news));
  }

  diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const { changes, replaces } = diffAssignments(olds, news);
    return Promise.resolve({ changes, replaces });
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult<ConfigurationPolicyAssignmentState>> {
    const desired = validated(inputs);
    await this.assign(desired);
    return { id: desired.policyId, outs: desired };
  }

  async read(id: string): Promise<pulumi.dynamic.ReadResult<ConfigurationPolicyAssignmentState>> {
    const client = this.client();
    return withContext(`Reading the assignments of configuration policy ${id}`, async () => {
      let found: unknown[];
      try {
        found = await client.list(`${CONFIGURATION_POLICIES_PATH}/${id}/assignments`, { version: "beta" });
      } catch (error) {
        if (isNotFound(error)) return {};
        throw error;
      }
      const state = { policyId: id, assignments: normalizeAssignments(found.map(fromGraphAssignment)) };
      return { id, props: state, inputs: state };
    });
  }

  async update(
    _id: string,
    _olds: Props,
    news: Props,
  ): Promise<pulumi.dynamic.UpdateResult<ConfigurationPolicyAssignmentState>> {
    const desired = validated(news);
    await this.assign(desired);
    return { outs: desired };
  }

  async delete(id: string): Promise<void> {
    const client = this.client();
    await withContext(`Removing the assignments of configuration policy ${id}`, async () => {
      try {
        await assignPolicy(client, id, []);
      } catch (error) {
        if (!isPolicyNotFound(error)) throw error;
      }
    });
  }

  private async assign(desired: ConfigurationPolicyAssignmentState): Promise<void> {
    const client = this.client();
    await withContext(`Assigning configuration policy ${desired.policyId}`, () =>
      assignPolicy(client, desired.policyId, desired.assignments, this.options.replicationLag),
    );
  }
}

function validated(inputs: Props): ConfigurationPolicyAssignmentState {
  return validInputs("configuration policy assignment", checkAssignmentInputs(inputs));
}

export interface ConfigurationPolicyAssignmentArgs {
  /** Id of the configuration policy whose assignment list this resource owns. */
  policyId: pulumi.Input<string>;
  /** The complete list: anything else assigned to the policy is removed. */
  assignments: pulumi.Input<pulumi.Input<PolicyAssignmentArgs>[]>;
}

export interface PolicyAssignmentArgs {
  target: pulumi.Input<"group" | "exclusionGroup" | "allDevices" | "allLicensedUsers">;
  groupId?: pulumi.Input<string>;
  filterId?: pulumi.Input<string>;
  filterType?: pulumi.Input<"include" | "exclude">;
}

export class ConfigurationPolicyAssignment extends pulumi.dynamic.Resource {
  public readonly policyId!: pulumi.Output<string>;
  public readonly assignments!: pulumi.Output<PolicyAssignment[]>;

  constructor(
    name: string,
    args: ConfigurationPolicyAssignmentArgs,
    opts?: pulumi.CustomResourceOptions,
    providerOptions: GraphProviderOptions = {},
  ) {
    super(
      new ConfigurationPolicyAssignmentProvider(providerOptions),
      name,
      { ...args },
      opts,
      "intune",
      "ConfigurationPolicyAssignment",
    );
  }
}
