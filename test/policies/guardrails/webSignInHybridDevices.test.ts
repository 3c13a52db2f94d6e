import type { AutopilotDeploymentProfileFact } from "../../../policies/guardrails";
import { webSignInHybridDevices } from "../../../policies/guardrails/webSignInHybridDevices";
import { NEW_JOINERS_GROUP_ID, expectRule } from "./expectRule";

const HYBRID_DEVICES_GROUP_ID = "3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b";

const entraProfile: AutopilotDeploymentProfileFact = {
  id: "54c48954-766f-4238-86da-ed2d872e793e",
  displayName: "User-driven Entra join",
  "@odata.type": "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile",
  assignedGroupIds: [NEW_JOINERS_GROUP_ID],
};
const hybridProfile: AutopilotDeploymentProfileFact = {
  id: "7d8e9fa0-1b2c-4d3e-8f40-516273849506",
  displayName: "Hybrid join (branch offices)",
  "@odata.type": "#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile",
  assignedGroupIds: [HYBRID_DEVICES_GROUP_ID],
};

describe("PO-WSI-002 Web sign-in group that includes hybrid-joined Autopilot devices", () => {
  it("accepts a tenant whose Autopilot profiles are all Entra join", () => {
    expectRule(webSignInHybridDevices, { autopilotProfiles: [entraProfile] }).compliant();
  });

  it("warns when the group is every Autopilot device ([ZTDId]) and a hybrid-join profile exists", () => {
    expectRule(webSignInHybridDevices, { autopilotProfiles: [entraProfile, hybridProfile] }).nonCompliant(
      {},
      /^autopilot\.groupTag and autopilot\.existingGroupId are not set, so the group rule \[ZTDId\] takes in every Autopilot device, including those of the hybrid-join profile "Hybrid join \(branch offices\)"/,
    );
  });

  it("accepts a group-tag group next to a hybrid-join profile (the tag decides, which a static check cannot see)", () => {
    expectRule(webSignInHybridDevices, { autopilotProfiles: [hybridProfile] }).compliant({
      autopilot: { groupTag: "NewHires" },
    });
  });

  it("warns when the existing group is itself assigned a hybrid-join profile", () => {
    expectRule(webSignInHybridDevices, { autopilotProfiles: [entraProfile, hybridProfile] }).nonCompliant(
      { autopilot: { existingGroupId: HYBRID_DEVICES_GROUP_ID.toUpperCase() } },
      /^autopilot\.existingGroupId 3C4D5E6F-7081-4293-A4B5-C6D7E8F90A1B is assigned the hybrid-join Autopilot profile "Hybrid join \(branch offices\)"/,
    );
  });

  it("accepts an existing group that only Entra-join profiles target", () => {
    expectRule(webSignInHybridDevices, { autopilotProfiles: [entraProfile, hybridProfile] }).compliant({
      autopilot: { existingGroupId: NEW_JOINERS_GROUP_ID },
    });
  });

  it("says nothing when the tenant's Autopilot profiles were not read (pulumi preview)", () => {
    expectRule(webSignInHybridDevices).compliant();
  });
});
