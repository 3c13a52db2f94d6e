/**
 * Device configuration profiles (update rings, custom OMA-URI, legacy endpoint and identity
 * protection): one beta list read, `deviceManagement/deviceConfigurations?$expand=assignments`;
 * the profile itself is kept for rebootSources.ts and windowsHello.ts to judge. Permission
 * DeviceManagementConfiguration.Read.All.
 * https://learn.microsoft.com/graph/api/resources/intune-deviceconfig-windowsupdateforbusinessconfiguration?view=graph-rest-beta
 */
import type { GraphClient } from "../../../infra/graph/types";
import { targetsOf, text, type Assigned, type GraphAssignment } from "../targets";
import { attempt, type ReadOutcome } from "./outcome";

export const DEVICE_CONFIGURATIONS_PATH = "/deviceManagement/deviceConfigurations";

export interface DeviceConfigurationFact extends Assigned {
  /** Lower-cased `@odata.type`, e.g. `#microsoft.graph.windowsupdateforbusinessconfiguration`. */
  type: string;
  profile: Record<string, unknown>;
}

type ProfileDocument = Record<string, unknown> & { assignments?: GraphAssignment[] };

export function readDeviceConfigurations(
  client: GraphClient,
): Promise<ReadOutcome<DeviceConfigurationFact[]>> {
  return attempt("the device configuration profiles (update rings, custom profiles)", async () => {
    const documents = await client.list<ProfileDocument>(DEVICE_CONFIGURATIONS_PATH, {
      version: "beta",
      query: { $expand: "assignments" },
    });
    return documents.map(({ assignments, ...profile }) => ({
      id: text(profile.id),
      name: text(profile.displayName, text(profile.id)),
      targets: targetsOf(assignments),
      type: text(profile["@odata.type"]).toLowerCase(),
      profile,
    }));
  });
}
