/**
 * The tenant's Temporary Access Pass policy as a Pulumi dynamic resource.
 *
 * | Lifecycle | Graph request (v1.0)                                                                 |
 * |-----------|--------------------------------------------------------------------------------------|
 * | check     | none (validation only)                                                               |
 * | diff      | none (compares normalized properties)                                                |
 * | create    | GET  policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass (kept as `previous`), then PATCH it unless it already holds the declared configuration |
 * | read      | GET  .../authenticationMethodConfigurations/TemporaryAccessPass                      |
 * | update    | PATCH .../authenticationMethodConfigurations/TemporaryAccessPass; none when only `providerVersion` changed |
 * | delete    | onDestroy `restore`: PATCH `previous` back; `reset`: DELETE (Microsoft's defaults); `retain`: none |
 *
 * The configuration is a singleton every tenant has: it is never created or removed, only changed.
 * `providerVersion` (set by the resource class, see providerVersions.ts) gives existing resources
 * one Graph-free update when the provider's read or delete changes, so the new code is stored.
 */
import * as pulumi from "@pulumi/pulumi";
import type { OnDestroy } from "../../policies/settings";
import {
  checkConnection,
  connectionChanged,
  connectionOf,
  connectionReplaces,
  type TenantConnection,
} from "./connectionInput";
import { GraphProvider } from "./graphProvider";
import type { GraphProviderOptions } from "./graphProviderOptions";
import { ThinDynamicResource } from "./dynamicResource";
import type { ProviderClassLocation } from "./thinProvider";
import { providerVersionChanged, providerVersionOf, storedOutputsWithNewVersion } from "./providerVersion";
import { TEMPORARY_ACCESS_PASS_POLICY_PROVIDER_VERSION } from "./providerVersions";
import { tapPatchBody } from "./temporaryAccessPass/body";
import { assertValidTapInputs, checkTapInputs } from "./temporaryAccessPass/check";
import { changedTapProperties } from "./temporaryAccessPass/diff";
import { createFailure, withTapContext } from "./temporaryAccessPass/errors";
import {
  TAP_CONFIGURATION_ID,
  TAP_CONFIGURATION_PATH,
  TAP_PROPERTIES,
  TapConfiguration,
  TapPolicyState,
} from "./temporaryAccessPass/model";
import {
  containsUnknown,
  isRecord,
  normalizeOnDestroy,
  normalizeTapConfiguration,
} from "./temporaryAccessPass/normalize";

type Props = Record<string, unknown>;

