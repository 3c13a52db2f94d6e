import { strict as assert } from "node:assert";
import { assignPath } from "../../infra/providers/assignment/assignPolicy";
import { idSegment, isGuid } from "../../infra/providers/graphIds";

const POLICY = "8dea6029-0000-4000-8000-000000000001";

describe("Graph ids in URLs", () => {
  it("recognises GUIDs in any letter case and nothing else", () => {
    assert.equal(isGuid(POLICY), true);
    assert.equal(isGuid(POLICY.toUpperCase()), true);
    for (const value of [`${POLICY}/..`, `${POLICY}?x`, ` ${POLICY}`, "", 42, null, undefined]) {
      assert.equal(isGuid(value), false, JSON.stringify(value));
    }
  });

  it("keeps an id in one path segment: '/', '?', '#' and '%' are percent-encoded", () => {
    assert.equal(idSegment(POLICY), POLICY);
    assert.equal(idSegment(`${POLICY}/../x?$filter=y#z%`), `${POLICY}%2F..%2Fx%3F%24filter%3Dy%23z%25`);
    assert.equal(
      assignPath(`${POLICY}/../x`),
      `/deviceManagement/configurationPolicies/${POLICY}%2F..%2Fx/assign`,
    );
  });

  it('refuses "", "." and "..", which URL parsers resolve whatever the encoding', () => {
    for (const id of ["", ".", ".."]) {
      assert.throws(() => idSegment(id), {
        message: `Refusing to put ${JSON.stringify(id)} into a Graph URL: it is not an object id.`,
      });
    }
  });
});
