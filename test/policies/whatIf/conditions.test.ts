import { strict as assert } from "node:assert";
import { evaluateRegistration, type WhatIfPersona } from "../../../policies/whatIf";
import {
  GLOBAL_ADMINISTRATOR,
  NEW_JOINERS_GROUP_ID,
  OFFICE_LOCATION_ID,
  OTHER_USER_ID,
  USER_ID,
  persona,
  policy,
  users,
  type PolicyPatch,
} from "./fixtures";

/** A blocking policy (so "applies" is visible in the result) with the given conditions. */
function verdictFor(patch: PolicyPatch, who: WhatIfPersona = persona()) {
  const result = evaluateRegistration(
    [policy({ ...patch, grantControls: { builtInControls: ["block"] } })],
    who,
    [],
  );
  const [verdict] = result.verdicts;
  return { result, verdict };
}

function assertApplies(patch: PolicyPatch, who: WhatIfPersona, reason: RegExp): void {
  const { result, verdict } = verdictFor(patch, who);
  assert.equal(verdict.applies, true, verdict.reasons.join("\n"));
  assert.equal(result.canRegister, false);
  assert.equal(result.blockedBy.length, 1);
  assert.ok(
    verdict.reasons.some((line) => reason.test(line)),
    verdict.reasons.join("\n"),
  );
}

function assertDoesNotApply(patch: PolicyPatch, who: WhatIfPersona, reason: RegExp): void {
  const { result, verdict } = verdictFor(patch, who);
  assert.equal(verdict.applies, false, verdict.reasons.join("\n"));
  assert.equal(result.canRegister, true);
  assert.deepEqual(result.blockedBy, []);
  assert.ok(
    verdict.reasons.some((line) => reason.test(line)),
    verdict.reasons.join("\n"),
  );
}