export class TemporaryAccessPassPolicyProvider
  extends GraphProvider
  implements pulumi.dynamic.ResourceProvider
{
  check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const failures = [...checkTapInputs(news), ...checkConnection(news)];
    if (failures.length > 0 || containsUnknown(news)) return Promise.resolve({ inputs: news, failures });
    return Promise.resolve({
      inputs: {
        ...normalizeTapConfiguration(news),
        onDestroy: normalizeOnDestroy(news.onDestroy),
        ...providerVersionOf(news),
        ...connectionOf(news),
      },
    });
  }

  diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const replaces = connectionReplaces(olds, news);
    const changes =
      changedTapProperties(olds, news).length > 0 ||
      providerVersionChanged(olds, news) ||
      connectionChanged(olds, news);
    return Promise.resolve({ changes, replaces, deleteBeforeReplace: replaces.length > 0 });
  }

  async create(inputs: Props): Promise<pulumi.dynamic.CreateResult<TapPolicyState>> {
    assertValidTapInputs(inputs);
    const desired = normalizeTapConfiguration(inputs);
    const onDestroy = normalizeOnDestroy(inputs.onDestroy);
    const client = this.client(inputs);
    const current = await withTapContext("read the current configuration to keep as `previous`", () =>
      client.get(TAP_CONFIGURATION_PATH),
    );
    const previous = normalizeTapConfiguration(current);
    // A tenant that already holds the declared configuration (an exported one, say) is taken
    // over as it is: a PATCH would change nothing but the policy's modification time.
    const holdsDesired = TAP_PROPERTIES.every(
      (property) => JSON.stringify(previous[property]) === JSON.stringify(desired[property]),
    );
    try {
      if (!holdsDesired) await client.patch(TAP_CONFIGURATION_PATH, tapPatchBody(desired));
    } catch (error) {
      // When Graph may have applied the PATCH, the configuration found before is recorded anyway,
      // so the next `pulumi up` updates instead of mistaking the new configuration for the old one.
      throw createFailure(error, "apply the configuration", { ...previous, onDestroy, previous }, inputs);
    }
    return {
      id: TAP_CONFIGURATION_ID,
      outs: { ...desired, onDestroy, previous, ...providerVersionOf(inputs), ...connectionOf(inputs) },
    };
  }

  async read(_id: string, props: Props = {}): Promise<pulumi.dynamic.ReadResult<TapPolicyState>> {
    const client = this.client(props);
    const current = await withTapContext("read the configuration", () => client.get(TAP_CONFIGURATION_PATH));
    const configuration = normalizeTapConfiguration(current);
    const onDestroy = normalizeOnDestroy(props.onDestroy);
    // An imported resource has no recorded `previous`: what it found is what `restore` returns to.
    const previous = isRecord(props.previous) ? normalizeTapConfiguration(props.previous) : configuration;
    // The version stays the one in state: this code is the state's own, whatever the program ships.
    const providerVersion = providerVersionOf(props);
    const connection = connectionOf(props);
    return {
      id: TAP_CONFIGURATION_ID,
      props: { ...configuration, onDestroy, previous, ...providerVersion, ...connection },
      inputs: { ...configuration, onDestroy, ...providerVersion, ...connection } as TapPolicyState,
    };
  }

  async update(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult<TapPolicyState>> {
    assertValidTapInputs(news);
    const onlyBookkeeping = providerVersionChanged(olds, news) || connectionChanged(olds, news);
    if (onlyBookkeeping && changedTapProperties(olds, news).length === 0) {
      // Only providerVersion or the connection's settings changed: the tenant is as declared, so
      // nothing is sent to Graph.
      return {
        outs: { ...storedOutputsWithNewVersion(olds, news), ...connectionOf(news) } as TapPolicyState,
      };
    }
    const desired = normalizeTapConfiguration(news);
    const client = this.client(news);
    await withTapContext("apply the configuration", () =>
      client.patch(TAP_CONFIGURATION_PATH, tapPatchBody(desired)),
    );
    const previous = normalizeTapConfiguration(isRecord(olds.previous) ? olds.previous : olds);
    return {
      outs: {
        ...desired,
        onDestroy: normalizeOnDestroy(news.onDestroy),
        previous,
        ...providerVersionOf(news),
        ...connectionOf(news),
      },
    };
  }

  async delete(_id: string, props: Props): Promise<void> {
    const onDestroy: OnDestroy = normalizeOnDestroy(props.onDestroy);
    if (onDestroy === "retain") return;
    const client = this.client(props);
    if (onDestroy === "reset") {
      await withTapContext("reset the configuration to Microsoft's defaults", () =>
        client.delete(TAP_CONFIGURATION_PATH),
      );
      return;
    }
    if (!isRecord(props.previous)) {
      throw new Error(
        "TemporaryAccessPassPolicy: cannot restore the configuration found before the first apply: the state " +
          "holds no `previous`. Set onDestroy to `reset` (Microsoft's defaults) or `retain` (leave as is) and run `pulumi up` first.",
      );
    }
    const previous: TapConfiguration = normalizeTapConfiguration(props.previous);
    await withTapContext("restore the configuration found before the first apply", () =>
      client.patch(TAP_CONFIGURATION_PATH, tapPatchBody(previous)),
    );
  }
}

export interface TemporaryAccessPassIncludeTargetArgs {
  /** A user or group object id, or `all_users` (targetType `group`). */
  id: pulumi.Input<string>;
  targetType: pulumi.Input<"user" | "group">;
  /** Whether the targets must register a method; default false. */
  isRegistrationRequired?: pulumi.Input<boolean>;
}

