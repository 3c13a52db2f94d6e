import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_NAME, PROJECT_VERSION, USER_AGENT } from "../../infra/graph/version";

describe("project version sent to Graph", () => {
  it("equals package.json's name and version", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as {
      name: string;
      version: string;
    };
    assert.equal(PROJECT_NAME, pkg.name);
    assert.equal(PROJECT_VERSION, pkg.version);
    assert.equal(USER_AGENT, `${pkg.name}/${pkg.version}`);
  });
});
