/**
 * Engine events as the Pulumi CLI writes them to the automation API's event log for this
 * project's stack, built with the SDK's own `EngineEvent` types (shapes as in
 * `@pulumi/pulumi/automation/events.d.ts` and the CLI's display test data): a step's metadata
 * carries `op`, `urn`, `type`, `provider`, the `old` and `new` state (inputs and outputs), and,
 * when the provider gave them, `diffs`, `keys` and `detailedDiff`.
 */
import type {
  DiagnosticEvent,
  EngineEvent,
  OpType,
  StepEventMetadata,
  StepEventStateMetadata,
} from "@pulumi/pulumi/automation";

export const STACK = "acceptance";
const PREFIX = `urn:pulumi:${STACK}::passwordless-onboarding::`;
const COMPONENT = "passwordless:onboarding:PasswordlessOnboarding";

export const STACK_URN = `${PREFIX}pulumi:pulumi:Stack::passwordless-onboarding-${STACK}`;
export const COMPONENT_URN = `${PREFIX}${COMPONENT}::onboarding`;
export const NODEJS_PROVIDER_URN = `${PREFIX}pulumi:providers:pulumi-nodejs::default`;
export const AZUREAD_PROVIDER_URN = `${PREFIX}pulumi:providers:azuread::default_6_9_1`;

/** A resource of the program: its type token, logical name and URN. */
export interface Declared {
  type: string;
  name: string;
  urn: string;
  custom: boolean;
  provider: string;
}

function child(type: string, name: string, provider: string): Declared {
  return { type, name, urn: `${PREFIX}${COMPONENT}$${type}::${name}`, custom: true, provider };
}

const NODEJS = `${NODEJS_PROVIDER_URN}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`;
const AZUREAD = `${AZUREAD_PROVIDER_URN}::9c1f3e8a-2b7d-4e55-a0c4-6f2d8e1b7a30`;

export const RESOURCES = {
  stack: {
    type: "pulumi:pulumi:Stack",
    name: `passwordless-onboarding-${STACK}`,
    urn: STACK_URN,
    custom: false,
    provider: "",
  },
  component: { type: COMPONENT, name: "onboarding", urn: COMPONENT_URN, custom: false, provider: "" },
  nodejsProvider: {
    type: "pulumi:providers:pulumi-nodejs",
    name: "default",
    urn: NODEJS_PROVIDER_URN,
    custom: true,
    provider: "",
  },
  azureadProvider: {
    type: "pulumi:providers:azuread",
    name: "default_6_9_1",
    urn: AZUREAD_PROVIDER_URN,
    custom: true,
    provider: "",
  },
  tapPolicy: child("pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy", "onboarding-tap-policy", NODEJS),
  registrationPolicy: child(
    "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy",
    "onboarding-registration-policy",
    AZUREAD,
  ),
  autopilotGroup: child("azuread:index/group:Group", "onboarding-autopilot-group", AZUREAD),
  webSignIn: child("pulumi-nodejs:dynamic/intune:SettingsCatalogPolicy", "onboarding-web-sign-in", NODEJS),
  assignment: child(
    "pulumi-nodejs:dynamic/intune:ConfigurationPolicyAssignment",
    "onboarding-web-sign-in-assignment",
    NODEJS,
  ),
} satisfies Record<string, Declared>;

/** A dynamic provider's serialized code, as the SDK stores it among the inputs. */
export const SERIALIZED_PROVIDER =
  "exports.handler = __provider;\n\nfunction __provider() {\n  return (function() {\n";

export const TAP_INPUTS = {
  __provider: SERIALIZED_PROVIDER,
  state: "enabled",
  defaultLifetimeInMinutes: 480,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLength: 8,
  isUsableOnce: false,
  includeTargets: [
    { id: "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d01", targetType: "group", isRegistrationRequired: false },
  ],
  excludeTargets: [],
  onDestroy: "restore",
};

export interface StateOptions {
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** Step metadata for `resource` with the given op, old and new state. */
export function step(
  op: OpType,
  resource: Declared,
  states: { old?: StateOptions | null; new?: StateOptions | null },
  extra: Partial<Pick<StepEventMetadata, "diffs" | "keys" | "detailedDiff" | "logical">> = {},
): StepEventMetadata {
  const state = (options: StateOptions | null | undefined): StepEventStateMetadata | undefined =>
    options
      ? {
          type: resource.type,
          urn: resource.urn,
          ...(resource.custom ? { custom: true } : {}),
          id: options.id ?? "",
          parent: resource.urn === STACK_URN ? "" : resource.type === COMPONENT ? STACK_URN : COMPONENT_URN,
          inputs: options.inputs ?? {},
          outputs: options.outputs ?? {},
          provider: resource.provider,
        }
      : undefined;
  return {
    op,
    urn: resource.urn,
    type: resource.type,
    old: state(states.old),
    new: state(states.new),
    provider: resource.provider,
    ...extra,
  };
}

/** Numbers events the way the event log does. */
export class EventLog {
  private sequence = 0;
  readonly events: EngineEvent[] = [];

  private push(event: Omit<EngineEvent, "sequence" | "timestamp">): this {
    this.sequence += 1;
    this.events.push({ sequence: this.sequence, timestamp: 1767000000 + this.sequence, ...event });
    return this;
  }

  prelude(config: Record<string, string> = {}): this {
    return this.push({ preludeEvent: { config } });
  }

  pre(metadata: StepEventMetadata, planning = false): this {
    return this.push({ resourcePreEvent: planning ? { metadata, planning } : { metadata } });
  }

  outputs(metadata: StepEventMetadata, planning = false): this {
    return this.push({ resOutputsEvent: planning ? { metadata, planning } : { metadata } });
  }

  /** A pre-event and its outputs event, as for a step that completed. */
  both(metadata: StepEventMetadata, planning = false): this {
    return this.pre(metadata, planning).outputs(metadata, planning);
  }

  diagnostic(event: Omit<DiagnosticEvent, "color"> & { color?: string }): this {
    return this.push({ diagnosticEvent: { color: "raw", ...event } });
  }

  failed(metadata: StepEventMetadata): this {
    return this.push({ resOpFailedEvent: { metadata, status: 1, steps: 1 } });
  }

  summary(resourceChanges: Record<string, number>): this {
    return this.push({
      summaryEvent: { maybeCorrupt: false, durationSeconds: 42, resourceChanges, policyPacks: {} },
    }).push({ cancelEvent: {} });
  }
}