export interface TemporaryAccessPassExcludeTargetArgs {
  /** A user or group object id. */
  id: pulumi.Input<string>;
  targetType: pulumi.Input<"user" | "group">;
}

/** Graph's property names; a property left out takes Microsoft's default (the value a reset gives). */
export interface TemporaryAccessPassPolicyArgs {
  state?: pulumi.Input<"enabled" | "disabled">;
  /** 10..43200, within [minimum, maximum]; default 60. */
  defaultLifetimeInMinutes?: pulumi.Input<number>;
  /** 10..43200; default 60. */
  minimumLifetimeInMinutes?: pulumi.Input<number>;
  /** 10..43200; default 480. */
  maximumLifetimeInMinutes?: pulumi.Input<number>;
  /** 8..48 characters; default 8. */
  defaultLength?: pulumi.Input<number>;
  /** True makes every pass one-time; default false. */
  isUsableOnce?: pulumi.Input<boolean>;
  /** Default: all users. */
  includeTargets?: pulumi.Input<pulumi.Input<TemporaryAccessPassIncludeTargetArgs>[]>;
  excludeTargets?: pulumi.Input<pulumi.Input<TemporaryAccessPassExcludeTargetArgs>[]>;
  /** What `pulumi destroy` does: `restore` (default) the configuration found first, `reset` to Microsoft's defaults, or `retain`. */
  onDestroy?: pulumi.Input<OnDestroy>;
  /** The tenant to act on; default the stack's own connection (connectionInput.ts). */
  connection?: pulumi.Input<TenantConnection>;
}

/** Where the host finds this provider (see thinProvider.ts). */
export const TEMPORARY_ACCESS_PASS_POLICY_PROVIDER: ProviderClassLocation = {
  modulePath: "infra/providers/temporaryAccessPassPolicy.ts",
  exportName: "TemporaryAccessPassPolicyProvider",
};

/** The tenant-wide TAP authentication-method policy (Graph id `TemporaryAccessPass`). */
export class TemporaryAccessPassPolicy extends ThinDynamicResource {
  public readonly state!: pulumi.Output<string>;
  public readonly defaultLifetimeInMinutes!: pulumi.Output<number>;
  public readonly minimumLifetimeInMinutes!: pulumi.Output<number>;
  public readonly maximumLifetimeInMinutes!: pulumi.Output<number>;
  public readonly defaultLength!: pulumi.Output<number>;
  public readonly isUsableOnce!: pulumi.Output<boolean>;
  public readonly includeTargets!: pulumi.Output<TapConfiguration["includeTargets"]>;
  public readonly excludeTargets!: pulumi.Output<TapConfiguration["excludeTargets"]>;
  public readonly onDestroy!: pulumi.Output<OnDestroy>;
  /** The configuration found in the tenant before the first apply. */
  public readonly previous!: pulumi.Output<TapConfiguration>;
  /** The provider code's version that last created or updated the resource (providerVersions.ts). */
  public readonly providerVersion!: pulumi.Output<string>;

  constructor(
    name: string,
    args: TemporaryAccessPassPolicyArgs,
    opts?: pulumi.CustomResourceOptions,
    providerOptions?: GraphProviderOptions,
  ) {
    // Every output is listed so it exists on the resource even when its input is left out.
    const outputs = {
      ...Object.fromEntries(TAP_PROPERTIES.map((p) => [p, undefined])),
      onDestroy: undefined,
    };
    super(
      TEMPORARY_ACCESS_PASS_POLICY_PROVIDER,
      providerOptions,
      name,
      {
        ...outputs,
        ...args,
        previous: undefined,
        providerVersion: TEMPORARY_ACCESS_PASS_POLICY_PROVIDER_VERSION,
      },
      opts,
      "entra",
      "TemporaryAccessPassPolicy",
    );
  }
}
