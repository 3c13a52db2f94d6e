import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { parseSettings, readSettings, SettingsError, validateSettings } from "../../infra/config";
import { DEFAULT_SETTINGS, type OnboardingSettings } from "../../policies/settings";
import { itReportsOnlyProblem, onlyProblemOf, problemsOf, type BadConfig } from "./support/settingsProblems";

const GROUP_A = "11111111-1111-4111-8111-111111111111";
const GROUP_B = "22222222-2222-4222-8222-222222222222";
const USER_A = "33333333-3333-4333-8333-333333333333";

describe("parseSettings", () => {
  describe("defaults", () => {
    it("returns DEFAULT_SETTINGS when no key is set", () => {
      assert.deepEqual(parseSettings({}), DEFAULT_SETTINGS);
    });

    it("treats empty mappings, null values and null lists whose default is empty as unset", () => {
      const settings = parseSettings({
        temporaryAccessPass: { state: null, excludeGroupIds: null },
        registrationPolicy: {},
        autopilot: { groupTag: null },
        webSignIn: {},
        guardrails: { suppress: null },
      });
      assert.deepEqual(settings, DEFAULT_SETTINGS);
    });

    it("fills every missing property of a partly set key from the defaults", () => {
      const settings = parseSettings({
        temporaryAccessPass: { state: "disabled", includeGroupIds: [GROUP_A] },
      });
      assert.deepEqual(settings.temporaryAccessPass, {
        ...DEFAULT_SETTINGS.temporaryAccessPass,
        state: "disabled",
        includeGroupIds: [GROUP_A],
      });
    });

    it("does not share default lists with DEFAULT_SETTINGS", () => {
      const settings = parseSettings({});
      settings.temporaryAccessPass.includeGroupIds.push(GROUP_A);
      assert.deepEqual(DEFAULT_SETTINGS.temporaryAccessPass.includeGroupIds, ["all_users"]);
    });

    it("leaves optional settings out when they are not set", () => {
      const settings = parseSettings({});
      assert.equal("authenticationStrengthPolicyId" in settings.registrationPolicy, false);
      assert.equal("groupTag" in settings.autopilot, false);
      assert.equal("existingGroupId" in settings.autopilot, false);
    });
  });

  describe("accepts", () => {
    it("a complete valid configuration, value for value", () => {
      const expected: OnboardingSettings = {
        temporaryAccessPass: {
          state: "enabled",
          defaultLifetimeInMinutes: 480,
          minimumLifetimeInMinutes: 10,
          maximumLifetimeInMinutes: 43200,
          defaultLength: 48,
          isUsableOnce: true,
          includeGroupIds: [GROUP_A, GROUP_B],
          excludeGroupIds: [USER_A],
          onDestroy: "retain",
        },
        registrationPolicy: {
          displayName: "Registration",
          state: "enabled",
          breakGlassUserIds: [USER_A],
          excludeGroupIds: [GROUP_B],
          excludeGuests: false,
          excludeRoleTemplateIds: [],
          allowFromTrustedLocations: false,
          authenticationStrengthPolicyId: "00000000-0000-0000-0000-000000000004",
          adoptExisting: true,
          manage: true,
        },
        autopilot: { groupDisplayName: "Kiosks", groupTag: "Kiosk_01.EU west", adoptExisting: true },
        webSignIn: {
          policyName: "WSI",
          description: "",
          enablePasswordlessExperience: true,
          adoptExisting: true,
          manage: true,
        },
        guardrails: { suppress: { "PO-TAP-004": "Every user is onboarded with a pass in this tenant." } },
      };
      assert.deepEqual(parseSettings(expected as unknown as Record<string, unknown>), expected);
    });

    it("an existing group id instead of a tag", () => {
      const settings = parseSettings({ autopilot: { existingGroupId: GROUP_A } });
      assert.deepEqual(settings.autopilot, {
        groupDisplayName: "Autopilot devices",
        existingGroupId: GROUP_A,
        adoptExisting: false,
      });
    });

    it("a stack that manages only the TAP policy (registrationPolicy and webSignIn with manage: false)", () => {
      const settings = parseSettings({
        temporaryAccessPass: { includeGroupIds: [GROUP_A] },
        registrationPolicy: { manage: false },
        webSignIn: { manage: false },
      });
      assert.equal(settings.registrationPolicy.manage, false);
      assert.equal(settings.webSignIn.manage, false);
      assert.deepEqual(settings.temporaryAccessPass.includeGroupIds, [GROUP_A]);
      // The unmanaged sections hold their defaults, which nothing declares.
      assert.deepEqual(settings.autopilot, DEFAULT_SETTINGS.autopilot);
    });

    it("upper-case GUIDs", () => {
      const upper = GROUP_A.toUpperCase().replace(/1/g, "A");
      assert.deepEqual(
        parseSettings({ temporaryAccessPass: { includeGroupIds: [upper] } }).temporaryAccessPass
          .includeGroupIds,
        [upper],
      );
    });
  });

  describe("rejects, naming the full key, what was expected and what was found:", () => {
    const cases: BadConfig[] = [
      [
        "an unknown TAP state",
        { temporaryAccessPass: { state: "on" } },
        'passwordless-onboarding:temporaryAccessPass.state must be one of "enabled", "disabled"; got "on"',
      ],
      [
        "an unknown onDestroy",
        { temporaryAccessPass: { onDestroy: "delete" } },
        'passwordless-onboarding:temporaryAccessPass.onDestroy must be one of "restore", "reset", "retain"; got "delete"',
      ],
      [
        "an unknown Conditional Access state",
        { registrationPolicy: { state: "reportOnly" } },
        'passwordless-onboarding:registrationPolicy.state must be one of "enabled", "disabled", "enabledForReportingButNotEnforced"; got "reportOnly"',
      ],
      [
        "a TAP length below 8",
        { temporaryAccessPass: { defaultLength: 7 } },
        "passwordless-onboarding:temporaryAccessPass.defaultLength must be an integer between 8 and 48; got 7",
      ],
      [
        "a TAP length above 48",
        { temporaryAccessPass: { defaultLength: 49 } },
        "passwordless-onboarding:temporaryAccessPass.defaultLength must be an integer between 8 and 48; got 49",
      ],
      [
        "a fractional TAP length",
        { temporaryAccessPass: { defaultLength: 8.5 } },
        "passwordless-onboarding:temporaryAccessPass.defaultLength must be an integer between 8 and 48; got 8.5",
      ],
      [
        "a number written as text",
        { temporaryAccessPass: { defaultLength: "8" } },
        'passwordless-onboarding:temporaryAccessPass.defaultLength must be an integer between 8 and 48; got "8"',
      ],
      [
        "a minimum lifetime below 10 minutes",
        { temporaryAccessPass: { minimumLifetimeInMinutes: 9 } },
        "passwordless-onboarding:temporaryAccessPass.minimumLifetimeInMinutes must be an integer between 10 and 43200; got 9",
      ],
      [
        "a maximum lifetime above 30 days",
        { temporaryAccessPass: { maximumLifetimeInMinutes: 43201 } },
        "passwordless-onboarding:temporaryAccessPass.maximumLifetimeInMinutes must be an integer between 10 and 43200; got 43201",
      ],
      [
        "a default lifetime outside the allowed range",
        { temporaryAccessPass: { defaultLifetimeInMinutes: 0 } },
        "passwordless-onboarding:temporaryAccessPass.defaultLifetimeInMinutes must be an integer between 10 and 43200; got 0",
      ],
      [
        "a default lifetime above the maximum",
        { temporaryAccessPass: { defaultLifetimeInMinutes: 600 } },
        "passwordless-onboarding:temporaryAccessPass.defaultLifetimeInMinutes must be between minimumLifetimeInMinutes (60) and maximumLifetimeInMinutes (480); got 600",
      ],
      [
        "a default lifetime below the minimum",
        { temporaryAccessPass: { minimumLifetimeInMinutes: 120, defaultLifetimeInMinutes: 90 } },
        "passwordless-onboarding:temporaryAccessPass.defaultLifetimeInMinutes must be between minimumLifetimeInMinutes (120) and maximumLifetimeInMinutes (480); got 90",
      ],
      [
        "a minimum lifetime above the maximum",
        { temporaryAccessPass: { minimumLifetimeInMinutes: 600, defaultLifetimeInMinutes: 600 } },
        "passwordless-onboarding:temporaryAccessPass.minimumLifetimeInMinutes must not be greater than maximumLifetimeInMinutes (480); got 600",
      ],
      [
        "a non-boolean isUsableOnce",
        { temporaryAccessPass: { isUsableOnce: "no" } },
        'passwordless-onboarding:temporaryAccessPass.isUsableOnce must be true or false; got "no"',
      ],
      [
        "a group id that is not a GUID",
        { temporaryAccessPass: { includeGroupIds: ["new-hires"] } },
        'passwordless-onboarding:temporaryAccessPass.includeGroupIds[0] must be a group object id (a GUID such as 00000000-0000-0000-0000-000000000000), "all_users" or a mapping { displayName: "<group display name>" }; got "new-hires". To name the group instead, write { displayName: "new-hires" }',
      ],
      [
        "a group id list that is not a list",
        { temporaryAccessPass: { includeGroupIds: GROUP_A } },
        `passwordless-onboarding:temporaryAccessPass.includeGroupIds must be a list, each entry a group object id (a GUID such as 00000000-0000-0000-0000-000000000000), "all_users" or a mapping { displayName: "<group display name>" }; got "${GROUP_A}"`,
      ],
      [
        "an empty include list",
        { temporaryAccessPass: { includeGroupIds: [] } },
        'passwordless-onboarding:temporaryAccessPass.includeGroupIds must list at least one group object id, or "all_users"; got an empty list. ' +
          'Remove includeGroupIds to use the default ["all_users"], or write includeGroupIds: [all_users] to target every user explicitly',
      ],
      [
        "all_users next to specific groups",
        { temporaryAccessPass: { includeGroupIds: ["all_users", GROUP_A] } },
        `passwordless-onboarding:temporaryAccessPass.includeGroupIds must be either ["all_users"] or a list of group object ids, not both; got a list ["all_users","${GROUP_A}"]`,
      ],
      [
        "all_users among the excluded groups",
        { temporaryAccessPass: { excludeGroupIds: ["all_users"] } },
        'passwordless-onboarding:temporaryAccessPass.excludeGroupIds[0] must be a group object id (a GUID such as 00000000-0000-0000-0000-000000000000) or a mapping { displayName: "<group display name>" }; got "all_users"',
      ],
      [
        "all_users among the break-glass accounts",
        { registrationPolicy: { breakGlassUserIds: ["all_users"] } },
        'passwordless-onboarding:registrationPolicy.breakGlassUserIds[0] must be a user object id (a GUID such as 00000000-0000-0000-0000-000000000000) or a mapping { userPrincipalName: "<user principal name>" }; got "all_users"',
      ],
      [
        "a duplicate group id (ignoring case)",
        { registrationPolicy: { excludeGroupIds: [GROUP_A, GROUP_B, GROUP_A.toUpperCase()] } },
        `passwordless-onboarding:registrationPolicy.excludeGroupIds lists ${GROUP_A.toUpperCase()} more than once (entries 0 and 2); list each id once`,
      ],
      [
        "a duplicate role template id",
        {
          registrationPolicy: {
            excludeRoleTemplateIds: [
              "62e90394-69f5-4237-9190-012177145e10",
              "62e90394-69f5-4237-9190-012177145e10",
            ],
          },
        },
        "passwordless-onboarding:registrationPolicy.excludeRoleTemplateIds lists 62e90394-69f5-4237-9190-012177145e10 more than once (entries 0 and 1); list each id once",
      ],
      [
        "a role template id that is a role name",
        { registrationPolicy: { excludeRoleTemplateIds: ["Global Administrator"] } },
        'passwordless-onboarding:registrationPolicy.excludeRoleTemplateIds[0] must be a directory role template id (a GUID such as 00000000-0000-0000-0000-000000000000); got "Global Administrator"',
      ],
      [
        "a malformed authentication strength id",
        { registrationPolicy: { authenticationStrengthPolicyId: "phishing-resistant" } },
        'passwordless-onboarding:registrationPolicy.authenticationStrengthPolicyId must be an authentication strength policy id (a GUID such as 00000000-0000-0000-0000-000000000000); got "phishing-resistant"',
      ],
      [
        "a blank Conditional Access display name",
        { registrationPolicy: { displayName: "  " } },
        'passwordless-onboarding:registrationPolicy.displayName must be a non-empty string; got "  "',
      ],
      [
        "a non-boolean excludeGuests",
        { registrationPolicy: { excludeGuests: 1 } },
        "passwordless-onboarding:registrationPolicy.excludeGuests must be true or false; got 1",
      ],
      [
        "a non-string group display name",
        { autopilot: { groupDisplayName: ["Autopilot"] } },
        'passwordless-onboarding:autopilot.groupDisplayName must be a string; got a list ["Autopilot"]',
      ],
      [
        "an empty group display name",
        { autopilot: { groupDisplayName: "" } },
        'passwordless-onboarding:autopilot.groupDisplayName must be a non-empty string; got ""',
      ],
      [
        "a group display name longer than Graph allows",
        { autopilot: { groupDisplayName: "x".repeat(257) } },
        "passwordless-onboarding:autopilot.groupDisplayName must be at most 256 characters; got 257",
      ],
      [
        "a group tag with a double quote",
        { autopilot: { groupTag: 'Sales") -or (true' } },
        'passwordless-onboarding:autopilot.groupTag may contain only letters, digits, spaces, "-", "_" and "."; got "Sales\\") -or (true"',
      ],
      [
        "a group tag with brackets",
        { autopilot: { groupTag: "[OrderID]" } },
        'passwordless-onboarding:autopilot.groupTag may contain only letters, digits, spaces, "-", "_" and "."; got "[OrderID]"',
      ],
      [
        "an empty group tag",
        { autopilot: { groupTag: "" } },
        "passwordless-onboarding:autopilot.groupTag must be a non-empty group tag",
      ],
      [
        "a group tag with a trailing space",
        { autopilot: { groupTag: "Sales " } },
        'passwordless-onboarding:autopilot.groupTag must not start or end with a space; got "Sales "',
      ],
      [
        "a numeric group tag",
        { autopilot: { groupTag: 42 } },
        "passwordless-onboarding:autopilot.groupTag must be a string; got 42",
      ],
      [
        "a malformed existing group id",
        { autopilot: { existingGroupId: "Autopilot devices" } },
        'passwordless-onboarding:autopilot.existingGroupId must be a group object id (a GUID such as 00000000-0000-0000-0000-000000000000) or a mapping { displayName: "<group display name>" }; got "Autopilot devices". To name the group instead, write { displayName: "Autopilot devices" }',
      ],
      [
        "a group tag next to an existing group",
        { autopilot: { existingGroupId: GROUP_A, groupTag: "Sales" } },
        "passwordless-onboarding:autopilot.groupTag cannot be combined with existingGroupId: an existing group keeps its own membership rule; remove one of them",
      ],
      [
        "an empty profile name",
        { webSignIn: { policyName: "" } },
        'passwordless-onboarding:webSignIn.policyName must be a non-empty string; got ""',
      ],
      [
        "a non-string profile description",
        { webSignIn: { description: false } },
        "passwordless-onboarding:webSignIn.description must be a string; got false",
      ],
      [
        "a non-boolean adoptExisting",
        { webSignIn: { adoptExisting: "true" } },
        'passwordless-onboarding:webSignIn.adoptExisting must be true or false; got "true"',
      ],
      [
        "a non-boolean enablePasswordlessExperience",
        { webSignIn: { enablePasswordlessExperience: "yes" } },
        'passwordless-onboarding:webSignIn.enablePasswordlessExperience must be true or false; got "yes"',
      ],
      [
        "an unknown property with no close match",
        { webSignIn: { extra: 1 } },
        "passwordless-onboarding:webSignIn.extra is not a known setting. Known settings: adoptExisting, description, enablePasswordlessExperience, manage, policyName",
      ],
      [
        "an empty suppression reason",
        { guardrails: { suppress: { "PO-TAP-004": " " } } },
        'passwordless-onboarding:guardrails.suppress.PO-TAP-004 must be a non-empty written reason; got " "',
      ],
      [
        "a suppression without a written reason",
        { guardrails: { suppress: { "PO-TAP-004": true } } },
        "passwordless-onboarding:guardrails.suppress.PO-TAP-004 must be a non-empty written reason; got true",
      ],
      [
        "suppressions written as a list",
        { guardrails: { suppress: ["PO-TAP-004"] } },
        'passwordless-onboarding:guardrails.suppress must be a mapping of rule id to a written reason; got a list ["PO-TAP-004"]',
      ],
      [
        "a misspelt property, suggesting the right one",
        { temporaryAccessPass: { defaultLenght: 12 } },
        "passwordless-onboarding:temporaryAccessPass.defaultLenght is not a known setting. Did you mean defaultLength? Known settings: defaultLength, defaultLifetimeInMinutes, excludeGroupIds, includeGroupIds, isUsableOnce, maximumLifetimeInMinutes, minimumLifetimeInMinutes, onDestroy, state",
      ],
      [
        "a misspelt top-level key, suggesting the right one",
        { autoPilot2: {} },
        "passwordless-onboarding:autoPilot2 is not a known setting. Did you mean autopilot? Known settings: autopilot, guardrails, registrationPolicy, temporaryAccessPass, webSignIn",
      ],
      [
        "a key that is not a mapping",
        { registrationPolicy: "enabled" },
        'passwordless-onboarding:registrationPolicy must be a mapping of settings; got "enabled"',
      ],
    ];

    itReportsOnlyProblem(cases);
  });

  describe("manage: false", () => {
    it("refuses every other property of an unmanaged section, each by its key, and nothing else", () => {
      assert.deepEqual(
        problemsOf({
          registrationPolicy: { manage: false, state: "enabled", breakGlassUserIds: ["not-a-guid"] },
          webSignIn: { manage: false, adoptExisting: true },
        }),
        [
          "passwordless-onboarding:registrationPolicy.state is not used when registrationPolicy.manage is false (this stack leaves the tenant's own object alone); remove it, or set registrationPolicy.manage to true",
          "passwordless-onboarding:registrationPolicy.breakGlassUserIds is not used when registrationPolicy.manage is false (this stack leaves the tenant's own object alone); remove it, or set registrationPolicy.manage to true",
          "passwordless-onboarding:webSignIn.adoptExisting is not used when webSignIn.manage is false (this stack leaves the tenant's own object alone); remove it, or set webSignIn.manage to true",
        ],
      );
    });

    it("refuses autopilot settings when webSignIn is not managed (the group exists only for its assignment)", () => {
      assert.deepEqual(
        problemsOf({
          webSignIn: { manage: false },
          autopilot: { existingGroupId: GROUP_A, groupTag: "NewHires" },
        }),
        [
          "passwordless-onboarding:autopilot.existingGroupId is not used when webSignIn.manage is false (the Autopilot group exists only for the Web sign-in profile's assignment, which this stack does not declare); remove it, or set webSignIn.manage to true",
          "passwordless-onboarding:autopilot.groupTag is not used when webSignIn.manage is false (the Autopilot group exists only for the Web sign-in profile's assignment, which this stack does not declare); remove it, or set webSignIn.manage to true",
        ],
      );
    });

    it("takes manage: true as the default and refuses a manage that is not true or false", () => {
      assert.equal(parseSettings({ registrationPolicy: { manage: true } }).registrationPolicy.manage, true);
      assert.deepEqual(problemsOf({ webSignIn: { manage: "no" } }), [
        'passwordless-onboarding:webSignIn.manage must be true or false; got "no"',
      ]);
    });
  });

  describe("reporting", () => {
    it("reports every problem of every key in one error, in key order", () => {
      const raw = {
        guardrails: { suppress: { rule: "" } },
        temporaryAccessPass: { state: "on", defaultLength: 100 },
        autopilot: { groupTag: "a:b" },
        registrationPolicy: { breakGlassUserIds: ["x"] },
        webSignIn: { policyname: "typo" },
      };
      assert.throws(
        () => parseSettings(raw),
        (error: unknown) => {
          assert.ok(error instanceof SettingsError);
          assert.deepEqual(
            error.problems.map((p) => p.split(" ")[0]),
            [
              "passwordless-onboarding:temporaryAccessPass.state",
              "passwordless-onboarding:temporaryAccessPass.defaultLength",
              "passwordless-onboarding:registrationPolicy.breakGlassUserIds[0]",
              "passwordless-onboarding:autopilot.groupTag",
              "passwordless-onboarding:webSignIn.policyname",
              "passwordless-onboarding:guardrails.suppress.rule",
            ],
          );
          assert.match(
            error.message,
            /^Invalid stack configuration \(6 problems\):\n {2}- passwordless-onboarding:/,
          );
          assert.equal(error.message.split("\n").length, 7);
          return true;
        },
      );
    });

    it("does not compare lifetimes when one of them is already wrong", () => {
      const problems = problemsOf({
        temporaryAccessPass: { minimumLifetimeInMinutes: 5, defaultLifetimeInMinutes: 30 },
      });
      assert.deepEqual(problems, [
        "passwordless-onboarding:temporaryAccessPass.minimumLifetimeInMinutes must be an integer between 10 and 43200; got 5",
      ]);
    });

    it("reports each bad entry of a list separately", () => {
      const problems = problemsOf({ registrationPolicy: { breakGlassUserIds: ["a", USER_A, 7] } });
      assert.deepEqual(problems, [
        'passwordless-onboarding:registrationPolicy.breakGlassUserIds[0] must be a user object id (a GUID such as 00000000-0000-0000-0000-000000000000) or a mapping { userPrincipalName: "<user principal name>" }; got "a"',
        'passwordless-onboarding:registrationPolicy.breakGlassUserIds[2] must be a user object id (a GUID such as 00000000-0000-0000-0000-000000000000) or a mapping { userPrincipalName: "<user principal name>" }; got 7',
      ]);
    });

    it("validateSettings returns the problems without throwing", () => {
      const { problems, settings } = validateSettings({ temporaryAccessPass: { state: "on" } });
      assert.equal(problems.length, 1);
      assert.equal(settings.temporaryAccessPass.state, DEFAULT_SETTINGS.temporaryAccessPass.state);
    });
  });
});

