/** The `temporaryAccessPass` section: the tenant's TAP policy, always adopted (a singleton). */
import { DEFAULT_SETTINGS, type TemporaryAccessPassSettings } from "../../../policies/settings";
import { temporaryAccessPassFromGraph } from "../map/temporaryAccessPass";
import { tapChanges } from "../map/verify";
import type { References } from "../references";
import { type ExportedTemporaryAccessPass, type GraphTapConfiguration } from "../types";
import { sortReferences } from "./sortReferences";
import { changesFinding } from "./changes";
import type { SectionResult } from "./sectionReport";

const TITLE = "Temporary Access Pass policy";

export function temporaryAccessPassSection(
  tap: GraphTapConfiguration | undefined,
  references: References,
): SectionResult<ExportedTemporaryAccessPass, TemporaryAccessPassSettings> {
  if (tap === undefined) {
    return {
      settings: DEFAULT_SETTINGS.temporaryAccessPass,
      report: {
        key: "temporaryAccessPass",
        title: TITLE,
        status: "notRead",
        objects: [],
        mapping: [
          "Not exported: the policy could not be read (see Reads). The key is left out of the YAML; without it " +
            "`pulumi up` would write the defaults (enabled for all users), so fix the read and export again.",
        ],
        findings: [],
        yamlComment: [
          "passwordless-onboarding:temporaryAccessPass is left out: the TAP policy could not be read (see the report).",
          "Without it `pulumi up` would write the defaults: export again once the read works.",
        ],
      },
    };
  }
  const { settings, findings } = temporaryAccessPassFromGraph(tap);
  const changes = tapChanges(tap, settings);
  const changed = changesFinding(changes, findings);
  if (changed) findings.push(changed);
  const where = "temporaryAccessPass";
  const exported: ExportedTemporaryAccessPass = {
    state: settings.state,
    includeGroupIds: sortReferences(
      settings.includeGroupIds.map((id) => references.group(id, `${where}.includeGroupIds`)),
    ),
    excludeGroupIds: sortReferences(
      settings.excludeGroupIds.map((id) => references.group(id, `${where}.excludeGroupIds`)),
    ),
    minimumLifetimeInMinutes: settings.minimumLifetimeInMinutes,
    defaultLifetimeInMinutes: settings.defaultLifetimeInMinutes,
    maximumLifetimeInMinutes: settings.maximumLifetimeInMinutes,
    defaultLength: settings.defaultLength,
    isUsableOnce: settings.isUsableOnce,
    onDestroy: "restore",
  };
  const describe = (ids: string[]): string =>
    ids.length === 0
      ? "none"
      : ids.map((id) => (id === "all_users" ? "all users" : references.describeGroup(id))).join(", ");
  return {
    exported,
    settings,
    report: {
      key: "temporaryAccessPass",
      title: TITLE,
      status: "exported",
      objects: [
        {
          kind: "authentication method configuration",
          name: "Temporary Access Pass",
          id: tap.id ?? "TemporaryAccessPass",
          detail: `state ${String(tap.state)}`,
          role: "exported",
        },
      ],
      mapping: [
        "Always adopted: the policy is a tenant singleton, so `pulumi up` updates it in place (and `onDestroy: restore` " +
          "puts back what the first `pulumi up` finds).",
        `state ${settings.state}; lifetimes ${settings.minimumLifetimeInMinutes}-${settings.maximumLifetimeInMinutes} min ` +
          `(default ${settings.defaultLifetimeInMinutes}); length ${settings.defaultLength}; one-time use ${settings.isUsableOnce}.`,
        `Included: ${describe(settings.includeGroupIds)}. Excluded: ${describe(settings.excludeGroupIds)}.`,
      ],
      findings,
      yamlComment: [
        `Found: the tenant's Temporary Access Pass policy (${settings.state}); always adopted, it is a tenant singleton.`,
      ],
    },
  };
}
