/**
 * Step 3 — restarts during the Enrollment Status Page. Every restart in device setup drops the
 * cached sign-in: the joiner meets the Windows sign-in screen again and needs the pass once more
 * (through Web sign-in). Lists what is assigned to the group's devices and known to restart them
 * (rebootSources.ts), and the compliance checks that only a restart satisfies.
 *
 * The documented workaround is to target such policies at users instead of devices: they then apply
 * in account setup, after the device phase's restarts (https://learn.microsoft.com/autopilot/policy-conflicts).
 * Its trade-off: BitLocker, Secure Boot and code-integrity compliance is measured at boot and stays
 * unmet until the device next restarts, so compliance needs a grace period
 * (https://learn.microsoft.com/intune/intune-service/protect/compliance-policy-create-windows).
 */
import type { Audience } from "../audience";
import { effectiveConfiguration } from "../effectiveEnrollment";
import { named, plural, type JourneyFacts } from "../facts";
import type { CompliancePolicyFact } from "../reads/compliancePolicies";
import type { ReadOutcome } from "../reads/outcome";
import {
  appReboot,
  deviceConfigurationReboot,
  enrollmentStatusPageReboot,
  intunePolicyReboots,
  type RebootReason,
} from "../rebootSources";
import type { Assigned } from "../targets";
import { SOURCES } from "../sources";
import { step, type Finding, type JourneyStep } from "../types";

const MOVE_TO_USERS =
  "assign it to the new joiners' user group instead of the Autopilot device group, so it applies in account setup after the device-phase restarts; trade-off: compliance checks measured at boot (BitLocker, Secure Boot, code integrity) stay unmet until the next restart, so give compliance a grace period. Or keep it and rely on a multi-use pass, Web sign-in and a pass that outlasts the restart (steps 1, 2, 4)";

function reaching(audience: Audience, object: Assigned): string | undefined {
  const reached = audience.devices.filter((device) => {
    const reach = audience.reach(object.targets, device).reach;
    return reach === "reaches" || reach === "filtered" || reach === "unknown";
  });
  if (reached.length === 0) return undefined;
  return audience.standIn
    ? "the Autopilot group's devices"
    : `${reached.length} of ${plural(audience.devices.length, "device")}`;
}

function rebootFinding(
  kind: string,
  object: Assigned,
  who: string,
  reason: RebootReason,
  change: string,
): Finding {
  return {
    verdict: "at risk",
    evidence: `${kind} ${named(object)} reaches ${who}: ${reason.setting}`,
    why: `${reason.why} (${reason.source})`,
    change,
  };
}

function collect<T extends Assigned>(
  outcome: ReadOutcome<T[]>,
  audience: Audience,
  judge: (object: T) => { kind: string; reasons: RebootReason[]; change?: string },
  findings: Finding[],
): number {
  if (!outcome.ok) {
    findings.push({ verdict: "not checked", evidence: outcome.notChecked });
    return 0;
  }
  for (const object of outcome.value) {
    const who = reaching(audience, object);
    if (who === undefined) continue;
    const { kind, reasons, change } = judge(object);
    for (const reason of reasons)
      findings.push(rebootFinding(kind, object, who, reason, change ?? MOVE_TO_USERS));
  }
  return outcome.value.length;
}

function complianceFindings(outcome: ReadOutcome<CompliancePolicyFact[]>, audience: Audience): Finding[] {
  if (!outcome.ok) return [{ verdict: "not checked", evidence: outcome.notChecked }];
  return outcome.value.flatMap((policy): Finding[] => {
    const who = reaching(audience, policy);
    if (who === undefined || policy.bootMeasuredChecks.length === 0) return [];
    const grace = policy.gracePeriodHours ?? 0;
    const evidence = `compliance policy ${named(policy)} reaches ${who}: ${policy.bootMeasuredChecks.join(", ")} measured at boot, grace period ${plural(grace, "hour")}`;
    return grace > 0
      ? [{ verdict: "ok", evidence: `${evidence} (covers the restart these checks need)` }]
      : [
          {
            verdict: "at risk",
            evidence,
            why: `these checks are met only after a restart; with no grace period the new device is noncompliant right after setup (${SOURCES.compliance})`,
            change: `give the policy a grace period (for Autopilot it can be as short as 0.25 days: ${SOURCES.autopilotKnownIssues}); do not move restarting policies to users without one`,
          },
        ];
  });
}

