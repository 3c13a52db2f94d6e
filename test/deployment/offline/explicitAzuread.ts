/**
 * An explicit `azuread.Provider` for the offline engine: the azuread emulation configured from the
 * provider resource's inputs, the way @pulumi/azuread 6.9.1 reads its configuration (explicit
 * settings first, the environment second: terraform-provider-azuread
 * internal/provider/provider.go:98-258 @38d1993a, `DefaultFunc` per setting; see
 * azuread-provider-facts.md §8). The environment is the CLI's, which the provider plugin inherits.
 *
 * What is emulated: a client secret sign-in (`ARM_CLIENT_SECRET`, which the program never passes
 * as an input: connectionInput.ts refuses secrets) to `tenantId` as `clientId`, from the inputs or
 * ARM_TENANT_ID / ARM_CLIENT_ID, in the public cloud (`useOidc` or `useMsi` change nothing while
 * a client secret is set: the provider's authorizer tries a client secret before OIDC and a managed
 * identity, go-azure-sdk sdk/auth/auth.go:38-167 as vendored @38d1993a). The harness points the public cloud's Graph
 * and login hosts at GRAPH_ENDPOINT and AZURE_AUTHORITY_HOST (the sandbox), as it does for the
 * default provider. Anything else (a secret or certificate in the inputs, whose value the offline
 * state would have to keep, another cloud, a metadata host) is refused at Check as not emulated.
 */
import type { NativeProvider, PropertyMap } from "../nativeProvider";
import type { AzureadEmulationOptions } from "../azuread";
import type * as azureadEmulation from "../azuread";
import type { NativeFunction } from "./nativeFunction";
import type { ProviderInstance, ProviderPackage } from "./providerRegistry";
import { StepFailure } from "./resourcePlugin";

/** Inputs that would choose a credential the emulation does not model (or put a secret in state). */
const NOT_EMULATED_SETTINGS = [
  "clientSecret",
  "clientSecretFilePath",
  "clientCertificate",
  "clientCertificatePath",
  "clientCertificatePassword",
  "clientIdFilePath",
  "oidcToken",
  "metadataHost",
];

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The emulation's options for this provider configuration; a StepFailure names what is not emulated. */
export function azureadEmulationOptions(
  config: PropertyMap,
  env: Readonly<Record<string, string | undefined>>,
): Omit<AzureadEmulationOptions, "timeScale"> {
  const refuse = (why: string) =>
    new StepFailure(`the offline engine does not emulate an azuread provider ${why}`);
  const given = NOT_EMULATED_SETTINGS.filter((key) => text(config[key]) !== undefined);
  if (given.length > 0) throw refuse(`configured with ${given.join(", ")}`);
  const environment = text(config.environment) ?? text(env.ARM_ENVIRONMENT) ?? "public";
  if (environment !== "public") throw refuse(`for the ${environment} cloud`);
  const tenantId = text(config.tenantId) ?? text(env.ARM_TENANT_ID);
  const clientId = text(config.clientId) ?? text(env.ARM_CLIENT_ID);
  const clientSecret = text(env.ARM_CLIENT_SECRET);
  const graphEndpoint = text(env.GRAPH_ENDPOINT);
  const authorityHost = text(env.AZURE_AUTHORITY_HOST);
  if (!tenantId || !clientId || !clientSecret)
    throw refuse(
      "without tenantId, clientId (inputs or ARM_TENANT_ID, ARM_CLIENT_ID) and ARM_CLIENT_SECRET: it signs in with a client secret only",
    );
  if (!graphEndpoint || !authorityHost)
    throw refuse("without GRAPH_ENDPOINT and AZURE_AUTHORITY_HOST in the CLI's environment");
  return { tenantId, clientId, clientSecret, graphEndpoint, authorityHost };
}

/** `call`, once the instance's Configure has succeeded; its error otherwise. */
function afterConfigure<A extends unknown[], R>(
  configured: Promise<void>,
  call: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    await configured;
    return call(...args);
  };
}

function configuredProvider(provider: NativeProvider, configured: Promise<void>): NativeProvider {
  return {
    type: provider.type,
    check: afterConfigure(configured, provider.check.bind(provider)),
    diff: afterConfigure(configured, provider.diff.bind(provider)),
    create: afterConfigure(configured, provider.create.bind(provider)),
    read: afterConfigure(configured, provider.read.bind(provider)),
    update: afterConfigure(configured, provider.update.bind(provider)),
    delete: afterConfigure(configured, provider.delete.bind(provider)),
  };
}

function configuredFunction(fn: NativeFunction, configured: Promise<void>): NativeFunction {
  return { token: fn.token, invoke: afterConfigure(configured, fn.invoke.bind(fn)) };
}

/** The azuread package for the provider registry, signing in with the CLI's environment `env`. */
export function azureadPackage(
  env: Readonly<Record<string, string | undefined>>,
  timeScale: number,
): ProviderPackage {
  return {
    check: (config) => {
      azureadEmulationOptions(config, env);
    },
    configure: (config): ProviderInstance => {
      const emulation = (require("../azuread") as typeof azureadEmulation).createAzureadProvider({
        ...azureadEmulationOptions(config, env),
        timeScale,
      });
      const configured = emulation.configure();
      configured.catch(() => undefined);
      return {
        resources: new Map(
          [...emulation.resources].map(([type, provider]) => [
            type,
            configuredProvider(provider, configured),
          ]),
        ),
        functions: new Map(
          [...emulation.functions].map(([token, fn]) => [token, configuredFunction(fn, configured)]),
        ),
      };
    },
  };
}
