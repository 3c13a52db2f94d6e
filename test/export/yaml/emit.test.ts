import { strict as assert } from "node:assert";
import { parse } from "yaml";
import { Commented, emitEntry, scalarText } from "../../../scripts/export/yaml/emit";

describe("export YAML emitter", () => {
  it("writes plain scalars only where every YAML reader reads them back as the same string", () => {
    const plain = [
      "New hires",
      "00000000-0000-0000-0000-0000000000a1",
      "62e90394-69f5-4237-9190-012177145e10",
      "breakglass1@contoso.example",
      "Windows - Enable Web Sign-in (dev)",
    ];
    for (const text of plain) assert.equal(scalarText(text), text);
    const quoted = [
      "",
      "yes",
      "No",
      "on",
      "true",
      "null",
      "~",
      "123",
      "1e3",
      "a: b",
      "# x",
      " lead",
      "trail ",
      "-x",
      "it's",
      'say "hi"',
      "été",
      "a\nb",
    ];
    for (const text of quoted) {
      assert.equal(scalarText(text), JSON.stringify(text), text);
      assert.equal((parse(`key: ${scalarText(text)}`) as { key: unknown }).key, text);
    }
    assert.equal(scalarText(480), "480");
    assert.equal(scalarText(false), "false");
  });

  it("lays out mappings, lists of scalars and of mappings, empties and comments like Pulumi.dev.yaml", () => {
    const lines = emitEntry(
      "passwordless-onboarding:temporaryAccessPass",
      {
        state: "enabled",
        includeGroupIds: [
          { displayName: "New hires" },
          new Commented("5a5a5a5a-0000-4000-8000-000000000001", "Devices"),
        ],
        excludeGroupIds: [],
        suppress: {},
        existingGroupId: { displayName: "Autopilot: all" },
      },
      2,
    );
    assert.deepEqual(lines, [
      "  passwordless-onboarding:temporaryAccessPass:",
      "    state: enabled",
      "    includeGroupIds:",
      "      - displayName: New hires",
      "      - 5a5a5a5a-0000-4000-8000-000000000001 # Devices",
      "    excludeGroupIds: []",
      "    suppress: {}",
      "    existingGroupId:",
      '      displayName: "Autopilot: all"',
    ]);
    assert.deepEqual(parse(`config:\n${lines.join("\n")}\n`), {
      config: {
        "passwordless-onboarding:temporaryAccessPass": {
          state: "enabled",
          includeGroupIds: [{ displayName: "New hires" }, "5a5a5a5a-0000-4000-8000-000000000001"],
          excludeGroupIds: [],
          suppress: {},
          existingGroupId: { displayName: "Autopilot: all" },
        },
      },
    });
  });
});
