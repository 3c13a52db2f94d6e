/**
 * Step 4 — time: the pass must outlast the Enrollment Status Page and the Windows Hello setup that
 * follows it, or the joiner is stranded mid-journey (tokens from a pass expire with the pass:
 * https://learn.microsoft.com/entra/identity/authentication/howto-authentication-temporary-access-pass).
 *
 * The effective page's "Show an error when installation takes longer than" minutes bound the ESP
 * (none when `showInstallationProgress` is false — the unedited default); "Install Windows quality
 * updates" adds 20–40 minutes, counted as 40
 * (https://learn.microsoft.com/intune/intune-service/enrollment/windows-enrollment-status).
 * How long Windows Hello setup takes is not documented: any lifetime not longer than the ESP bound
 * is at risk, and the margin left for Windows Hello is reported.
 */
import { effectiveConfiguration } from "../effectiveEnrollment";
import { effectiveProfile } from "../effectiveProfile";
import { named, plural, type JourneyFacts } from "../facts";
import type { EnrollmentStatusPageFact } from "../reads/enrollmentConfigurations";
import { SOURCES } from "../sources";
import { step, type Finding, type JourneyStep } from "../types";

export const QUALITY_UPDATE_MINUTES = 40;

interface Need {
  minutes: number;
  page?: EnrollmentStatusPageFact;
  how?: string;
  qualityUpdates?: EnrollmentStatusPageFact;
}

function needOf(facts: JourneyFacts, pages: EnrollmentStatusPageFact[]): Need {
  let worstNeed: Need = { minutes: 0 };
  for (const device of facts.audience.devices) {
    const profile = facts.profiles.ok
      ? effectiveProfile(facts.profiles.value, facts.audience, device)
      : undefined;
    const userDriven = profile === undefined || profile.profile.deviceUsageType !== "shared";
    const page = effectiveConfiguration(pages, facts.audience, device, { userTargeted: userDriven });
    const devicePage = effectiveConfiguration(pages, facts.audience, device, { userTargeted: false });
    const shown = page !== undefined && page.configuration.showInstallationProgress;
    const updates = devicePage !== undefined && devicePage.configuration.installQualityUpdates;
    const minutes =
      (shown ? page.configuration.installProgressTimeoutInMinutes : 0) +
      (updates ? QUALITY_UPDATE_MINUTES : 0);
    if (minutes >= worstNeed.minutes)
      worstNeed = {
        minutes,
        ...(page === undefined ? {} : { page: page.configuration, how: page.how }),
        ...(updates ? { qualityUpdates: devicePage.configuration } : {}),
      };
  }
  return worstNeed;
}

function describeNeed(need: Need): string {
  const page = need.page;
  const shown =
    page === undefined
      ? "no Enrollment Status Page applies"
      : page.showInstallationProgress
        ? `Enrollment Status Page ${named(page)} (${need.how === "default" ? "the default" : `${need.how}-targeted`}, priority ${page.priority}) times out after ${plural(page.installProgressTimeoutInMinutes, "minute")}`
        : `Enrollment Status Page ${named(page)} is not shown (showInstallationProgress false)`;
  const updates =
    need.qualityUpdates === undefined
      ? ""
      : `; ${named(need.qualityUpdates)} installs Windows quality updates (up to ${QUALITY_UPDATE_MINUTES} more minutes)`;
  return `${shown}${updates}`;
}

export function timeStep(facts: JourneyFacts): JourneyStep {
  const title = "Time: the pass outlasts enrollment";
  const notRead = [facts.group, facts.tap, facts.enrollment].flatMap((outcome): Finding[] =>
    outcome.ok ? [] : [{ verdict: "not checked", evidence: outcome.notChecked }],
  );
  if (!facts.group.ok || !facts.tap.ok || !facts.enrollment.ok) return step(4, title, notRead);
  const tap = facts.tap.value;
  const need = needOf(facts, facts.enrollment.value.pages);
  const lifetimes = `Temporary Access Pass policy: defaultLifetimeInMinutes ${tap.defaultLifetimeInMinutes}, maximumLifetimeInMinutes ${tap.maximumLifetimeInMinutes}`;
  const evidence = `${lifetimes}; ${describeNeed(need)}`;
  const why = `Windows Hello setup comes after the Enrollment Status Page and needs the pass still valid; tokens from a pass expire with it (${SOURCES.tapHowTo}; ${SOURCES.enrollmentStatusPage})`;
  const findings: Finding[] = [];
  if (tap.maximumLifetimeInMinutes <= need.minutes)
    findings.push({
      verdict: "at risk",
      evidence: `${evidence}: even the longest pass (${tap.maximumLifetimeInMinutes} minutes) can expire before the ${need.minutes} minutes enrollment may take, with Windows Hello setup still to come`,
      why,
      change: `raise temporaryAccessPass.maximumLifetimeInMinutes and defaultLifetimeInMinutes above ${need.minutes}, or shorten the Enrollment Status Page timeout`,
    });
  else if (tap.defaultLifetimeInMinutes <= need.minutes)
    findings.push({
      verdict: "at risk",
      evidence: `${evidence}: a pass issued with the default lifetime (${tap.defaultLifetimeInMinutes} minutes) can expire before the ${need.minutes} minutes enrollment may take`,
      why,
      change: `raise temporaryAccessPass.defaultLifetimeInMinutes above ${need.minutes}, or issue joiners' passes with lifetimeInMinutes above ${need.minutes}`,
    });
  else
    findings.push({
      verdict: "ok",
      evidence: `${evidence}: a default pass leaves ${plural(tap.defaultLifetimeInMinutes - need.minutes, "minute")} after the Enrollment Status Page's limit for Windows Hello setup (whose length is not documented)`,
    });
  return step(4, title, findings);
}
