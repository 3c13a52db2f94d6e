/**
 * resolveReferences: declared settings (groups and users by id or by name) -> resolved settings
 * (ids only), against a fake tenant that counts its lookups.
 */
import { strict as assert } from "node:assert";
import { parseSettings } from "../../infra/config";
import type { LookupOutcome, ReferenceLookups } from "../../infra/references/lookups";
import { resolveReferences, UnresolvedReferencesError } from "../../infra/references/resolveReferences";
import { DEFAULT_SETTINGS } from "../../policies/settings";

const NEW_HIRES = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d01";
const LEAVERS = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d02";
const CONTRACTORS = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d03";
const AUTOPILOT = "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d04";
const BREAK_GLASS_1 = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a01";
const BREAK_GLASS_2 = "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a02";

/** A fake tenant: names map to outcomes; every call is recorded. */
function fakeTenant(groups: Record<string, LookupOutcome>, users: Record<string, LookupOutcome> = {}) {
  const calls: string[] = [];
  const lookups: ReferenceLookups = {
    group: (name) => {
      calls.push(`group ${name}`);
      return Promise.resolve(groups[name] ?? assert.fail(`unexpected group lookup ${name}`));
    },
    user: (name) => {
      calls.push(`user ${name}`);
      return Promise.resolve(users[name] ?? assert.fail(`unexpected user lookup ${name}`));
    },
  };
  return { lookups, calls };
}

const found = (objectId: string): LookupOutcome => ({ status: "found", objectId });

async function rejection(promise: Promise<unknown>): Promise<UnresolvedReferencesError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(
      error instanceof UnresolvedReferencesError,
      `expected UnresolvedReferencesError, got ${String(error)}`,
    );
    return error;
  }
  assert.fail("expected the references not to resolve");
}

