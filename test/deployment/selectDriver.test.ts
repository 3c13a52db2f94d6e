import { strict as assert } from "node:assert";
import { acceptanceRequested, acceptanceSkipReason, acceptanceTenantIds } from "./selectDriver";

describe("selectDriver", () => {
  it("asks for the acceptance driver only when PASSWORDLESS_ACCEPTANCE is exactly 1", () => {
    assert.equal(acceptanceRequested({ PASSWORDLESS_ACCEPTANCE: "1" }), true);
    for (const value of [undefined, "", "0", "true", " 1"]) {
      assert.equal(acceptanceRequested({ PASSWORDLESS_ACCEPTANCE: value }), false, String(value));
    }
  });

  it("re-exports the skip reason and the tenant ids for the scenarios", () => {
    assert.match(acceptanceSkipReason({}) ?? "", /^acceptance tests skipped: set PASSWORDLESS_ACCEPTANCE=1/);
    assert.throws(() => acceptanceTenantIds({}), /PASSWORDLESS_ACCEPTANCE_TAP_GROUP_ID is not set/);
  });

  it("does not load the automation API's driver until an acceptance driver is created", () => {
    const driverModule = require.resolve("./acceptance/acceptanceDriver");
    const loadedBy =
      require.cache[require.resolve("./selectDriver")]?.children.map((child) => child.id) ?? [];
    assert.equal(loadedBy.includes(driverModule), false);
  });
});