describe("readSettings", () => {
  afterEach(() => pulumi.runtime.setAllConfig({}));

  it("reads the structured keys of the passwordless-onboarding namespace", () => {
    pulumi.runtime.setAllConfig({
      "passwordless-onboarding:temporaryAccessPass": JSON.stringify({ state: "disabled" }),
      "passwordless-onboarding:autopilot": JSON.stringify({ groupTag: "Sales" }),
      "azuread:tenantId": "not ours",
    });
    const settings = readSettings();
    assert.equal(settings.temporaryAccessPass.state, "disabled");
    assert.equal(settings.autopilot.groupTag, "Sales");
    assert.deepEqual(settings.registrationPolicy, DEFAULT_SETTINGS.registrationPolicy);
  });

  it("reports a plain-text value, an unknown key and a bad property together", () => {
    pulumi.runtime.setAllConfig({
      "passwordless-onboarding:registrationPolicy": "report-only",
      "passwordless-onboarding:webSignin": JSON.stringify({}),
      "passwordless-onboarding:temporaryAccessPass": JSON.stringify({ defaultLength: 4 }),
    });
    assert.throws(
      () => readSettings(),
      (error: unknown) => {
        assert.ok(error instanceof SettingsError);
        assert.deepEqual(error.problems, [
          'passwordless-onboarding:registrationPolicy must be a mapping of settings; got the plain text "report-only"',
          "passwordless-onboarding:webSignin is not a known setting. Did you mean webSignIn? Known settings: autopilot, guardrails, registrationPolicy, temporaryAccessPass, webSignIn",
          "passwordless-onboarding:temporaryAccessPass.defaultLength must be an integer between 8 and 48; got 4",
        ]);
        return true;
      },
    );
  });

  it("never repeats a secret value in its message", () => {
    pulumi.runtime.setAllConfig({ "passwordless-onboarding:autopilot": "s3cr3t-text" }, [
      "passwordless-onboarding:autopilot",
    ]);
    assert.throws(
      () => readSettings(),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.equal(error.message.includes("s3cr3t"), false);
        assert.match(
          error.message,
          /passwordless-onboarding:autopilot must be a mapping of settings; got a secret plain-text value \(not shown\)/,
        );
        return true;
      },
    );
  });

  it("keeps only the setting's name in problems of a secret structured key", () => {
    pulumi.runtime.setAllConfig(
      {
        "passwordless-onboarding:registrationPolicy": JSON.stringify({ breakGlassUserIds: ["alice-secret"] }),
        "passwordless-onboarding:autopilot": JSON.stringify({ groupTag: "bad:tag" }),
      },
      ["passwordless-onboarding:registrationPolicy"],
    );
    assert.throws(
      () => readSettings(),
      (error: unknown) => {
        assert.ok(error instanceof SettingsError);
        assert.deepEqual(error.problems, [
          "passwordless-onboarding:registrationPolicy.breakGlassUserIds[0] is not valid; the value is not shown because passwordless-onboarding:registrationPolicy is a secret (the rules for each setting are in Pulumi.yaml)",
          'passwordless-onboarding:autopilot.groupTag may contain only letters, digits, spaces, "-", "_" and "."; got "bad:tag"',
        ]);
        assert.equal(error.message.includes("alice-secret"), false);
        return true;
      },
    );
  });
});

