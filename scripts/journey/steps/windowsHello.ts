/**
 * Step 6 — Windows Hello for Business comes last: it replaces the pass before the pass expires.
 * The tenant-wide enrollment policy (`deviceEnrollmentWindowsHelloForBusinessConfiguration.state`)
 * "Disabled" means users can't provision Windows Hello; "Not configured" leaves Windows' own default,
 * which turns it on for Microsoft Entra joined devices
 * (https://learn.microsoft.com/intune/intune-service/protect/windows-hello;
 * https://learn.microsoft.com/windows/security/identity-protection/hello-for-business/configure).
 * A disabled tenant policy can be overridden by an Account protection policy with
 * `…passportforwork_{tenantid}_policies_usepassportforwork` = `…_true`; `…_false`, the legacy
 * identity protection profile's `windowsHelloForBusinessBlocked`, or
 * `…_policies_disablepostlogonprovisioning` = `…_true` (no prompt after sign-in) leave the joiner
 * without a PIN once the pass expires.
 */
import { effectiveConfiguration } from "../effectiveEnrollment";
import { named, plural, type JourneyFacts } from "../facts";
import type { HelloEnrollmentFact } from "../reads/enrollmentConfigurations";
import type { IntunePolicyFact } from "../reads/intunePolicies";
import { SOURCES } from "../sources";
import { step, type Finding, type JourneyStep } from "../types";

const STRANDED = `without Windows Hello the joiner has no way to sign in once the pass expires (${SOURCES.windowsHelloIntune})`;
const USE_WHFB = /passportforwork_\{tenantid\}_policies_usepassportforwork$/i;
const NO_POST_LOGON = /passportforwork_\{tenantid\}_policies_disablepostlogonprovisioning$/i;

interface HelloSetting {
  policy: IntunePolicyFact;
  value: string;
}

function settingsReaching(facts: JourneyFacts, pattern: RegExp): HelloSetting[] {
  if (!facts.intunePolicies.ok) return [];
  return facts.intunePolicies.value
    .filter(
      (policy) =>
        facts.audience.mayReachDevices(policy.targets) || facts.audience.reachesJoiners(policy.targets),
    )
    .flatMap((policy) =>
      (policy.settings ?? [])
        .filter((setting) => pattern.test(setting.definitionId))
        .map((setting) => ({ policy, value: setting.value })),
    );
}

function enrollmentPolicies(
  facts: JourneyFacts,
  hello: HelloEnrollmentFact[],
): Map<string, { fact: HelloEnrollmentFact; devices: number }> {
  const found = new Map<string, { fact: HelloEnrollmentFact; devices: number }>();
  for (const device of facts.audience.devices) {
    const effective = effectiveConfiguration(hello, facts.audience, device, { userTargeted: true });
    if (effective === undefined) continue;
    const entry = found.get(effective.configuration.id) ?? { fact: effective.configuration, devices: 0 };
    entry.devices += 1;
    found.set(effective.configuration.id, entry);
  }
  return found;
}

export function windowsHelloStep(facts: JourneyFacts): JourneyStep {
  const title = "Windows Hello for Business enrollment";
  const findings: Finding[] = [];
  if (!facts.intunePolicies.ok)
    findings.push({ verdict: "not checked", evidence: facts.intunePolicies.notChecked });
  const enable = settingsReaching(facts, USE_WHFB);
  const turnedOn = enable.filter((setting) => setting.value.toLowerCase().endsWith("_true"));
  for (const setting of enable.filter((candidate) => candidate.value.toLowerCase().endsWith("_false")))
    findings.push({
      verdict: "blocked",
      evidence: `Account protection policy ${named(setting.policy)} sets ${setting.value}`,
      why: STRANDED,
      change: "set Use Windows Hello For Business to true for these devices and users",
    });
  for (const setting of settingsReaching(facts, NO_POST_LOGON).filter((candidate) =>
    candidate.value.toLowerCase().endsWith("_true"),
  ))
    findings.push({
      verdict: "blocked",
      evidence: `policy ${named(setting.policy)} sets ${setting.value} (no Windows Hello prompt after sign-in)`,
      why: STRANDED,
      change: "remove Disable Post Logon Provisioning for new joiners' devices",
    });
  if (facts.deviceConfigurations.ok)
    for (const profile of facts.deviceConfigurations.value)
      if (
        profile.profile.windowsHelloForBusinessBlocked === true &&
        facts.audience.mayReachDevices(profile.targets)
      )
        findings.push({
          verdict: "blocked",
          evidence: `identity protection profile ${named(profile)}: windowsHelloForBusinessBlocked true`,
          why: STRANDED,
          change:
            "unblock Windows Hello for Business in that profile, or unassign it from the Autopilot group",
        });
  if (!facts.enrollment.ok) {
    findings.push({ verdict: "not checked", evidence: facts.enrollment.notChecked });
    return step(6, title, findings);
  }
  for (const { fact, devices } of enrollmentPolicies(facts, facts.enrollment.value.hello).values()) {
    const who = facts.audience.standIn ? "the group's devices" : plural(devices, "device");
    const evidence = `Windows Hello for Business enrollment policy ${named(fact)}${fact.isDefault ? " (tenant default)" : ""}, applying to ${who}: state "${fact.state}"`;
    if (fact.state !== "disabled")
      findings.push({
        verdict: "ok",
        evidence:
          fact.state === "enabled"
            ? evidence
            : `${evidence} (Windows turns Windows Hello on by default on Microsoft Entra joined devices)`,
      });
    else if (turnedOn.length > 0)
      findings.push({
        verdict: "ok",
        evidence: `${evidence}, overridden by ${turnedOn.map((setting) => `${named(setting.policy)} (${setting.value})`).join(", ")}`,
      });
    else
      findings.push({
        verdict: "blocked",
        evidence,
        why: `"Disabled" means users can't provision Windows Hello for Business; ${STRANDED}`,
        change:
          'set the Windows Hello for Business enrollment policy to "Enabled" (or "Not configured"), or turn on Use Windows Hello For Business in an Account protection policy for these devices',
      });
  }
  return step(6, title, findings);
}
