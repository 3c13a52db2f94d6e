/**
 * The config reader's side of portable references and adoption: every group list, the break-glass
 * users and `autopilot.existingGroupId` take an object id or a reference by name, exactly in the
 * shapes the `export` command writes; `registrationPolicy.adoptExisting` and
 * `autopilot.adoptExisting` are booleans. Every bad shape is one exact message.
 */
import { strict as assert } from "node:assert";
import { parseSettings } from "../../infra/config";
import { DEFAULT_SETTINGS } from "../../policies/settings";
import { itReportsOnlyProblem, problemsOf, type BadConfig } from "./support/settingsProblems";

const GROUP_A = "11111111-1111-4111-8111-111111111111";
const USER_A = "33333333-3333-4333-8333-333333333333";
const GUID = "a GUID such as 00000000-0000-0000-0000-000000000000";
const GROUP_FORMS = `a group object id (${GUID}) or a mapping { displayName: "<group display name>" }`;
const INCLUDE_FORMS = `a group object id (${GUID}), "all_users" or a mapping { displayName: "<group display name>" }`;
const USER_FORMS = `a user object id (${GUID}) or a mapping { userPrincipalName: "<user principal name>" }`;

describe("parseSettings: groups and users by name", () => {
  describe("accepts", () => {
    it("a reference by name wherever a group or user object id goes, mixed with ids, in config order", () => {
      const settings = parseSettings({
        temporaryAccessPass: {
          includeGroupIds: [{ displayName: "New hires" }, GROUP_A],
          excludeGroupIds: [{ displayName: "Leavers" }],
        },
        registrationPolicy: {
          breakGlassUserIds: [USER_A, { userPrincipalName: "breakglass@contoso.onmicrosoft.com" }],
          excludeGroupIds: [{ displayName: "Contractors" }],
        },
        autopilot: { existingGroupId: { displayName: "Autopilot devices (EU)" } },
      });
      assert.deepEqual(settings.temporaryAccessPass.includeGroupIds, [{ displayName: "New hires" }, GROUP_A]);
      assert.deepEqual(settings.temporaryAccessPass.excludeGroupIds, [{ displayName: "Leavers" }]);
      assert.deepEqual(settings.registrationPolicy.breakGlassUserIds, [
        USER_A,
        { userPrincipalName: "breakglass@contoso.onmicrosoft.com" },
      ]);
      assert.deepEqual(settings.registrationPolicy.excludeGroupIds, [{ displayName: "Contractors" }]);
      assert.deepEqual(settings.autopilot.existingGroupId, { displayName: "Autopilot devices (EU)" });
    });

    it("a display name that looks like a GUID or all_users, kept as a name", () => {
      const settings = parseSettings({
        temporaryAccessPass: { includeGroupIds: [{ displayName: "all_users" }, { displayName: GROUP_A }] },
      });
      assert.deepEqual(settings.temporaryAccessPass.includeGroupIds, [
        { displayName: "all_users" },
        { displayName: GROUP_A },
      ]);
    });

    it("a display name of exactly 256 characters", () => {
      const name = "g".repeat(256);
      const settings = parseSettings({ registrationPolicy: { excludeGroupIds: [{ displayName: name }] } });
      assert.deepEqual(settings.registrationPolicy.excludeGroupIds, [{ displayName: name }]);
    });
  });

  describe("rejects, naming the full key with its index, what was expected and what was found:", () => {
    const cases: BadConfig[] = [
      [
        "a mapping without displayName in a group list",
        { temporaryAccessPass: { includeGroupIds: [{}] } },
        `passwordless-onboarding:temporaryAccessPass.includeGroupIds[0] must be ${INCLUDE_FORMS}; got a mapping without displayName`,
      ],
      [
        "a misspelt displayName, suggesting the right one",
        { temporaryAccessPass: { excludeGroupIds: [GROUP_A, { displayname: "Leavers" }] } },
        "passwordless-onboarding:temporaryAccessPass.excludeGroupIds[1].displayname is not a known setting. Did you mean displayName? Known settings: displayName",
      ],
      [
        "a misspelt userPrincipalName, suggesting the right one",
        { registrationPolicy: { breakGlassUserIds: [{ userPrincipleName: "bg@contoso.com" }] } },
        "passwordless-onboarding:registrationPolicy.breakGlassUserIds[0].userPrincipleName is not a known setting. Did you mean userPrincipalName? Known settings: userPrincipalName",
      ],
      [
        "an id next to the display name in the same mapping",
        { registrationPolicy: { excludeGroupIds: [{ displayName: "Contractors", id: GROUP_A }] } },
        "passwordless-onboarding:registrationPolicy.excludeGroupIds[0].id is not a known setting. Known settings: displayName",
      ],
      [
        "a user reference in a group list",
        { registrationPolicy: { excludeGroupIds: [{ userPrincipalName: "bg@contoso.com" }] } },
        "passwordless-onboarding:registrationPolicy.excludeGroupIds[0].userPrincipalName is not a known setting. Known settings: displayName",
      ],
      [
        "a group reference among the break-glass users",
        { registrationPolicy: { breakGlassUserIds: [{ displayName: "Break glass" }] } },
        "passwordless-onboarding:registrationPolicy.breakGlassUserIds[0].displayName is not a known setting. Known settings: userPrincipalName",
      ],
      [
        "a display name that is not a string",
        { temporaryAccessPass: { includeGroupIds: [{ displayName: 42 }] } },
        "passwordless-onboarding:temporaryAccessPass.includeGroupIds[0].displayName must be a non-empty string (the group's exact display name); got 42",
      ],
      [
        "a blank display name",
        { temporaryAccessPass: { excludeGroupIds: [{ displayName: "  " }] } },
        'passwordless-onboarding:temporaryAccessPass.excludeGroupIds[0].displayName must be a non-empty string (the group\'s exact display name); got "  "',
      ],
      [
        "an empty display name (YAML `displayName:`)",
        { temporaryAccessPass: { excludeGroupIds: [{ displayName: null }] } },
        "passwordless-onboarding:temporaryAccessPass.excludeGroupIds[0].displayName must be a non-empty string (the group's exact display name); got null",
      ],
      [
        "a display name longer than a group's can be",
        { registrationPolicy: { excludeGroupIds: [{ displayName: "x".repeat(257) }] } },
        "passwordless-onboarding:registrationPolicy.excludeGroupIds[0].displayName must be at most 256 characters (a group display name); got 257",
      ],
      [
        "a display name with a single quote, which azuread.getGroup cannot look up",
        { registrationPolicy: { excludeGroupIds: [{ displayName: "O'Brien devices" }] } },
        "passwordless-onboarding:registrationPolicy.excludeGroupIds[0].displayName contains a single quote ('), which azuread.getGroup does not escape in its Graph filter, so the lookup would fail; give the group's object id instead; got \"O'Brien devices\"",
      ],
      [
        "an empty user principal name",
        { registrationPolicy: { breakGlassUserIds: [{ userPrincipalName: "" }] } },
        'passwordless-onboarding:registrationPolicy.breakGlassUserIds[0].userPrincipalName must be a non-empty string (a user principal name such as alice@contoso.com); got ""',
      ],
      [
        "a user principal name written as a plain string, saying how to name the user",
        { registrationPolicy: { breakGlassUserIds: ["breakglass@contoso.com"] } },
        `passwordless-onboarding:registrationPolicy.breakGlassUserIds[0] must be ${USER_FORMS}; got "breakglass@contoso.com". To name the user instead, write { userPrincipalName: "breakglass@contoso.com" }`,
      ],
      [
        "a group display name written as a plain string, saying how to name the group",
        { registrationPolicy: { excludeGroupIds: ["Contractors"] } },
        `passwordless-onboarding:registrationPolicy.excludeGroupIds[0] must be ${GROUP_FORMS}; got "Contractors". To name the group instead, write { displayName: "Contractors" }`,
      ],
      [
        "a list given as an entry",
        { temporaryAccessPass: { excludeGroupIds: [[GROUP_A]] } },
        `passwordless-onboarding:temporaryAccessPass.excludeGroupIds[0] must be ${GROUP_FORMS}; got a list ["${GROUP_A}"]`,
      ],
      [
        "a null entry",
        { registrationPolicy: { breakGlassUserIds: [null] } },
        `passwordless-onboarding:registrationPolicy.breakGlassUserIds[0] must be ${USER_FORMS}; got null`,
      ],
      [
        "the same group named twice (letter case ignored)",
        {
          registrationPolicy: {
            excludeGroupIds: [{ displayName: "Sales" }, GROUP_A, { displayName: "sales" }],
          },
        },
        'passwordless-onboarding:registrationPolicy.excludeGroupIds lists { displayName: "sales" } more than once (entries 0 and 2); list each group once',
      ],
      [
        "the same user named twice (letter case ignored)",
        {
          registrationPolicy: {
            breakGlassUserIds: [
              { userPrincipalName: "BG@contoso.com" },
              { userPrincipalName: "bg@contoso.com" },
            ],
          },
        },
        'passwordless-onboarding:registrationPolicy.breakGlassUserIds lists { userPrincipalName: "bg@contoso.com" } more than once (entries 0 and 1); list each user once',
      ],
      [
        "all_users next to a group named by display name",
        { temporaryAccessPass: { includeGroupIds: ["all_users", { displayName: "New hires" }] } },
        'passwordless-onboarding:temporaryAccessPass.includeGroupIds must be either ["all_users"] or a list of group object ids, not both; got a list ["all_users",{"displayName":"New hires"}]',
      ],
      [
        "an existing group mapping without displayName",
        { autopilot: { existingGroupId: {} } },
        `passwordless-onboarding:autopilot.existingGroupId must be ${GROUP_FORMS}; got a mapping without displayName`,
      ],
      [
        "an existing group mapping with an unknown key",
        { autopilot: { existingGroupId: { name: "Autopilot devices" } } },
        "passwordless-onboarding:autopilot.existingGroupId.name is not a known setting. Known settings: displayName",
      ],
      [
        "an existing group given as a list",
        { autopilot: { existingGroupId: [GROUP_A] } },
        `passwordless-onboarding:autopilot.existingGroupId must be ${GROUP_FORMS}; got a list ["${GROUP_A}"]`,
      ],
      [
        "a group tag next to an existing group named by display name",
        { autopilot: { existingGroupId: { displayName: "Autopilot devices" }, groupTag: "Sales" } },
        "passwordless-onboarding:autopilot.groupTag cannot be combined with existingGroupId: an existing group keeps its own membership rule; remove one of them",
      ],
    ];

    itReportsOnlyProblem(cases);

    it("reports every bad entry of one list, each with its index", () => {
      assert.deepEqual(
        problemsOf({
          registrationPolicy: {
            breakGlassUserIds: [
              { userPrincipalName: "ok@contoso.com" },
              {},
              { upn: "x@contoso.com" },
              USER_A,
            ],
          },
        }),
        [
          `passwordless-onboarding:registrationPolicy.breakGlassUserIds[1] must be ${USER_FORMS}; got a mapping without userPrincipalName`,
          "passwordless-onboarding:registrationPolicy.breakGlassUserIds[2].upn is not a known setting. Known settings: userPrincipalName",
        ],
      );
    });
  });
});

