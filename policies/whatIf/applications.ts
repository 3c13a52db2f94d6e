/**
 * The applications condition for the user action "Register security information": a policy
 * applies when it lists the user action, or targets All resources (the What-If API reports such
 * policies as applying to the user action). A policy for specific applications, another user
 * action or an authentication context does not apply. Pure.
 */
import { REGISTER_SECURITY_INFO_USER_ACTION } from "../registrationPolicy";
import { containsId, no, notEvaluated, yes, type Outcome } from "./outcome";
import type { ConditionalAccessApplications } from "./types";

export function matchApplications(applications: ConditionalAccessApplications | null | undefined): Outcome {
  if (applications === null || applications === undefined) {
    return no("applications: no applications condition (targets no resource)");
  }
  if (containsId(applications.includeUserActions, REGISTER_SECURITY_INFO_USER_ACTION)) {
    return yes(`applications: includeUserActions ${REGISTER_SECURITY_INFO_USER_ACTION}`);
  }
  if (containsId(applications.includeApplications, "All")) {
    const excluded = applications.excludeApplications ?? [];
    if (excluded.length > 0) {
      return notEvaluated(
        `applications: includeApplications All with excludeApplications [${excluded.join(", ")}] ` +
          "(which application the registration counts as is not known)",
      );
    }
    if (applications.applicationFilter) {
      return notEvaluated(
        `applications: includeApplications All with applicationFilter ${applications.applicationFilter.mode} ` +
          `"${applications.applicationFilter.rule}"`,
      );
    }
    return yes("applications: includeApplications All (All resources also covers the user action)");
  }
  const targets = [
    ...describe("includeApplications", applications.includeApplications),
    ...describe("includeUserActions", applications.includeUserActions),
    ...describe(
      "includeAuthenticationContextClassReferences",
      applications.includeAuthenticationContextClassReferences,
    ),
  ];
  return no(
    `applications: targets ${targets.length > 0 ? targets.join(", ") : "nothing"}, not ${REGISTER_SECURITY_INFO_USER_ACTION}`,
  );
}

function describe(name: string, values: readonly string[] | undefined): string[] {
  return values !== undefined && values.length > 0 ? [`${name} [${values.join(", ")}]`] : [];
}