describe("parseSettings: explicitly empty values", () => {
  const TAP_HINT =
    'Remove includeGroupIds to use the default ["all_users"], or write includeGroupIds: [all_users] to target every user explicitly';

  it("refuses an empty includeGroupIds (YAML `includeGroupIds:` is null) instead of targeting every user", () => {
    assert.equal(
      onlyProblemOf({ temporaryAccessPass: { includeGroupIds: null } }),
      `passwordless-onboarding:temporaryAccessPass.includeGroupIds must list at least one group object id, or "all_users"; got an empty value (null). ${TAP_HINT}`,
    );
  });

  it("says how to target every user when includeGroupIds is an empty list", () => {
    assert.equal(
      onlyProblemOf({ temporaryAccessPass: { includeGroupIds: [] } }),
      `passwordless-onboarding:temporaryAccessPass.includeGroupIds must list at least one group object id, or "all_users"; got an empty list. ${TAP_HINT}`,
    );
  });

  it("refuses an empty excludeRoleTemplateIds instead of silently excluding Global Administrator", () => {
    assert.equal(
      onlyProblemOf({ registrationPolicy: { excludeRoleTemplateIds: null } }),
      'passwordless-onboarding:registrationPolicy.excludeRoleTemplateIds must be a list; got an empty value (null). Remove excludeRoleTemplateIds to use the default ["62e90394-69f5-4237-9190-012177145e10"], or write excludeRoleTemplateIds: [] for none',
    );
  });

  it("keeps an empty exclude list (its default is empty) meaning nobody", () => {
    const settings = parseSettings({
      temporaryAccessPass: { excludeGroupIds: null },
      registrationPolicy: { excludeGroupIds: [], breakGlassUserIds: null, excludeRoleTemplateIds: [] },
    });
    assert.deepEqual(settings.temporaryAccessPass.excludeGroupIds, []);
    assert.deepEqual(settings.registrationPolicy.excludeGroupIds, []);
    assert.deepEqual(settings.registrationPolicy.breakGlassUserIds, []);
    assert.deepEqual(settings.registrationPolicy.excludeRoleTemplateIds, []);
  });

  it("refuses an empty temporaryAccessPass section instead of a TAP policy for every user", () => {
    assert.equal(
      onlyProblemOf({ temporaryAccessPass: null }),
      "passwordless-onboarding:temporaryAccessPass is empty (got null). Remove the key to use the default of every setting " +
        "(a TAP policy for every user), or give its settings, e.g. includeGroupIds: [all_users] to target every user explicitly",
    );
  });

  it("refuses every other empty section too, saying how to get the defaults", () => {
    assert.deepEqual(problemsOf({ webSignIn: null, guardrails: null }), [
      "passwordless-onboarding:webSignIn is empty (got null). Remove the key to use the default of every setting, or give its settings",
      "passwordless-onboarding:guardrails is empty (got null). Remove the key to use the default of every setting, or give its settings",
    ]);
  });

  it("still reads an empty mapping {} as every default", () => {
    assert.deepEqual(parseSettings({ temporaryAccessPass: {}, webSignIn: {} }), DEFAULT_SETTINGS);
  });
});

