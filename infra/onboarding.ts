/**
 * PasswordlessOnboarding: everything one tenant needs so a new joiner can set up an Autopilot
 * device with a Temporary Access Pass and never receive a password.
 */
import * as azuread from "@pulumi/azuread";
import * as pulumi from "@pulumi/pulumi";
import { desiredRegistrationPolicy } from "../policies/registrationPolicy";
import type { OnboardingSettings } from "../policies/settings";
import { describeOnboarding } from "../policies/summary";
import { desiredTemporaryAccessPassConfiguration } from "../policies/temporaryAccessPass";
import { desiredWebSignInProfile } from "../policies/webSignIn";
import { autopilotGroupArgs } from "./native/autopilotGroupArgs";
import { conditionalAccessPolicyArgs } from "./native/conditionalAccessPolicyArgs";
import { TemporaryAccessPassPolicy } from "./providers/temporaryAccessPassPolicy";
import { ConfigurationPolicyAssignment } from "./providers/configurationPolicyAssignment";
import { SettingsCatalogPolicy } from "./providers/settingsCatalogPolicy";

export const PASSWORDLESS_ONBOARDING_TYPE = "passwordless:onboarding:PasswordlessOnboarding";

export interface PasswordlessOnboardingArgs {
  /** The validated stack settings (see infra/config.ts); decide every object declared here. */
  settings: OnboardingSettings;
}

export class PasswordlessOnboarding extends pulumi.ComponentResource {
  /** Id of the tenant's Temporary Access Pass policy (always `TemporaryAccessPass`). */
  public readonly temporaryAccessPassPolicyId: pulumi.Output<string>;
  /** Object id of the Conditional Access policy "require MFA to register security info". */
  public readonly registrationPolicyId: pulumi.Output<string>;
  /** Object id of the Autopilot device group: the one created here, or `autopilot.existingGroupId`. */
  public readonly autopilotGroupId: pulumi.Output<string>;
  /** Id of the Intune settings-catalog profile that enables Web sign-in. */
  public readonly webSignInPolicyId: pulumi.Output<string>;
  /** Id of the profile's assignment list (the profile's id: the resource owns the whole list). */
  public readonly webSignInAssignmentId: pulumi.Output<string>;
  /** One line for people: who gets a TAP, how the CA policy runs, where Web sign-in goes. */
  public readonly summary: pulumi.Output<string>;

  constructor(name: string, args: PasswordlessOnboardingArgs, opts?: pulumi.ComponentResourceOptions) {
    super(PASSWORDLESS_ONBOARDING_TYPE, name, {}, opts);
    const { settings } = args;

    const tapPolicy = new TemporaryAccessPassPolicy(
      `${name}-tap-policy`,
      {
        ...desiredTemporaryAccessPassConfiguration(settings.temporaryAccessPass),
        onDestroy: settings.temporaryAccessPass.onDestroy,
      },
      { parent: this },
    );
    this.temporaryAccessPassPolicyId = tapPolicy.id;

    const registrationPolicy = new azuread.ConditionalAccessPolicy(
      `${name}-registration-policy`,
      conditionalAccessPolicyArgs(desiredRegistrationPolicy(settings.registrationPolicy)),
      { parent: this },
    );
    // azuread's `id` is a path (`/identity/conditionalAccess/policies/<guid>`); the object id is `objectId`.
    this.registrationPolicyId = registrationPolicy.objectId;

    const existingGroupId = settings.autopilot.existingGroupId;
    const autopilotGroup =
      existingGroupId === undefined
        ? new azuread.Group(`${name}-autopilot-group`, autopilotGroupArgs(settings.autopilot), {
            parent: this,
          })
        : undefined;
    // Intune's assignment needs the group's object id, not azuread's `id` (`/groups/<guid>`).
    this.autopilotGroupId = autopilotGroup?.objectId ?? pulumi.output(existingGroupId as string);

    const webSignInPolicy = new SettingsCatalogPolicy(
      `${name}-web-sign-in`,
      { ...desiredWebSignInProfile(settings.webSignIn), adoptExisting: settings.webSignIn.adoptExisting },
      { parent: this },
    );
    this.webSignInPolicyId = webSignInPolicy.id;

    const assignment = new ConfigurationPolicyAssignment(
      `${name}-web-sign-in-assignment`,
      { policyId: webSignInPolicy.id, assignments: [{ target: "group", groupId: this.autopilotGroupId }] },
      { parent: this, dependsOn: autopilotGroup ? [webSignInPolicy, autopilotGroup] : [webSignInPolicy] },
    );
    this.webSignInAssignmentId = assignment.id;
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
}
