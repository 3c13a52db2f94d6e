import { strict as assert } from "node:assert";
import { DEFAULT_SETTINGS } from "../policies/settings";

describe("toolchain", () => {
  it("loads TypeScript sources", () => {
    assert.equal(DEFAULT_SETTINGS.temporaryAccessPass.defaultLength, 8);
  });
});