describe("parseSettings: name lengths", () => {
  it("refuses a Web sign-in profile name longer than Intune accepts", () => {
    assert.equal(
      onlyProblemOf({ webSignIn: { policyName: "x".repeat(100_000) } }),
      "passwordless-onboarding:webSignIn.policyName must be at most 256 characters; got 100000",
    );
  });

  it("refuses a Conditional Access policy name longer than Entra accepts", () => {
    assert.equal(
      onlyProblemOf({ registrationPolicy: { displayName: "x".repeat(100_000) } }),
      "passwordless-onboarding:registrationPolicy.displayName must be at most 256 characters; got 100000",
    );
  });

  it("accepts names of exactly the limit", () => {
    const settings = parseSettings({
      webSignIn: { policyName: "p".repeat(256) },
      registrationPolicy: { displayName: "d".repeat(256) },
    });
    assert.equal(settings.webSignIn.policyName.length, 256);
    assert.equal(settings.registrationPolicy.displayName.length, 256);
  });
});

describe("readSettings: an empty section as the Pulumi CLI passes it", () => {
  afterEach(() => pulumi.runtime.setAllConfig({}));

  // The CLI reads `passwordless-onboarding:temporaryAccessPass:` (YAML null) into the string ""
  // (pulumi sdk/go/common/resource/config/value.go: a null unmarshals into a string); the
  // automation API can also store the JSON text "null".
  it('refuses the section given as "" with the same advice', () => {
    pulumi.runtime.setAllConfig({ "passwordless-onboarding:temporaryAccessPass": "" });
    assert.throws(
      () => readSettings(),
      (error: unknown) => {
        assert.ok(error instanceof SettingsError);
        assert.deepEqual(error.problems, [
          'passwordless-onboarding:temporaryAccessPass is empty (got ""). Remove the key to use the default of every setting ' +
            "(a TAP policy for every user), or give its settings, e.g. includeGroupIds: [all_users] to target every user explicitly",
        ]);
        return true;
      },
    );
  });

  it('refuses the section given as "null"', () => {
    pulumi.runtime.setAllConfig({ "passwordless-onboarding:webSignIn": "null" });
    assert.throws(() => readSettings(), {
      message: /passwordless-onboarding:webSignIn is empty \(got null\)\. Remove the key/,
    });
  });
});
