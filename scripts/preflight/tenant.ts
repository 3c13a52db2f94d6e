/**
 * What the tenant must offer the objects: Intune answering (a cheap read; an unlicensed tenant
 * answers 400 "Request not applicable to target tenant.", graph-facts-round2.md §4.5) and the
 * settings-catalog definition of Enable Web Sign In (the id policies/webSignIn.ts writes, §4.6).
 * `GET /deviceManagement` itself needs DeviceManagementManagedDevices.Read.All, which the stack
 * does not have, so the probe lists one configuration policy id instead (§4.5).
 */
import { isGraphRequestError, isNotFound } from "../../infra/graph/errors";
import type { GraphClient } from "../../infra/graph/types";
import { ENABLE_WEB_SIGN_IN_SETTING_ID } from "../../policies/webSignIn";
import type { CheckRow } from "./types";

const UNLICENSED = /Request not applicable to target tenant/i;

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function checkTenant(client: GraphClient): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  let intune = true;
  try {
    await client.get("/deviceManagement/configurationPolicies", {
      version: "beta",
      query: { $top: "1", $select: "id" },
    });
    rows.push({
      area: "tenant",
      subject: "Intune",
      status: "pass",
      detail: "Intune answers (settings-catalog profiles can be read)",
    });
  } catch (error) {
    intune = false;
    const unlicensed =
      isGraphRequestError(error) && error.status === 400 && UNLICENSED.test(error.graphMessage);
    rows.push({
      area: "tenant",
      subject: "Intune",
      status: "fail",
      detail: unlicensed
        ? 'the tenant is not registered for Intune ("Request not applicable to target tenant."): the Web sign-in profile needs an active Intune license'
        : `Intune did not answer: ${reason(error)}`,
    });
  }
  if (!intune) {
    rows.push({
      area: "tenant",
      subject: "Web sign-in setting",
      status: "fail",
      detail: "not checked: Intune does not answer",
    });
    return rows;
  }
  try {
    const definition = await client.get<{
      id?: string;
      displayName?: string;
      options?: { itemId?: string }[];
    }>(`/deviceManagement/configurationSettings/${ENABLE_WEB_SIGN_IN_SETTING_ID}`, { version: "beta" });
    const enabled = `${ENABLE_WEB_SIGN_IN_SETTING_ID}_1`;
    const hasEnabled = (definition.options ?? []).some((option) => option.itemId === enabled);
    rows.push(
      hasEnabled
        ? {
            area: "tenant",
            subject: "Web sign-in setting",
            status: "pass",
            detail: `settings catalog has ${ENABLE_WEB_SIGN_IN_SETTING_ID} ("${definition.displayName ?? "?"}") with option ${enabled}`,
          }
        : {
            area: "tenant",
            subject: "Web sign-in setting",
            status: "fail",
            detail: `${ENABLE_WEB_SIGN_IN_SETTING_ID} exists but has no option ${enabled}`,
          },
    );
  } catch (error) {
    rows.push({
      area: "tenant",
      subject: "Web sign-in setting",
      status: "fail",
      detail: isNotFound(error)
        ? `the settings catalog has no definition ${ENABLE_WEB_SIGN_IN_SETTING_ID}`
        : `could not read the setting definition: ${reason(error)}`,
    });
  }
  return rows;
}
