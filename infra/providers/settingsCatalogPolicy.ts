/**
 * An Intune settings-catalog profile (Graph beta deviceManagement/configurationPolicies) as a
 * Pulumi dynamic resource.
 *
 * | Lifecycle | Graph request (beta)                                                                        |
 * |-----------|---------------------------------------------------------------------------------------------|
 * | check     | none (validation only)                                                                      |
 * | diff      | none (compares normalized properties)                                                       |
 * | create    | GET  deviceManagement/configurationPolicies?$filter=name eq '<name>', then POST deviceManagement/configurationPolicies (settings inline); with adoptExisting and one match instead: GET .../{id}?$expand=settings, then PUT .../{id} unless it already holds the declared document |
 * | read      | GET  .../{id}?$expand=settings (+ the settings@odata.nextLink pages if Graph cuts the expanded list); a 404 is retried only within minutes of create |
 * | update    | PATCH .../{id} (name, description, roleScopeTagIds only) or PUT .../{id} (whole document, when settings change); a rename first looks the new name up; none when only `providerVersion` changed |
 * | delete    | DELETE .../{id} (404 = already gone)                                                        |
 *
 * platforms, technologies and templateId cannot change on an existing profile: a change replaces
 * it, deleting the old profile first. Created first, the new profile's lookup by name would find
 * the old one and refuse to duplicate it (or, with adoptExisting, take over the very profile
 * about to be deleted).
 *
 * `providerVersion` (set by the resource class, see providerVersions.ts) gives existing resources
 * one Graph-free update when the provider's read or delete changes, so the new code is stored.
 */
import * as pulumi from "@pulumi/pulumi";
import { isNotFound } from "../graph/errors";
import { retryWhileReplicating } from "../graph/replicationLag";
import type { GraphClient } from "../graph/types";
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
import { createPolicyOnce, duplicatesMessage, isUnresolvedCreateError } from "./settingsCatalog/createPolicy";
import {
  deleteUnresolvedCreate,
  findUnresolvedCreate,
  UNRESOLVED_DIFF,
  unresolvedCreateFailure,
} from "./settingsCatalog/unresolvedCreateSteps";
import { createWindowOf, isUnresolvedId } from "./settingsCatalog/unresolvedCreate";
import { withContext } from "./errorContext";
import { checkResult, validInputs, type InputFailure } from "./inputFailures";
import {
  checkProviderVersion,
  providerVersionChanged,
  providerVersionOf,
  storedOutputsWithNewVersion,
} from "./providerVersion";
import { SETTINGS_CATALOG_POLICY_PROVIDER_VERSION } from "./providerVersions";
import { findPoliciesByName, profilePath } from "./settingsCatalog/findByName";
import { changedPolicyProperties, diffPolicy, metadataPatch } from "./settingsCatalog/policyDiff";
import {
  policyDocument,
  stateFromGraph,
  type GraphConfigurationPolicy,
} from "./settingsCatalog/policyDocument";
import { checkPolicyInputs, type SettingsCatalogPolicyState } from "./settingsCatalog/policyInputs";
import { readSettings } from "./settingsCatalog/readSettings";
import type { ConfigurationSetting } from "./settingsCatalog/settingModel";

type Props = Record<string, unknown>;

/**
 * The stored outputs: the declared state plus when this stack created (or adopted) the profile
 * and the version of the provider code that wrote them.
 */
type SettingsCatalogPolicyOutputs = SettingsCatalogPolicyState & {
  createdAt?: string;
  providerVersion?: string;
};

/** How long a read keeps retrying a 404 (a profile created moments ago may not be readable yet). */
const READ_NOT_FOUND_GRACE_MS = 10_000;
/** A 404 later than this after create means the profile is gone: no retry, so refresh stays fast. */
const REPLICATION_WINDOW_MS = 5 * 60_000;

function createdAtOf(props: Props | undefined): string | undefined {
  const createdAt = props?.["createdAt"];
  return typeof createdAt === "string" ? createdAt : undefined;
}

function createdRecently(createdAt: string | undefined): boolean {
  return createdAt !== undefined && Date.now() - Date.parse(createdAt) < REPLICATION_WINDOW_MS;
}

