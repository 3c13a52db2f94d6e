import { strict as assert } from "node:assert";
import { autopilotMembershipRule, groupTagProblem } from "../../policies/autopilotGroup";

describe("autopilotMembershipRule", () => {
  it("matches every Autopilot device without a group tag", () => {
    assert.equal(autopilotMembershipRule(), '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))');
  });

  it("matches only devices whose Autopilot group tag (OrderID) equals the tag", () => {
    assert.equal(
      autopilotMembershipRule("NewHires-EU_2.0 west"),
      '(device.devicePhysicalIds -any (_ -eq "[OrderID]:NewHires-EU_2.0 west"))',
    );
  });

  it("refuses a tag that would break out of the rule's string", () => {
    assert.throws(() => autopilotMembershipRule('x") -or (device.accountEnabled -eq true'), {
      message:
        'Autopilot group tag may contain only letters, digits, spaces, "-", "_" and "."; got "x\\") -or (device.accountEnabled -eq true"',
    });
  });
});

describe("groupTagProblem", () => {
  it("accepts letters, digits, spaces, hyphens, underscores and dots", () => {
    assert.equal(groupTagProblem("Sales 01_EU-west.v2"), undefined);
  });

  for (const bad of ['"', "'", "`", "[", "]", "(", ")", ":", "\\", "é", "\t"]) {
    it(`rejects the character ${JSON.stringify(bad)}`, () => {
      assert.match(groupTagProblem(`tag${bad}`) ?? "", /^may contain only letters, digits, spaces/);
    });
  }

  it("rejects an empty tag", () => {
    assert.equal(groupTagProblem(""), "must be a non-empty group tag");
  });

  it("rejects a tag longer than 128 characters", () => {
    assert.equal(groupTagProblem("a".repeat(128)), undefined);
    assert.equal(groupTagProblem("a".repeat(129)), "must be at most 128 characters; got 129");
  });

  it("rejects leading and trailing spaces", () => {
    assert.equal(groupTagProblem(" Sales"), 'must not start or end with a space; got " Sales"');
  });
});
