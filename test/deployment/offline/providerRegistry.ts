/**
 * The engine's provider registry for one operation of the offline engine
 * (pkg/resource/deploy/providers/registry.go @ v3.248.0): the resource provider of explicit
 * provider resources (`pulumi:providers:<pkg>`), and the configured provider instance behind each
 * provider reference a resource or invoke carries.
 *
 * As a resource provider (registry.go:613-1040):
 * - Check: the package's CheckConfig on the inputs; they are kept as given.
 * - Diff: the package's DiffConfig. For a bridged provider (azuread) that is the inputs' own diff,
 *   and no key replaces the provider unless its schema sets ForcesProviderReplace
 *   (pulumi-terraform-bridge pkg/tfbridge/provider.go:774-876 @26e62205), which
 *   pulumi-azuread v6.9.1 sets for none (provider/resources.go): a changed `tenantId` is an
 *   Update of the provider, under the same id, and the resources that use it are then diffed,
 *   read and written through the new configuration, as the engine does.
 * - Create: a new UUID (the unknown id in a preview); the outputs are the inputs without
 *   `__internal`; the provider is configured with them (also in a preview). Update: configured with
 *   the new inputs, same id. Same (Diff found nothing): configured with the old inputs
 *   (step.go:150-173 `SameStep.Apply`). Read (refresh): nothing changes (step.go:1501-1502).
 *   Delete: nothing but unloading it.
 *
 * A resource's or invoke's reference resolves to the provider as this operation configured it, or,
 * when the program did not register it (refresh, destroy, a resource the program dropped), to its
 * state, configured from its stored inputs (deployment.go `EnsureProvider`). Configuring an
 * instance may sign in; a failure surfaces at the instance's first call, as the engine's plugin
 * configures in the background and every later call waits for it (sdk/go/common/resource/plugin/
 * provider_plugin.go:1022-1110, :128).
 */
import { randomUUID } from "node:crypto";
import type { NativeProvider, PropertyMap } from "../nativeProvider";
import { changedInputs } from "./deploymentPlan";
import type { NativeFunction } from "./nativeFunction";
import { parseProviderReference, providerConfig, providerPackage } from "./providerResources";
import { StepFailure, type ResourcePlugin } from "./resourcePlugin";
import type { ResourceRecord } from "./stackState";

/** A configured provider: its resources by type token and its functions by token. */
export interface ProviderInstance {
  resources: ReadonlyMap<string, NativeProvider>;
  functions: ReadonlyMap<string, NativeFunction>;
}

/** What the offline engine can do for one provider package. */
export interface ProviderPackage {
  /** CheckConfig: throws a StepFailure when the configuration cannot be emulated. */
  check(config: PropertyMap): void;
  /** Configure: an instance acting with this configuration (its calls fail if signing in does). */
  configure(config: PropertyMap): ProviderInstance;
}

interface Registered {
  type: string;
  config: PropertyMap;
}

export class ProviderRegistry {
  private readonly olds = new Map<string, ResourceRecord>();
  private readonly registered = new Map<string, Registered>();
  private readonly instances = new Map<string, ProviderInstance>();

  constructor(
    oldResources: readonly ResourceRecord[],
    private readonly packages: ReadonlyMap<string, ProviderPackage>,
  ) {
    for (const record of oldResources) this.olds.set(record.urn, record);
  }

  /** The resource provider of a `pulumi:providers:<pkg>` resource. */
  plugin(record: { urn: string; type: string }): ResourcePlugin {
    const { urn, type } = record;
    const pkg = this.package(type);
    return {
      supportsPreview: true,
      check: (_olds, news) => {
        pkg.check(providerConfig(news));
        return Promise.resolve({ inputs: news, failures: [] });
      },
      diff: (_id, _olds, news, oldInputs) => {
        const diffs = changedInputs(providerConfig(oldInputs), providerConfig(news));
        if (diffs.length === 0) this.configure(urn, type, oldInputs);
        return Promise.resolve({
          changes: diffs.length > 0 ? "some" : "none",
          replaces: [],
          deleteBeforeReplace: false,
          diffs,
        });
      },
      create: (inputs, preview) => {
        this.configure(urn, type, inputs);
        return Promise.resolve({ id: preview ? "" : randomUUID(), outputs: providerConfig(inputs) });
      },
      read: (id, outputs, inputs) => Promise.resolve({ id, outputs, inputs }),
      update: (_id, _olds, news) => {
        this.configure(urn, type, news);
        return Promise.resolve(providerConfig(news));
      },
      delete: () => Promise.resolve(),
    };
  }

  /** The configured instance behind a provider reference (`<urn>::<id>`). */
  instanceFor(reference: string): ProviderInstance {
    const { urn, id } = parseProviderReference(reference);
    let provider = this.registered.get(urn);
    const old = this.olds.get(urn);
    if (!provider && old && old.id === id) provider = { type: old.type, config: providerConfig(old.inputs) };
    if (!provider) throw new StepFailure(`could not find provider ${reference}`);
    return this.instance(urn, provider);
  }

  private configure(urn: string, type: string, inputs: PropertyMap): void {
    const provider = { type, config: providerConfig(inputs) };
    this.registered.set(urn, provider);
    this.instance(urn, provider);
  }

  private instance(urn: string, provider: Registered): ProviderInstance {
    const key = `${urn}\n${JSON.stringify(provider.config)}`;
    let instance = this.instances.get(key);
    if (!instance) {
      instance = this.package(provider.type).configure(provider.config);
      this.instances.set(key, instance);
    }
    return instance;
  }

  private package(type: string): ProviderPackage {
    const pkg = this.packages.get(providerPackage(type));
    if (!pkg) throw new StepFailure(`the offline engine has no provider for the package of ${type}`);
    return pkg;
  }
}
