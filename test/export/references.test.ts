import { strict as assert } from "node:assert";
import { References } from "../../scripts/export/references";
import type { GraphGroup, GraphUser } from "../../scripts/export/types";

const NEW_HIRES = "5a5a5a5a-0000-4000-8000-000000000001";
const TWIN_1 = "5a5a5a5a-0000-4000-8000-000000000002";
const TWIN_2 = "5a5a5a5a-0000-4000-8000-000000000003";
const QUOTED = "5a5a5a5a-0000-4000-8000-000000000004";
const GONE = "5a5a5a5a-0000-4000-8000-0000000000ff";
const ALICE = "6b6b6b6b-0000-4000-8000-000000000001";
const LEFT = "6b6b6b6b-0000-4000-8000-000000000002";

const GROUPS: GraphGroup[] = [
  { id: NEW_HIRES, displayName: "New hires" },
  { id: TWIN_1, displayName: "Devices" },
  { id: TWIN_2, displayName: "devices" },
  { id: QUOTED, displayName: "O'Brien team" },
];
const USERS = new Map<string, GraphUser | null>([
  [ALICE, { id: ALICE, userPrincipalName: "alice@contoso.example" }],
  [LEFT, null],
]);

describe("export references", () => {
  it("names a group by displayName and a user by userPrincipalName", () => {
    const references = new References("names", GROUPS, USERS);
    assert.deepEqual(references.group(NEW_HIRES, "temporaryAccessPass.includeGroupIds"), {
      displayName: "New hires",
    });
    assert.deepEqual(references.user(ALICE, "registrationPolicy.breakGlassUserIds"), {
      userPrincipalName: "alice@contoso.example",
    });
    assert.deepEqual(references.findings, []);
  });

  it("keeps all_users as it is", () => {
    assert.equal(new References("names", GROUPS, USERS).group("all_users", "x"), "all_users");
  });

  it("keeps an id, with a finding, when the group is gone, shares its name (any case) or has a quote in it", () => {
    const references = new References("names", GROUPS, USERS);
    assert.equal(references.group(GONE, "a"), GONE);
    assert.equal(references.group(TWIN_1, "b"), TWIN_1);
    assert.equal(references.group(QUOTED, "c"), QUOTED);
    assert.deepEqual(
      references.findings.map((finding) => finding.text.split(":")[0] + ": " + finding.severity),
      ["a: attention", "b: attention", "c: attention"],
    );
    assert.match(references.findings[1].text, /2 groups are named "Devices"/);
    assert.match(references.findings[2].text, /single quote/);
  });

  it("keeps an id, with a finding, when the user is gone", () => {
    const references = new References("names", GROUPS, USERS);
    assert.equal(references.user(LEFT, "registrationPolicy.breakGlassUserIds"), LEFT);
    assert.match(references.findings[0].text, /the user 6b6b6b6b-.* was not found in the tenant/);
  });

  it("keeps ids without findings when groups or users were not read (the failed read is reported instead)", () => {
    const references = new References("names", undefined, undefined);
    assert.equal(references.group(NEW_HIRES, "a"), NEW_HIRES);
    assert.equal(references.user(ALICE, "b"), ALICE);
    assert.deepEqual(references.findings, []);
  });

  it("writes ids with --ids but still knows the names, and lists each reference once", () => {
    const references = new References("ids", GROUPS, USERS);
    assert.equal(references.group(NEW_HIRES, "temporaryAccessPass.includeGroupIds"), NEW_HIRES);
    assert.equal(references.group(NEW_HIRES, "temporaryAccessPass.excludeGroupIds"), NEW_HIRES);
    assert.equal(references.user(ALICE, "registrationPolicy.breakGlassUserIds"), ALICE);
    assert.deepEqual(references.table(), [
      {
        kind: "group",
        id: NEW_HIRES,
        name: "New hires",
        written: NEW_HIRES,
        usedIn: ["temporaryAccessPass.includeGroupIds", "temporaryAccessPass.excludeGroupIds"],
      },
      {
        kind: "user",
        id: ALICE,
        name: "alice@contoso.example",
        written: ALICE,
        usedIn: ["registrationPolicy.breakGlassUserIds"],
      },
    ]);
  });
});
