/**
 * Enrollment Status Pages and the Windows Hello for Business enrollment policy: one beta list read
 * of `deviceManagement/deviceEnrollmentConfigurations?$expand=assignments` (every enrollment
 * configuration kind is in that one collection; v1.0's types lack the ESP settings and priority).
 * Least permission DeviceManagementServiceConfig.Read.All
 * (https://learn.microsoft.com/graph/api/intune-onboarding-windows10enrollmentcompletionpageconfiguration-list?view=graph-rest-beta).
 *
 * Kinds are told apart by `@odata.type`; the defaults are the ones with priority 0 (their
 * `deviceEnrollmentConfigurationType` is the plain kind, not the enum's `default…` member).
 */
import type { GraphClient } from "../../../infra/graph/types";
import { targetsOf, text, type Assigned, type GraphAssignment } from "../targets";
import { attempt, type ReadOutcome } from "./outcome";

export const ENROLLMENT_CONFIGURATIONS_PATH = "/deviceManagement/deviceEnrollmentConfigurations";
const ESP_TYPE = "#microsoft.graph.windows10enrollmentcompletionpageconfiguration";
const HELLO_TYPE = "#microsoft.graph.deviceenrollmentwindowshelloforbusinessconfiguration";

interface Prioritised extends Assigned {
  /** 1 is the highest; the default's 0 applies last. */
  priority: number;
  isDefault: boolean;
}

export interface EnrollmentStatusPageFact extends Prioritised {
  /** false: no Enrollment Status Page is shown at all. */
  showInstallationProgress: boolean;
  installProgressTimeoutInMinutes: number;
  installQualityUpdates: boolean;
}

export interface HelloEnrollmentFact extends Prioritised {
  /** `enabled`, `disabled` or `notConfigured`. */
  state: string;
}

export interface EnrollmentFacts {
  pages: EnrollmentStatusPageFact[];
  hello: HelloEnrollmentFact[];
}

interface ConfigurationDocument {
  "@odata.type"?: unknown;
  id?: unknown;
  displayName?: unknown;
  priority?: unknown;
  showInstallationProgress?: unknown;
  installProgressTimeoutInMinutes?: unknown;
  installQualityUpdates?: unknown;
  state?: unknown;
  assignments?: GraphAssignment[];
}

function base(document: ConfigurationDocument): Prioritised {
  const priority = typeof document.priority === "number" ? document.priority : 0;
  return {
    id: text(document.id),
    name: text(document.displayName, text(document.id)),
    targets: targetsOf(document.assignments),
    priority,
    isDefault: priority === 0,
  };
}

export function readEnrollmentConfigurations(client: GraphClient): Promise<ReadOutcome<EnrollmentFacts>> {
  return attempt(
    "the enrollment configurations (Enrollment Status Pages, Windows Hello for Business)",
    async () => {
      const documents = await client.list<ConfigurationDocument>(ENROLLMENT_CONFIGURATIONS_PATH, {
        version: "beta",
        query: { $expand: "assignments" },
      });
      const typeOf = (document: ConfigurationDocument) => text(document["@odata.type"]).toLowerCase();
      return {
        pages: documents
          .filter((document) => typeOf(document) === ESP_TYPE)
          .map((document) => ({
            ...base(document),
            showInstallationProgress: document.showInstallationProgress === true,
            installProgressTimeoutInMinutes:
              typeof document.installProgressTimeoutInMinutes === "number"
                ? document.installProgressTimeoutInMinutes
                : 0,
            installQualityUpdates: document.installQualityUpdates === true,
          })),
        hello: documents
          .filter((document) => typeOf(document) === HELLO_TYPE)
          .map((document) => ({ ...base(document), state: text(document.state, "notConfigured") })),
      };
    },
    "DeviceManagementServiceConfig.Read.All",
  );
}