describe("parseSettings: adoptExisting", () => {
  it("is false for the policy and the group unless set", () => {
    const settings = parseSettings({});
    assert.equal(settings.registrationPolicy.adoptExisting, false);
    assert.equal(settings.autopilot.adoptExisting, false);
    assert.equal(DEFAULT_SETTINGS.registrationPolicy.adoptExisting, false);
    assert.equal(DEFAULT_SETTINGS.autopilot.adoptExisting, false);
  });

  it("reads true for the policy and the group", () => {
    const settings = parseSettings({
      registrationPolicy: { adoptExisting: true },
      autopilot: { adoptExisting: true, groupTag: "Kiosk" },
    });
    assert.equal(settings.registrationPolicy.adoptExisting, true);
    assert.deepEqual(settings.autopilot, {
      groupDisplayName: "Autopilot devices",
      groupTag: "Kiosk",
      adoptExisting: true,
    });
  });

  const cases: BadConfig[] = [
    [
      "a non-boolean registrationPolicy.adoptExisting",
      { registrationPolicy: { adoptExisting: "yes" } },
      'passwordless-onboarding:registrationPolicy.adoptExisting must be true or false; got "yes"',
    ],
    [
      "a non-boolean autopilot.adoptExisting",
      { autopilot: { adoptExisting: 1 } },
      "passwordless-onboarding:autopilot.adoptExisting must be true or false; got 1",
    ],
    [
      "autopilot.adoptExisting next to existingGroupId",
      { autopilot: { adoptExisting: true, existingGroupId: GROUP_A } },
      "passwordless-onboarding:autopilot.adoptExisting cannot be combined with existingGroupId: existingGroupId uses a group without managing it, adoptExisting takes over the group named groupDisplayName and manages it; remove one of them",
    ],
    [
      "autopilot.adoptExisting next to an existing group named by display name",
      { autopilot: { adoptExisting: true, existingGroupId: { displayName: "Autopilot devices" } } },
      "passwordless-onboarding:autopilot.adoptExisting cannot be combined with existingGroupId: existingGroupId uses a group without managing it, adoptExisting takes over the group named groupDisplayName and manages it; remove one of them",
    ],
    [
      "a misspelt adoptExisting, suggesting the right one",
      { registrationPolicy: { adoptExsting: true } },
      "passwordless-onboarding:registrationPolicy.adoptExsting is not a known setting. Did you mean adoptExisting? Known settings: adoptExisting, allowFromTrustedLocations, authenticationStrengthPolicyId, breakGlassUserIds, displayName, excludeGroupIds, excludeGuests, excludeRoleTemplateIds, manage, state",
    ],
  ];
  itReportsOnlyProblem(cases, (what) => `rejects ${what}`);

  it("keeps adoptExisting: false next to existingGroupId", () => {
    const settings = parseSettings({ autopilot: { adoptExisting: false, existingGroupId: GROUP_A } });
    assert.equal(settings.autopilot.existingGroupId, GROUP_A);
  });
});
