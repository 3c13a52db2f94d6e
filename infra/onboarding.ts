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
import type { AdoptionPlan } from "./native/adoption";
import { alignToExisting } from "./native/alignLists";
import { autopilotGroupArgs } from "./native/autopilotGroupArgs";
import { conditionalAccessPolicyArgs } from "./native/conditionalAccessPolicyArgs";
import { DisplayNameGuard } from "./providers/displayNameGuard";
import { TemporaryAccessPassPolicy } from "./providers/temporaryAccessPassPolicy";
import { ConfigurationPolicyAssignment } from "./providers/configurationPolicyAssignment";
import { SettingsCatalogPolicy } from "./providers/settingsCatalogPolicy";

export const PASSWORDLESS_ONBOARDING_TYPE = "passwordless:onboarding:PasswordlessOnboarding";

export interface PasswordlessOnboardingArgs {
  /** The validated, resolved stack settings (object ids only: infra/references); decide every object declared here. */
  settings: OnboardingSettings;
  /** Existing objects to take over with Pulumi's `import` option (infra/native/adoption.ts); none when absent. */
  adoption?: AdoptionPlan;
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
    const adoption = args.adoption ?? {};
    const existingGroupId = settings.autopilot.existingGroupId;

    // The guards come first: they refuse (in preview already) to create a second object with a name
    // the tenant already has, and every resource that writes to the tenant waits for them.
    const guards: DisplayNameGuard[] = [
      new DisplayNameGuard(
        `${name}-registration-policy-guard`,
        {
          objectType: "conditionalAccessPolicy",
          displayName: settings.registrationPolicy.displayName,
          adopt: settings.registrationPolicy.adoptExisting === true,
        },
        { parent: this },
      ),
    ];
    if (existingGroupId === undefined) {
      guards.push(
        new DisplayNameGuard(
          `${name}-autopilot-group-guard`,
          {
            objectType: "group",
            displayName: settings.autopilot.groupDisplayName,
            adopt: settings.autopilot.adoptExisting === true,
          },
          { parent: this },
        ),
      );
    }

    const tapPolicy = new TemporaryAccessPassPolicy(
      `${name}-tap-policy`,
      {
        ...desiredTemporaryAccessPassConfiguration(settings.temporaryAccessPass),
        onDestroy: settings.temporaryAccessPass.onDestroy,
      },
      { parent: this, dependsOn: guards },
    );
    this.temporaryAccessPassPolicyId = tapPolicy.id;

    // An adopted policy's lists keep the tenant's order when they hold the same values (alignLists.ts).
    const desiredPolicy = desiredRegistrationPolicy(settings.registrationPolicy);
    const adoptedPolicy = adoption.registrationPolicy;
    const registrationPolicy = new azuread.ConditionalAccessPolicy(
      `${name}-registration-policy`,
      conditionalAccessPolicyArgs(
        adoptedPolicy === undefined ? desiredPolicy : alignToExisting(desiredPolicy, adoptedPolicy.graph),
      ),
      { parent: this, dependsOn: guards, ...(adoptedPolicy ? { import: adoptedPolicy.importId } : {}) },
    );
    // azuread's `id` is a path (`/identity/conditionalAccess/policies/<guid>`); the object id is `objectId`.
    this.registrationPolicyId = registrationPolicy.objectId;

    const adoptedGroup = adoption.autopilotGroup;
    const autopilotGroup =
      existingGroupId === undefined
        ? new azuread.Group(`${name}-autopilot-group`, autopilotGroupArgs(settings.autopilot), {
            parent: this,
            dependsOn: guards,
            ...(adoptedGroup ? { import: adoptedGroup.importId } : {}),
          })
        : undefined;
    // Intune's assignment needs the group's object id, not azuread's `id` (`/groups/<guid>`).
    this.autopilotGroupId = autopilotGroup?.objectId ?? pulumi.output(existingGroupId as string);

    const webSignInPolicy = new SettingsCatalogPolicy(
      `${name}-web-sign-in`,
      { ...desiredWebSignInProfile(settings.webSignIn), adoptExisting: settings.webSignIn.adoptExisting },
      { parent: this, dependsOn: guards },
    );
    this.webSignInPolicyId = webSignInPolicy.id;

    const assignment = new ConfigurationPolicyAssignment(
      `${name}-web-sign-in-assignment`,
      { policyId: webSignInPolicy.id, assignments: [{ target: "group", groupId: this.autopilotGroupId }] },
      {
        parent: this,
        dependsOn: [webSignInPolicy, ...(autopilotGroup ? [autopilotGroup] : []), ...guards],
      },
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
