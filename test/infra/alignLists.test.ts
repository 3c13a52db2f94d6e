/** alignToExisting: an adopted policy's lists keep the tenant's order (and id casing) when they hold the same values. */
import { strict as assert } from "node:assert";
import { alignToExisting } from "../../infra/native/alignLists";
import { desiredRegistrationPolicy } from "../../policies/registrationPolicy";
import { DEFAULT_SETTINGS } from "../../policies/settings";

const B1 = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a01";
const B2 = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a02";
const G1 = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d01";
const GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";

const desired = desiredRegistrationPolicy({
  ...DEFAULT_SETTINGS.registrationPolicy,
  breakGlassUserIds: [B2, B1],
  excludeGroupIds: [G1],
});

/** A policy as Graph lists it, made in the portal: the same values, in another order. */
function tenantPolicy(users: Record<string, string[]>): Record<string, unknown> {
  return {
    id: "c0ffee00-0000-4000-8000-000000000001",
    displayName: desired.displayName,
    conditions: {
      clientAppTypes: ["all"],
      applications: {
        includeApplications: [],
        excludeApplications: [],
        includeUserActions: ["urn:user:registersecurityinfo"],
      },
      users: { includeUsers: ["All"], includeGroups: [], includeRoles: [], ...users },
      locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] },
    },
    grantControls: {
      operator: "OR",
      builtInControls: ["mfa"],
      customAuthenticationFactors: [],
      termsOfUse: [],
    },
  };
}

describe("alignToExisting", () => {
  it("sorts the program's id lists and puts GuestsOrExternalUsers first (what an unadopted policy gets)", () => {
    assert.deepEqual(desired.conditions.users.excludeUsers, ["GuestsOrExternalUsers", B1, B2]);
  });

  it("takes the tenant's order and id casing for a list with the same values", () => {
    const aligned = alignToExisting(
      desired,
      tenantPolicy({
        excludeUsers: [B2.toUpperCase(), "GuestsOrExternalUsers", B1],
        excludeGroups: [G1.toUpperCase()],
        excludeRoles: [GLOBAL_ADMINISTRATOR],
      }),
    );
    assert.deepEqual(aligned.conditions.users.excludeUsers, [B2.toUpperCase(), "GuestsOrExternalUsers", B1]);
    assert.deepEqual(aligned.conditions.users.excludeGroups, [G1.toUpperCase()]);
    assert.deepEqual(
      { ...aligned, conditions: { ...aligned.conditions, users: desired.conditions.users } },
      desired,
    );
  });

  it("keeps the program's list where the values differ, so the preview shows the change", () => {
    const aligned = alignToExisting(
      desired,
      tenantPolicy({
        excludeUsers: [B2, "GuestsOrExternalUsers"],
        excludeGroups: [],
        excludeRoles: [GLOBAL_ADMINISTRATOR],
      }),
    );
    assert.deepEqual(aligned.conditions.users.excludeUsers, ["GuestsOrExternalUsers", B1, B2]);
    assert.deepEqual(aligned.conditions.users.excludeGroups, [G1]);
  });

  it("compares other values with their letter case: azuread's enums are case-sensitive", () => {
    const policy = tenantPolicy({ excludeUsers: [], excludeGroups: [], excludeRoles: [] });
    (policy.conditions as { clientAppTypes: string[] }).clientAppTypes = ["All"];
    assert.deepEqual(alignToExisting(desired, policy).conditions.clientAppTypes, ["all"]);
  });

  it("leaves the document it was given alone and ignores lists the tenant's policy lacks", () => {
    const before = structuredClone(desired);
    const aligned = alignToExisting(desired, { id: "x", conditions: null });
    assert.deepEqual(aligned, before);
    assert.deepEqual(desired, before);
    assert.notEqual(aligned, desired);
  });
});