export class SettingsCatalogPolicyProvider extends GraphProvider implements pulumi.dynamic.ResourceProvider {
  check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    return checkResult(news, checkInputs(news));
  }

  diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    if (isUnresolvedId(id)) return Promise.resolve(UNRESOLVED_DIFF);
    const diff = diffPolicy(olds, news);
    const replaces = [...diff.replaces, ...connectionReplaces(olds, news)];
    return Promise.resolve({
      changes: diff.changes || providerVersionChanged(olds, news) || connectionChanged(olds, news),
      replaces,
      deleteBeforeReplace: replaces.length > 0,
    });
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult<SettingsCatalogPolicyOutputs>> {
    const desired = validated(inputs);
    const client = this.client(inputs);
    let policy: GraphConfigurationPolicy;
    try {
      ({ policy } = await withContext(`Creating settings-catalog profile "${desired.name}"`, () =>
        createPolicyOnce(client, desired, this.options.replicationLag),
      ));
    } catch (error) {
      throw isUnresolvedCreateError(error) ? unresolvedCreateFailure(error, desired, inputs) : error;
    }
    return {
      id: policy.id,
      outs: { ...desired, createdAt: new Date().toISOString(), ...providerVersionOf(inputs) },
    };
  }

  async read(id: string, props?: Props): Promise<pulumi.dynamic.ReadResult<SettingsCatalogPolicyOutputs>> {
    const client = this.client(props);
    if (isUnresolvedId(id)) {
      const name = String(props?.["name"]);
      const found = await withContext(`Looking up settings-catalog profile "${name}" (${id})`, () =>
        findUnresolvedCreate(client, name, createWindowOf(props)),
      );
      if (found.length > 1) throw new Error(duplicatesMessage(name, found));
      if (found.length === 0) return {};
      // The profile this stack's unresolved create made: read it under its real id (the engine keeps it).
      const { unresolvedCreate: _window, ...recorded } = props ?? {};
      return this.read(found[0].id, { ...recorded, createdAt: found[0].createdDateTime });
    }
    const path = profilePath(id);
    const createdAt = createdAtOf(props);
    const get = () =>
      client.get<GraphConfigurationPolicy>(path, { version: "beta", query: { $expand: "settings" } });
    return withContext(`Reading settings-catalog profile ${id}`, async () => {
      let policy: GraphConfigurationPolicy;
      try {
        policy = createdRecently(createdAt)
          ? await retryWhileReplicating(get, {
              ...this.readGrace(),
              isLag: isNotFound,
              subject: `settings-catalog profile ${id}`,
            })
          : await get();
      } catch (error) {
        if (isNotFound(error)) return {};
        throw error;
      }
      const settings = await readSettings(client, policy);
      // The version stays the one in state: this code is the state's own, whatever the program ships.
      const state = {
        ...stateFromGraph(policy, settings, props?.["adoptExisting"] === true),
        ...providerVersionOf(props),
        ...connectionOf(props),
      };
      return { id, props: createdAt === undefined ? state : { ...state, createdAt }, inputs: state };
    });
  }

  async update(
    id: string,
    olds: Props,
    news: Props,
  ): Promise<pulumi.dynamic.UpdateResult<SettingsCatalogPolicyOutputs>> {
    if (isUnresolvedId(id)) {
      // diff answers "replace" for such a record, so the engine never asks for an update.
      throw new Error(`Settings-catalog profile ${id} is an unresolved create: it can only be replaced.`);
    }
    const desired = validated(news);
    const changed = changedPolicyProperties(olds, desired as unknown as Props);
    const onlyBookkeeping = providerVersionChanged(olds, news) || connectionChanged(olds, news);
    if (onlyBookkeeping && changed.length === 0) {
      // Only providerVersion, the connection's settings or adoptExisting (which only steers create)
      // changed: nothing to send.
      const outs = { ...storedOutputsWithNewVersion(olds, news), ...desired };
      return { outs: outs as unknown as SettingsCatalogPolicyOutputs };
    }
    const client = this.client(news);
    const path = profilePath(id);
    await withContext(`Updating settings-catalog profile "${desired.name}" (${id})`, async () => {
      if (changed.includes("name")) await assertNameFree(client, desired.name, id);
      if (changed.includes("settings")) {
        // Graph rejects a PATCH that contains settings; a PUT replaces the whole document.
        await client.put(path, policyDocument(desired), { version: "beta" });
        return;
      }
      const patch = metadataPatch(changed, desired);
      if (Object.keys(patch).length > 0) await client.patch(path, patch, { version: "beta" });
    });
    const createdAt = createdAtOf(olds);
    const outs = { ...desired, ...providerVersionOf(news) };
    return { outs: createdAt === undefined ? outs : { ...outs, createdAt } };
  }

  async delete(id: string, props: Props): Promise<void> {
    const client = this.client(props);
    if (isUnresolvedId(id)) {
      const name = String(props["name"]);
      await withContext(
        `Deleting what the unresolved create of settings-catalog profile "${name}" made`,
        () => deleteUnresolvedCreate(client, name, createWindowOf(props), this.options.replicationLag),
      );
      return;
    }
    await withContext(`Deleting settings-catalog profile "${String(props["name"])}" (${id})`, async () => {
      try {
        await client.delete(profilePath(id), { version: "beta" });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    });
  }

  private readGrace(): { timeoutMs: number; initialDelayMs?: number; maxDelayMs?: number } {
    const lag = this.options.replicationLag ?? {};
    return {
      initialDelayMs: lag.initialDelayMs ?? 1_000,
      maxDelayMs: lag.maxDelayMs ?? 4_000,
      timeoutMs: Math.min(lag.timeoutMs ?? READ_NOT_FOUND_GRACE_MS, READ_NOT_FOUND_GRACE_MS),
    };
  }
}