describe("what-if conditions", () => {
  describe("users", () => {
    it("includes everyone through includeUsers All", () => {
      assertApplies({}, persona(), /^users: included by includeUsers All/);
    });
    it("includes a listed user and leaves out an unlisted one", () => {
      const only = { conditions: { users: users({ includeUsers: [USER_ID.toUpperCase()] }) } };
      assertApplies(only, persona(), /included by includeUsers/);
      assertDoesNotApply(only, persona({ userId: OTHER_USER_ID }), /^users: not included/);
    });
    it("excludes a listed user even though All includes them (exclusion beats inclusion)", () => {
      assertDoesNotApply(
        { conditions: { users: users({ excludeUsers: [USER_ID] }) } },
        persona(),
        /^users: excluded by excludeUsers .*exclusion beats inclusion/,
      );
    });
    it("treats includeUsers None as nobody", () => {
      assertDoesNotApply(
        { conditions: { users: users({ includeUsers: ["None"] }) } },
        persona(),
        /not included/,
      );
    });
  });

  describe("groups", () => {
    it("includes a member of an included group", () => {
      assertApplies(
        { conditions: { users: users({ includeUsers: [], includeGroups: [NEW_JOINERS_GROUP_ID] }) } },
        persona({ groupIds: [NEW_JOINERS_GROUP_ID] }),
        /included by includeGroups/,
      );
    });
    it("excludes a member of an excluded group", () => {
      assertDoesNotApply(
        { conditions: { users: users({ excludeGroups: [NEW_JOINERS_GROUP_ID] }) } },
        persona({ groupIds: [NEW_JOINERS_GROUP_ID] }),
        /excluded by excludeGroups/,
      );
    });
  });

  describe("roles", () => {
    it("includes a holder of an included role", () => {
      assertApplies(
        { conditions: { users: users({ includeUsers: [], includeRoles: [GLOBAL_ADMINISTRATOR] }) } },
        persona({ roleTemplateIds: [GLOBAL_ADMINISTRATOR] }),
        /included by includeRoles/,
      );
    });
    it("excludes a holder of an excluded role", () => {
      assertDoesNotApply(
        { conditions: { users: users({ excludeRoles: [GLOBAL_ADMINISTRATOR] }) } },
        persona({ roleTemplateIds: [GLOBAL_ADMINISTRATOR] }),
        /excluded by excludeRoles/,
      );
    });
  });

  describe("guests and external users", () => {
    const guest = persona({ userType: "guest", authMethods: ["password"] });
    it("includes guests in All users", () => {
      assertApplies({}, guest, /included by includeUsers All/);
    });
    it("includes guests through includeUsers GuestsOrExternalUsers, not members", () => {
      const guestsOnly = { conditions: { users: users({ includeUsers: ["GuestsOrExternalUsers"] }) } };
      assertApplies(guestsOnly, guest, /included by includeUsers GuestsOrExternalUsers/);
      assertDoesNotApply(guestsOnly, persona(), /not included/);
    });
    it("excludes guests through excludeUsers GuestsOrExternalUsers", () => {
      assertDoesNotApply(
        { conditions: { users: users({ excludeUsers: ["GuestsOrExternalUsers"] }) } },
        guest,
        /excluded by excludeUsers GuestsOrExternalUsers/,
      );
    });
    it("includes and excludes by guest type, from any external tenant", () => {
      const types = {
        guestOrExternalUserTypes: "internalGuest,b2bCollaborationGuest",
        externalTenants: { membershipKind: "all" },
      };
      assertApplies(
        { conditions: { users: users({ includeUsers: [], includeGuestsOrExternalUsers: types }) } },
        guest,
        /included by includeGuestsOrExternalUsers b2bCollaborationGuest/,
      );
      assertDoesNotApply(
        { conditions: { users: users({ excludeGuestsOrExternalUsers: types }) } },
        guest,
        /excluded by excludeGuestsOrExternalUsers/,
      );
      assertDoesNotApply(
        { conditions: { users: users({ includeUsers: [], includeGuestsOrExternalUsers: types }) } },
        persona({ userType: "guest", guestOrExternalUserType: "b2bDirectConnectUser" }),
        /not included/,
      );
    });
    it("does not evaluate enumerated external tenants when the guest's home tenant is unknown", () => {
      const { result, verdict } = verdictFor(
        {
          conditions: {
            users: users({
              includeUsers: [],
              includeGuestsOrExternalUsers: {
                guestOrExternalUserTypes: "b2bCollaborationGuest",
                externalTenants: {
                  "@odata.type": "#microsoft.graph.conditionalAccessEnumeratedExternalTenants",
                  membershipKind: "enumerated",
                  members: ["c1c2c3c4-0000-4000-8000-000000000001"],
                },
              },
            }),
          },
        },
        guest,
      );
      assert.match(
        verdict.notEvaluated.join(),
        /^not evaluated: users: includeGuestsOrExternalUsers external tenants/,
      );
      assert.equal(result.canRegister, false);
      assert.deepEqual(result.blockedBy, []);
      assert.equal(result.uncertain.length, 1);
    });
  });

  describe("applications and user actions", () => {
    it("applies to a policy for the user action", () => {
      assertApplies({}, persona(), /^applications: includeUserActions urn:user:registersecurityinfo/);
    });
    it("applies to a policy for All resources", () => {
      assertApplies(
        {
          conditions: {
            applications: { includeApplications: ["All"], excludeApplications: [], includeUserActions: [] },
          },
        },
        persona(),
        /^applications: includeApplications All/,
      );
    });
    it("does not apply to a policy for a specific application or another user action", () => {
      assertDoesNotApply(
        {
          conditions: {
            applications: {
              includeApplications: ["00000003-0000-0ff1-ce00-000000000000"],
              excludeApplications: [],
              includeUserActions: [],
            },
          },
        },
        persona(),
        /^applications: targets includeApplications \[00000003-0000-0ff1-ce00-000000000000\], not urn:user:registersecurityinfo/,
      );
      assertDoesNotApply(
        {
          conditions: {
            applications: {
              includeApplications: [],
              excludeApplications: [],
              includeUserActions: ["urn:user:registerdevice"],
            },
          },
        },
        persona(),
        /includeUserActions \[urn:user:registerdevice\]/,
      );
    });
    it("does not evaluate All resources with excluded applications", () => {
      const { verdict, result } = verdictFor({
        conditions: {
          applications: {
            includeApplications: ["All"],
            excludeApplications: ["some-app"],
            includeUserActions: [],
          },
        },
      });
      assert.match(
        verdict.notEvaluated[0],
        /^not evaluated: applications: includeApplications All with excludeApplications/,
      );
      assert.equal(result.uncertain.length, 1);
    });
  });

  describe("locations", () => {
    const anyButTrusted = {
      conditions: { locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] } },
    };
    it("includes an untrusted location through All", () => {
      assertApplies(anyButTrusted, persona(), /^locations: included by includeLocations All/);
    });
    it("excludes a trusted location through AllTrusted", () => {
      assertDoesNotApply(
        anyButTrusted,
        persona({ location: { trusted: true, namedLocationIds: [] } }),
        /^locations: excluded by excludeLocations AllTrusted/,
      );
    });
    it("matches named location ids on include and exclude", () => {
      const office = persona({ location: { trusted: false, namedLocationIds: [OFFICE_LOCATION_ID] } });
      assertApplies(
        { conditions: { locations: { includeLocations: [OFFICE_LOCATION_ID], excludeLocations: [] } } },
        office,
        /included by includeLocations/,
      );
      assertDoesNotApply(
        { conditions: { locations: { includeLocations: [OFFICE_LOCATION_ID], excludeLocations: [] } } },
        persona(),
        /is not in includeLocations/,
      );
      assertDoesNotApply(
        { conditions: { locations: { includeLocations: ["All"], excludeLocations: [OFFICE_LOCATION_ID] } } },
        office,
        /excluded by excludeLocations/,
      );
    });
  });

  describe("client app types", () => {
    it("includes a browser in [browser]", () => {
      assertApplies(
        { conditions: { clientAppTypes: ["browser"] } },
        persona(),
        /^client apps: includes browser/,
      );
    });
    it("leaves out a browser from [exchangeActiveSync, other]", () => {
      assertDoesNotApply(
        { conditions: { clientAppTypes: ["exchangeActiveSync", "other"] } },
        persona(),
        /^client apps: \[exchangeActiveSync, other\] does not include browser/,
      );
    });
  });

  describe("platforms", () => {
    it("includes windows through all and through its name", () => {
      assertApplies(
        { conditions: { platforms: { includePlatforms: ["all"], excludePlatforms: [] } } },
        persona(),
        /windows included/,
      );
      assertApplies(
        { conditions: { platforms: { includePlatforms: ["Windows"], excludePlatforms: [] } } },
        persona(),
        /windows included/,
      );
    });
    it("excludes windows, and leaves it out of [android, iOS]", () => {
      assertDoesNotApply(
        { conditions: { platforms: { includePlatforms: ["all"], excludePlatforms: ["windows"] } } },
        persona(),
        /windows excluded by excludePlatforms/,
      );
      assertDoesNotApply(
        { conditions: { platforms: { includePlatforms: ["android", "iOS"], excludePlatforms: [] } } },
        persona(),
        /does not include windows/,
      );
    });
    it("does not evaluate a platform condition for a persona without a platform", () => {
      const { verdict, result } = verdictFor(
        { conditions: { platforms: { includePlatforms: ["android"], excludePlatforms: [] } } },
        persona({ platform: undefined }),
      );
      assert.match(verdict.notEvaluated[0], /^not evaluated: platforms: .*platform is not known/);
      assert.equal(result.canRegister, false);
      assert.deepEqual(result.blockedBy, []);
    });
  });

  describe("conditions it does not model", () => {
    it("reports risk levels, insider risk and device filters as not evaluated and the result as uncertain", () => {
      const { verdict, result } = verdictFor({
        conditions: {
          signInRiskLevels: ["high"],
          insiderRiskLevels: "elevated",
          devices: { deviceFilter: { mode: "include", rule: 'device.trustType -eq "ServerAD"' } },
        },
      });
      assert.equal(verdict.applies, true);
      assert.deepEqual(
        verdict.notEvaluated.map((line) => line.replace(/ .*/, "")),
        ["not", "not", "not"],
      );
      assert.match(verdict.notEvaluated.join("\n"), /sign-in risk levels \["high"\]/);
      assert.match(verdict.notEvaluated.join("\n"), /insider risk levels "elevated"/);
      assert.match(verdict.notEvaluated.join("\n"), /device filter/);
      assert.deepEqual(result.blockedBy, []);
      assert.equal(result.canRegister, false);
      assert.match(
        result.uncertain[0],
        /^"Test policy" \(11083471-5a50-43ad-90c0-23f1af0869e1\) may block test persona: not evaluated: sign-in risk levels/,
      );
    });
    it("does not mark the result uncertain when an unmodelled condition cannot change it", () => {
      const result = evaluateRegistration(
        [policy({ conditions: { userRiskLevels: ["high"] }, grantControls: { builtInControls: ["mfa"] } })],
        persona(),
        [],
      );
      assert.equal(result.canRegister, true);
      assert.deepEqual(result.uncertain, []);
      assert.match(result.verdicts[0].reasons.join("\n"), /not evaluated: user risk levels/);
    });
    it("does not apply a workload-identity policy to a user", () => {
      assertDoesNotApply(
        {
          conditions: {
            users: users({ includeUsers: ["None"] }),
            clientApplications: {
              includeServicePrincipals: ["ServicePrincipalsInMyTenant"],
              excludeServicePrincipals: [],
            },
          },
        },
        persona(),
        /targets workload identities/,
      );
    });
  });
});