function qualityUpdateFindings(facts: JourneyFacts): Finding[] {
  if (!facts.enrollment.ok) return [{ verdict: "not checked", evidence: facts.enrollment.notChecked }];
  const pages = new Map<
    string,
    { page: Parameters<typeof enrollmentStatusPageReboot>[0]; devices: number }
  >();
  for (const device of facts.audience.devices) {
    const effective = effectiveConfiguration(facts.enrollment.value.pages, facts.audience, device, {
      userTargeted: false,
    });
    if (effective === undefined || enrollmentStatusPageReboot(effective.configuration) === undefined)
      continue;
    const entry = pages.get(effective.configuration.id) ?? { page: effective.configuration, devices: 0 };
    entry.devices += 1;
    pages.set(effective.configuration.id, entry);
  }
  return [...pages.values()].map(({ page, devices }) => {
    const reason = enrollmentStatusPageReboot(page) as RebootReason;
    const who = facts.audience.standIn ? "the Autopilot group's devices" : plural(devices, "device");
    return rebootFinding(
      "Enrollment Status Page",
      page,
      who,
      reason,
      `turn off "Install Windows quality updates" on ${named(page)}, or keep it and let the pass outlast the extra 20–40 minutes (step 4)`,
    );
  });
}

export function rebootsStep(facts: JourneyFacts): JourneyStep {
  if (!facts.group.ok)
    return step(3, "Restarts during enrollment", [
      { verdict: "not checked", evidence: facts.group.notChecked },
    ]);
  const audience = facts.audience;
  const findings: Finding[] = [];
  const profiles = collect(
    facts.deviceConfigurations,
    audience,
    (profile) => {
      const reason = deviceConfigurationReboot(profile);
      const kind = profile.type.endsWith("windowsupdateforbusinessconfiguration")
        ? "update ring"
        : "device configuration profile";
      return { kind, reasons: reason === undefined ? [] : [reason] };
    },
    findings,
  );
  const policies = collect(
    facts.intunePolicies,
    audience,
    (policy) => {
      if (
        policy.templateFamily !== "baseline" &&
        policy.settings === undefined &&
        policy.settingsNotRead !== undefined
      )
        findings.push({ verdict: "not checked", evidence: policy.settingsNotRead });
      return {
        kind: policy.templateFamily === "baseline" ? "security baseline" : "settings-catalog policy",
        reasons: intunePolicyReboots(policy),
      };
    },
    findings,
  );
  const apps = collect(
    facts.apps,
    audience,
    (app) => {
      const reason = appReboot(app);
      return {
        kind: "required Win32 app",
        reasons: reason === undefined ? [] : [reason],
        change:
          'set the app\'s restart behaviour to "Determine behavior based on return codes" or assign it to users; or keep it and rely on a multi-use pass and Web sign-in (steps 1, 2)',
      };
    },
    findings,
  );
  findings.push(...qualityUpdateFindings(facts), ...complianceFindings(facts.compliance, audience));
  if (!findings.some((finding) => finding.verdict === "at risk" || finding.verdict === "not checked"))
    findings.unshift({
      verdict: "ok",
      evidence: `nothing known to restart the device during the Enrollment Status Page reaches the group's devices (looked at ${plural(profiles, "device configuration profile")}, ${plural(policies, "settings-catalog policy", "settings-catalog policies")}, ${plural(apps, "Win32 app")} and the Enrollment Status Pages)`,
    });
  return step(3, "Restarts during enrollment", findings);
}