/** The profile's checked inputs plus `providerVersion`, passed through as the resource class set it. */
function checkInputs(raw: Props): { inputs: SettingsCatalogPolicyState; failures: InputFailure[] } {
  const { inputs, failures } = checkPolicyInputs(raw);
  const all = [...failures, ...checkProviderVersion(raw), ...checkConnection(raw)];
  return {
    inputs: all.length > 0 ? inputs : { ...inputs, ...providerVersionOf(raw), ...connectionOf(raw) },
    failures: all,
  };
}

/** The normalized inputs, or an error listing every failure (create/update are reached only after check). */
function validated(inputs: Props): SettingsCatalogPolicyState {
  return validInputs("settings-catalog profile", checkInputs(inputs));
}

async function assertNameFree(client: GraphClient, name: string, id: string): Promise<void> {
  const others = (await findPoliciesByName(client, name)).filter((policy) => policy.id !== id);
  if (others.length > 0) {
    throw new Error(`cannot rename: ${duplicatesMessage(name, others)}`);
  }
}

export interface SettingsCatalogPolicyArgs {
  /** Profile name shown in the Intune admin center; also how an existing profile is found. */
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** Flags, comma-separated, e.g. "windows10". Changing it replaces the profile. */
  platforms: pulumi.Input<string>;
  /** Flags, comma-separated, e.g. "mdm". Changing it replaces the profile. */
  technologies: pulumi.Input<string>;
  /** Default ["0"] (the built-in Default scope tag). */
  roleScopeTagIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Graph settings: `{ settingInstance: { "@odata.type", settingDefinitionId, ...value } }` each. */
  settings: pulumi.Input<ConfigurationSetting[]>;
  /** Take over an existing profile with this exact name (its settings are overwritten). Default false. */
  adoptExisting?: pulumi.Input<boolean>;
  /** Settings template id; default "" (a plain settings-catalog profile). Changing it replaces the profile. */
  templateId?: pulumi.Input<string>;
  /** The tenant to act on; default the stack's own connection (connectionInput.ts). */
  connection?: pulumi.Input<TenantConnection>;
}

/** Where the host finds this provider (see thinProvider.ts). */
export const SETTINGS_CATALOG_POLICY_PROVIDER: ProviderClassLocation = {
  modulePath: "infra/providers/settingsCatalogPolicy.ts",
  exportName: "SettingsCatalogPolicyProvider",
};

export class SettingsCatalogPolicy extends ThinDynamicResource {
  public readonly name!: pulumi.Output<string>;
  public readonly description!: pulumi.Output<string>;
  public readonly platforms!: pulumi.Output<string>;
  public readonly technologies!: pulumi.Output<string>;
  public readonly roleScopeTagIds!: pulumi.Output<string[]>;
  public readonly settings!: pulumi.Output<ConfigurationSetting[]>;
  public readonly adoptExisting!: pulumi.Output<boolean>;
  public readonly templateId!: pulumi.Output<string>;
  /** When this stack created or adopted the profile (ISO 8601); reads retry a 404 only shortly after. */
  public readonly createdAt!: pulumi.Output<string | undefined>;
  /** The provider code's version that last created or updated the resource (providerVersions.ts). */
  public readonly providerVersion!: pulumi.Output<string>;

  constructor(
    name: string,
    args: SettingsCatalogPolicyArgs,
    opts?: pulumi.CustomResourceOptions,
    providerOptions?: GraphProviderOptions,
  ) {
    super(
      SETTINGS_CATALOG_POLICY_PROVIDER,
      providerOptions,
      name,
      {
        description: undefined,
        roleScopeTagIds: undefined,
        adoptExisting: undefined,
        templateId: undefined,
        createdAt: undefined,
        ...args,
        providerVersion: SETTINGS_CATALOG_POLICY_PROVIDER_VERSION,
      },
      opts,
      "intune",
      "SettingsCatalogPolicy",
    );
  }
}