describe("resolveReferences", () => {
  it("replaces every reference by the object id found, keeping ids and list order", async () => {
    const { lookups } = fakeTenant(
      {
        "New hires": found(NEW_HIRES),
        Leavers: found(LEAVERS),
        Contractors: found(CONTRACTORS),
        Autopilot: found(AUTOPILOT),
      },
      { "bg2@contoso.com": found(BREAK_GLASS_2) },
    );
    const declared = parseSettings({
      temporaryAccessPass: {
        includeGroupIds: [{ displayName: "New hires" }],
        excludeGroupIds: [{ displayName: "Leavers" }],
      },
      registrationPolicy: {
        breakGlassUserIds: [{ userPrincipalName: "bg2@contoso.com" }, BREAK_GLASS_1],
        excludeGroupIds: [LEAVERS, { displayName: "Contractors" }],
        adoptExisting: true,
      },
      autopilot: { existingGroupId: { displayName: "Autopilot" } },
    });

    const settings = await resolveReferences(declared, lookups);

    assert.deepEqual(settings, {
      ...DEFAULT_SETTINGS,
      temporaryAccessPass: {
        ...DEFAULT_SETTINGS.temporaryAccessPass,
        includeGroupIds: [NEW_HIRES],
        excludeGroupIds: [LEAVERS],
      },
      registrationPolicy: {
        ...DEFAULT_SETTINGS.registrationPolicy,
        breakGlassUserIds: [BREAK_GLASS_2, BREAK_GLASS_1],
        excludeGroupIds: [LEAVERS, CONTRACTORS],
        adoptExisting: true,
      },
      autopilot: { ...DEFAULT_SETTINGS.autopilot, existingGroupId: AUTOPILOT },
    });
  });

  it("looks nothing up when the config names every object by id, and copies the settings", async () => {
    const { lookups, calls } = fakeTenant({});
    const declared = parseSettings({ temporaryAccessPass: { includeGroupIds: [NEW_HIRES] } });
    const settings = await resolveReferences(declared, lookups);
    assert.deepEqual(calls, []);
    assert.deepEqual(settings, declared);
    settings.registrationPolicy.excludeRoleTemplateIds.push(NEW_HIRES);
    assert.deepEqual(
      declared.registrationPolicy.excludeRoleTemplateIds,
      DEFAULT_SETTINGS.registrationPolicy.excludeRoleTemplateIds,
    );
  });

  it("keeps all_users as it is", async () => {
    const { lookups, calls } = fakeTenant({});
    const settings = await resolveReferences(parseSettings({}), lookups);
    assert.deepEqual(settings.temporaryAccessPass.includeGroupIds, ["all_users"]);
    assert.deepEqual(calls, []);
  });

  it("looks each distinct name up once, wherever it appears, all lookups at once", async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const calls: string[] = [];
    const slow = (objectId: string) => async (): Promise<LookupOutcome> => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return found(objectId);
    };
    const groups: Record<string, () => Promise<LookupOutcome>> = {
      Sales: slow(NEW_HIRES),
      Leavers: slow(LEAVERS),
    };
    const lookups: ReferenceLookups = {
      group: (name) => {
        calls.push(`group ${name}`);
        return groups[name]();
      },
      user: (name) => {
        calls.push(`user ${name}`);
        return slow(BREAK_GLASS_1)();
      },
    };
    const declared = parseSettings({
      temporaryAccessPass: {
        includeGroupIds: [{ displayName: "Sales" }],
        excludeGroupIds: [{ displayName: "Leavers" }],
      },
      registrationPolicy: {
        breakGlassUserIds: [{ userPrincipalName: "bg@contoso.com" }],
        excludeGroupIds: [{ displayName: "Leavers" }, { displayName: "Sales" }],
      },
    });

    const settings = await resolveReferences(declared, lookups);

    assert.deepEqual(calls.sort(), ["group Leavers", "group Sales", "user bg@contoso.com"]);
    assert.equal(mostInFlight, 3, "the three lookups run together");
    assert.deepEqual(settings.registrationPolicy.excludeGroupIds, [LEAVERS, NEW_HIRES]);
    assert.deepEqual(settings.temporaryAccessPass.excludeGroupIds, [LEAVERS]);
  });

  it("reports a user that does not exist with its full key and the data source's words", async () => {
    const { lookups } = fakeTenant(
      {},
      {
        "x@contoso.com": {
          status: "notFound",
          detail: 'azuread.getUser: [user_principal_name] User with UPN "x@contoso.com" was not found',
        },
        "ok@contoso.com": found(BREAK_GLASS_1),
      },
    );
    const declared = parseSettings({
      registrationPolicy: {
        breakGlassUserIds: [{ userPrincipalName: "ok@contoso.com" }, { userPrincipalName: "x@contoso.com" }],
      },
    });
    const error = await rejection(resolveReferences(declared, lookups));
    assert.deepEqual(error.problems, [
      'passwordless-onboarding:registrationPolicy.breakGlassUserIds[1]: no user with userPrincipalName "x@contoso.com" in this tenant (azuread.getUser: [user_principal_name] User with UPN "x@contoso.com" was not found)',
    ]);
    assert.equal(
      error.message,
      "Cannot resolve the groups and users the stack config names (1 problem); no resource was declared:\n" +
        '  - passwordless-onboarding:registrationPolicy.breakGlassUserIds[1]: no user with userPrincipalName "x@contoso.com" in this tenant (azuread.getUser: [user_principal_name] User with UPN "x@contoso.com" was not found)',
    );
  });

  it("lists every unresolved reference in one error, each place a name is used, after one lookup per name", async () => {
    const notFound: LookupOutcome = {
      status: "notFound",
      detail:
        "azuread.getGroup: [display_name] No group found matching specified filter (displayName eq 'Gone')",
    };
    const several: LookupOutcome = {
      status: "several",
      detail:
        "azuread.getGroup: [display_name] More than one group found matching specified filter (displayName eq 'Twins')",
    };
    const failed: LookupOutcome = {
      status: "failed",
      detail: "azuread.getUser: Authorization_RequestDenied",
    };
    const { lookups, calls } = fakeTenant({ Gone: notFound, Twins: several }, { "bg@contoso.com": failed });
    const declared = parseSettings({
      temporaryAccessPass: {
        includeGroupIds: [{ displayName: "Gone" }],
        excludeGroupIds: [{ displayName: "Twins" }],
      },
      registrationPolicy: {
        breakGlassUserIds: [{ userPrincipalName: "bg@contoso.com" }],
        excludeGroupIds: [{ displayName: "Gone" }],
      },
      autopilot: { existingGroupId: { displayName: "Twins" } },
    });

    const error = await rejection(resolveReferences(declared, lookups));

    assert.deepEqual(calls.sort(), ["group Gone", "group Twins", "user bg@contoso.com"]);
    assert.deepEqual(error.problems, [
      `passwordless-onboarding:temporaryAccessPass.includeGroupIds[0]: no group with displayName "Gone" in this tenant (${notFound.detail})`,
      `passwordless-onboarding:temporaryAccessPass.excludeGroupIds[0]: more than one group with displayName "Twins" in this tenant (${several.detail}); give the object id of the one you mean instead of { displayName: "Twins" }`,
      `passwordless-onboarding:registrationPolicy.breakGlassUserIds[0]: could not look up the user with userPrincipalName "bg@contoso.com" (${failed.detail})`,
      `passwordless-onboarding:registrationPolicy.excludeGroupIds[0]: no group with displayName "Gone" in this tenant (${notFound.detail})`,
      `passwordless-onboarding:autopilot.existingGroupId: more than one group with displayName "Twins" in this tenant (${several.detail}); give the object id of the one you mean instead of { displayName: "Twins" }`,
    ]);
    assert.match(error.message, /^Cannot resolve the groups and users the stack config names \(5 problems\)/);
  });

  it("reports a lookup that throws as a failed lookup of that reference", async () => {
    const lookups: ReferenceLookups = {
      group: () => Promise.reject(new Error("the tenant is unreachable")),
      user: () => assert.fail("no user lookup"),
    };
    const error = await rejection(
      resolveReferences(
        parseSettings({ autopilot: { existingGroupId: { displayName: "Autopilot" } } }),
        lookups,
      ),
    );
    assert.deepEqual(error.problems, [
      'passwordless-onboarding:autopilot.existingGroupId: could not look up the group with displayName "Autopilot" (the tenant is unreachable)',
    ]);
  });

  it("refuses a name that resolves to a group the same list already holds", async () => {
    const { lookups } = fakeTenant({
      Leavers: found(LEAVERS.toUpperCase()),
      "Leavers (old)": found(LEAVERS),
    });
    const declared = parseSettings({
      registrationPolicy: {
        excludeGroupIds: [LEAVERS, { displayName: "Leavers" }, { displayName: "Leavers (old)" }],
      },
    });
    const error = await rejection(resolveReferences(declared, lookups));
    assert.deepEqual(error.problems, [
      `passwordless-onboarding:registrationPolicy.excludeGroupIds[1]: { displayName: "Leavers" } (group ${LEAVERS.toUpperCase()}) is the group entry 0 of excludeGroupIds already names; list each group once`,
      `passwordless-onboarding:registrationPolicy.excludeGroupIds[2]: { displayName: "Leavers (old)" } (group ${LEAVERS}) is the group entry 0 of excludeGroupIds already names; list each group once`,
    ]);
  });

  it("refuses an id that a name earlier in the list already resolved to", async () => {
    const { lookups } = fakeTenant({}, { "bg@contoso.com": found(BREAK_GLASS_1) });
    const declared = parseSettings({
      registrationPolicy: { breakGlassUserIds: [{ userPrincipalName: "bg@contoso.com" }, BREAK_GLASS_1] },
    });
    const error = await rejection(resolveReferences(declared, lookups));
    assert.deepEqual(error.problems, [
      `passwordless-onboarding:registrationPolicy.breakGlassUserIds[1]: ${BREAK_GLASS_1} is the user entry 0 of breakGlassUserIds already names; list each user once`,
    ]);
  });
});

describe("resolveReferences in a section set with --secret", () => {
  it("names only the key of a reference it cannot resolve, never the name or the lookup's answer", async () => {
    const lookups: ReferenceLookups = {
      group: () => assert.fail("no group lookup"),
      user: () =>
        Promise.resolve({
          status: "notFound",
          detail: 'azuread.getUser: [user_principal_name] User with UPN "hidden@contoso.com" was not found',
        }),
    };
    const declared = parseSettings({
      registrationPolicy: { breakGlassUserIds: [{ userPrincipalName: "hidden@contoso.com" }] },
    });
    const error = await rejection(
      resolveReferences(declared, lookups, { secretSections: ["registrationPolicy"] }),
    );
    assert.deepEqual(error.problems, [
      "passwordless-onboarding:registrationPolicy.breakGlassUserIds[0]: the user named here could not be resolved in this tenant; the name and the lookup's answer are not shown because passwordless-onboarding:registrationPolicy is a secret",
    ]);
    assert.equal(error.message.includes("hidden"), false);
  });
});
