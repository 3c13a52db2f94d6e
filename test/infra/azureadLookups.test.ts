/**
 * How the program reads the azuread data sources' answers: the object id from `objectId` (never
 * `id`), and a failure classified by the provider's own words (azuread-provider-facts.md §6.1, §6.2).
 */
import { strict as assert } from "node:assert";
import { invokeErrorDetail, lookUp } from "../../infra/references/azureadLookups";
import { invokeError } from "../program/providerMocks";

const OBJECT_ID = "7e3a9c10-2b4d-4f6e-8a1c-3d5e7f9a0b01";
const GROUP_ERRORS = {
  notFound: /No group found matching specified filter/,
  several: /More than one group found matching specified filter/,
};

describe("invokeErrorDetail", () => {
  it("keeps the provider's diagnostic out of the engine's wrapping", () => {
    const error = invokeError(
      "azuread:index/getUser:getUser",
      '[user_principal_name] User with UPN "x@contoso.com" was not found',
    );
    assert.equal(
      invokeErrorDetail(error.message),
      '[user_principal_name] User with UPN "x@contoso.com" was not found',
    );
  });

  it("joins several diagnostics and strips the prefixes of an unbulleted message", () => {
    assert.equal(invokeErrorDetail("2 errors occurred:\n\t* [a] one\n\t* [b] two\n\n"), "[a] one; [b] two");
    assert.equal(
      invokeErrorDetail(
        "invocation of azuread:index/getGroup:getGroup returned an error: invoking azuread:index/getGroup:getGroup: failed to load Azure credentials.\nDetails: none",
      ),
      "failed to load Azure credentials. Details: none",
    );
  });
});

describe("lookUp", () => {
  it("answers the result's objectId, not its id path", async () => {
    const outcome = await lookUp(
      "azuread.getGroup",
      () => Promise.resolve({ id: `/groups/${OBJECT_ID}`, objectId: OBJECT_ID }),
      GROUP_ERRORS,
    );
    assert.deepEqual(outcome, { status: "found", objectId: OBJECT_ID });
  });

  it("classifies the provider's not-found and several-found diagnostics", async () => {
    const token = "azuread:index/getGroup:getGroup";
    const none = await lookUp(
      "azuread.getGroup",
      () =>
        Promise.reject(
          invokeError(token, "[display_name] No group found matching specified filter (displayName eq 'X')"),
        ),
      GROUP_ERRORS,
    );
    assert.deepEqual(none, {
      status: "notFound",
      detail:
        "azuread.getGroup: [display_name] No group found matching specified filter (displayName eq 'X')",
    });
    const several = await lookUp(
      "azuread.getGroup",
      () =>
        Promise.reject(
          invokeError(
            token,
            "[display_name] More than one group found matching specified filter (displayName eq 'X')",
          ),
        ),
      GROUP_ERRORS,
    );
    assert.equal(several.status, "several");
  });

  it("reports any other failure, and an answer without a GUID objectId, as failed", async () => {
    const denied = await lookUp(
      "azuread.getGroup",
      () => Promise.reject(new Error("403 Forbidden")),
      GROUP_ERRORS,
    );
    assert.deepEqual(denied, { status: "failed", detail: "azuread.getGroup: 403 Forbidden" });
    const pathOnly = await lookUp(
      "azuread.getGroup",
      () => Promise.resolve({ objectId: `/groups/${OBJECT_ID}` }),
      GROUP_ERRORS,
    );
    assert.deepEqual(pathOnly, {
      status: "failed",
      detail: `azuread.getGroup: answered without an object id (objectId "/groups/${OBJECT_ID}")`,
    });
  });
});
