/**
 * PasswordlessOnboarding: everything one tenant needs so a new joiner can set up an Autopilot
 * device with a Temporary Access Pass and never receive a password.
 */
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { managesRegistrationPolicy, managesWebSignIn } from "../policies/managed";
import { desiredRegistrationPolicy } from "../policies/registrationPolicy";
import { describeOnboarding } from "../policies/summary";
import { desiredTemporaryAccessPassConfiguration } from "../policies/temporaryAccessPass";
import { desiredWebSignInProfile } from "../policies/webSignIn";
import { componentSettings, type OnboardingSettingsSource } from "./componentSettings";
import { enforceGuardrails } from "./guardrails";
import type { OnboardingSettings } from "../policies/settings";
import type { AdoptionPlan } from "./native/adoption";
import { alignToExisting } from "./native/alignLists";
import { autopilotGroupArgs } from "./native/autopilotGroupArgs";
import { conditionalAccessPolicyArgs } from "./native/conditionalAccessPolicyArgs";
import { DisplayNameGuard } from "./providers/displayNameGuard";
import { TemporaryAccessPassPolicy } from "./providers/temporaryAccessPassPolicy";
import { ConfigurationPolicyAssignment } from "./providers/configurationPolicyAssignment";
import { SettingsCatalogPolicy } from "./providers/settingsCatalogPolicy";
import { checkConnection, type TenantConnection } from "./providers/connectionInput";
import { problemListMessage } from "./problemList";
import { claimTenant } from "./tenantClaims";

export const PASSWORDLESS_ONBOARDING_TYPE = "passwordless:onboarding:PasswordlessOnboarding";

/**
 * Exactly one of `settings` (validated, object ids only: infra/references) or `config` (the raw
 * config shape, validated here with the stack config's messages) decides every object declared.
 */
export interface PasswordlessOnboardingArgs extends OnboardingSettingsSource {
  /** Existing objects to take over with Pulumi's `import` option (infra/native/adoption.ts); none when absent. */
  adoption?: AdoptionPlan;
  /**
   * The tenant to act on, as an `azuread.Provider` takes it (no secrets: a client secret stays in
   * ARM_CLIENT_SECRET; OIDC, a managed identity or the Azure CLI need none). Default: the stack's
   * own connection (`azuread:` config and ARM_* variables). The registration policy and the group
   * get an azuread provider for it; the Graph resources carry it as their `connection` input.
   */
  connection?: TenantConnection;
}

export class PasswordlessOnboarding extends pulumi.ComponentResource {
  /** Id of the tenant's Temporary Access Pass policy (always `TemporaryAccessPass`). */
  public readonly temporaryAccessPassPolicyId: pulumi.Output<string>;
  /**
   * Object id of the Conditional Access policy "require MFA to register security info";
   * undefined when `registrationPolicy.manage` is false.
   */
  public readonly registrationPolicyId: pulumi.Output<string | undefined>;
  /**
   * Object id of the Autopilot device group: the one created here, or `autopilot.existingGroupId`;
   * undefined when `webSignIn.manage` is false.
   */
  public readonly autopilotGroupId: pulumi.Output<string | undefined>;
  /** Id of the Intune settings-catalog profile that enables Web sign-in; undefined when `webSignIn.manage` is false. */
  public readonly webSignInPolicyId: pulumi.Output<string | undefined>;
  /**
   * Id of the profile's assignment list (the profile's id: the resource owns the whole list);
   * undefined when `webSignIn.manage` is false.
   */
  public readonly webSignInAssignmentId: pulumi.Output<string | undefined>;
  /** One line for people: who gets a TAP, how the CA policy runs, where Web sign-in goes. */
  public readonly summary: pulumi.Output<string>;

  constructor(name: string, args: PasswordlessOnboardingArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can refuse the component runs before it or any child is registered.
    const settings = componentSettings(name, args);
    const connectionFailures = checkConnection({ connection: args.connection });
    if (connectionFailures.length > 0) {
      throw new pulumi.RunError(
        problemListMessage(
          `PasswordlessOnboarding ${JSON.stringify(name)}: invalid connection`,
          connectionFailures.map((failure) => `${failure.property}: ${failure.reason}`),
        ),
      );
    }
    claimTenant(name, args.connection);
    enforceGuardrails(settings);
    super(PASSWORDLESS_ONBOARDING_TYPE, name, {}, opts);
    const adoption = args.adoption ?? {};
    const connection = args.connection === undefined ? {} : { connection: args.connection };
    const managesPolicy = managesRegistrationPolicy(settings);
    const managesProfile = managesWebSignIn(settings);
    const createsGroup = managesProfile && settings.autopilot.existingGroupId === undefined;
    // The guards come first: they refuse (in preview already) to create a second object with a name
    // the tenant already has, and every resource that writes to the tenant waits for them.
    const guards: DisplayNameGuard[] = [];
    if (managesPolicy) {
      guards.push(
        new DisplayNameGuard(
          `${name}-registration-policy-guard`,
          {
            objectType: "conditionalAccessPolicy",
            displayName: settings.registrationPolicy.displayName,
            adopt: settings.registrationPolicy.adoptExisting === true,
            ...connection,
          },
          { parent: this },
        ),
      );
    }
    if (createsGroup) {
      guards.push(
        new DisplayNameGuard(
          `${name}-autopilot-group-guard`,
          {
            objectType: "group",
            displayName: settings.autopilot.groupDisplayName,
            adopt: settings.autopilot.adoptExisting === true,
            ...connection,
          },
          { parent: this },
        ),
      );
    }

    // An azuread provider only when an azuread resource follows (a TAP-only stack needs no plugin).
    // It waits for the guards: a guard that refuses a move to another tenant must stop the
    // provider's update too, or its state would name the new tenant while its objects are in the old.
    const azureadProvider =
      args.connection === undefined || !(managesPolicy || createsGroup)
        ? undefined
        : new azuread.Provider(
            `${name}-azuread`,
            { ...args.connection },
            { parent: this, dependsOn: guards },
          );
    const azureadOptions = azureadProvider === undefined ? {} : { provider: azureadProvider };

    const tapPolicy = new TemporaryAccessPassPolicy(
      `${name}-tap-policy`,
      {
        ...desiredTemporaryAccessPassConfiguration(settings.temporaryAccessPass),
        onDestroy: settings.temporaryAccessPass.onDestroy,
        ...connection,
      },
      { parent: this, dependsOn: guards },
    );
    this.temporaryAccessPassPolicyId = tapPolicy.id;

    this.registrationPolicyId = managesPolicy
      ? this.declareRegistrationPolicy(name, settings, adoption, guards, azureadOptions)
      : pulumi.output(undefined);

    if (managesProfile) {
      const declared = this.declareWebSignIn(name, settings, adoption, guards, azureadOptions, connection);
      this.autopilotGroupId = declared.autopilotGroupId;
      this.webSignInPolicyId = declared.webSignInPolicyId;
      this.webSignInAssignmentId = declared.webSignInAssignmentId;
    } else {
      this.autopilotGroupId = pulumi.output(undefined);
      this.webSignInPolicyId = pulumi.output(undefined);
      this.webSignInAssignmentId = pulumi.output(undefined);
    }
    this.summary = pulumi.output(describeOnboarding(settings));

    this.registerOutputs({
      temporaryAccessPassPolicyId: this.temporaryAccessPassPolicyId,
      registrationPolicyId: this.registrationPolicyId,
      autopilotGroupId: this.autopilotGroupId,
      webSignInPolicyId: this.webSignInPolicyId,
      webSignInAssignmentId: this.webSignInAssignmentId,
      summary: this.summary,
    });
  }

  private declareRegistrationPolicy(
    name: string,
    settings: OnboardingSettings,
    adoption: AdoptionPlan,
    guards: DisplayNameGuard[],
    azureadOptions: pulumi.CustomResourceOptions,
  ): pulumi.Output<string> {
    // An adopted policy's lists keep the tenant's order when they hold the same values (alignLists.ts).
    const desiredPolicy = desiredRegistrationPolicy(settings.registrationPolicy);
    const adoptedPolicy = adoption.registrationPolicy;
    const registrationPolicy = new azuread.ConditionalAccessPolicy(
      `${name}-registration-policy`,
      conditionalAccessPolicyArgs(
        adoptedPolicy === undefined ? desiredPolicy : alignToExisting(desiredPolicy, adoptedPolicy.graph),
      ),
      {
        parent: this,
        dependsOn: guards,
        ...azureadOptions,
        ...(adoptedPolicy ? { import: adoptedPolicy.importId } : {}),
      },
    );
    // azuread's `id` is a path (`/identity/conditionalAccess/policies/<guid>`); the object id is `objectId`.
    return registrationPolicy.objectId;
  }

  /** The Web sign-in profile, the Autopilot group (unless an existing one is named) and the assignment. */
  private declareWebSignIn(
    name: string,
    settings: OnboardingSettings,
    adoption: AdoptionPlan,
    guards: DisplayNameGuard[],
    azureadOptions: pulumi.CustomResourceOptions,
    connection: { connection?: TenantConnection },
  ) {
    const existingGroupId = settings.autopilot.existingGroupId;
    const adoptedGroup = adoption.autopilotGroup;
    const autopilotGroup =
      existingGroupId === undefined
        ? new azuread.Group(`${name}-autopilot-group`, autopilotGroupArgs(settings.autopilot), {
            parent: this,
            dependsOn: guards,
            ...azureadOptions,
            ...(adoptedGroup ? { import: adoptedGroup.importId } : {}),
          })
        : undefined;
    // Intune's assignment needs the group's object id, not azuread's `id` (`/groups/<guid>`).
    const autopilotGroupId = autopilotGroup?.objectId ?? pulumi.output(existingGroupId as string);

    const webSignInPolicy = new SettingsCatalogPolicy(
      `${name}-web-sign-in`,
      {
        ...desiredWebSignInProfile(settings.webSignIn),
        adoptExisting: settings.webSignIn.adoptExisting,
        ...connection,
      },
      { parent: this, dependsOn: guards },
    );

    const assignment = new ConfigurationPolicyAssignment(
      `${name}-web-sign-in-assignment`,
      {
        policyId: webSignInPolicy.id,
        assignments: [{ target: "group", groupId: autopilotGroupId }],
        ...connection,
      },
      {
        parent: this,
        dependsOn: [webSignInPolicy, ...(autopilotGroup ? [autopilotGroup] : []), ...guards],
      },
    );
    return {
      autopilotGroupId,
      webSignInPolicyId: webSignInPolicy.id,
      webSignInAssignmentId: assignment.id,
    };
  }
}
