/** What the journey check recognises as restarting a device during the Enrollment Status Page. */
import { strict as assert } from "node:assert";
import {
  appReboot,
  deviceConfigurationReboot,
  intunePolicyReboots,
} from "../../scripts/journey/rebootSources";
import type { DeviceConfigurationFact } from "../../scripts/journey/reads/deviceConfigurations";
import type { IntunePolicyFact } from "../../scripts/journey/reads/intunePolicies";

function profile(type: string, document: Record<string, unknown>): DeviceConfigurationFact {
  return {
    id: "p",
    name: "p",
    targets: [],
    type: `#microsoft.graph.${type}`.toLowerCase(),
    profile: document,
  };
}

function policy(settings: [string, string][], templateFamily = "none"): IntunePolicyFact {
  return {
    id: "s",
    name: "s",
    targets: [],
    platforms: "windows10",
    templateFamily,
    settings: settings.map(([definitionId, value]) => ({ definitionId, value })),
  };
}

describe("reboot sources", () => {
  it("flags update rings whose branch is not userDefined", () => {
    assert.equal(
      deviceConfigurationReboot(
        profile("windowsUpdateForBusinessConfiguration", { businessReadyUpdatesOnly: "userDefined" }),
      ),
      undefined,
    );
    assert.equal(
      deviceConfigurationReboot(
        profile("windowsUpdateForBusinessConfiguration", { businessReadyUpdatesOnly: "all" }),
      )?.setting,
      'businessReadyUpdatesOnly "all"',
    );
  });

  it("flags AppLocker in custom OMA-URI and legacy endpoint protection profiles", () => {
    const appLocker = "./Vendor/MSFT/AppLocker/ApplicationLaunchRestrictions/apps/EXE/Policy";
    assert.equal(
      deviceConfigurationReboot(
        profile("windows10CustomConfiguration", { omaSettings: [{ omaUri: appLocker }] }),
      )?.setting,
      `OMA-URI ${appLocker}`,
    );
    assert.equal(
      deviceConfigurationReboot(
        profile("windows10CustomConfiguration", {
          omaSettings: [{ omaUri: "./Device/Vendor/MSFT/Policy/Config/Start/HideSleep" }],
        }),
      ),
      undefined,
    );
    assert.equal(
      deviceConfigurationReboot(
        profile("windows10EndpointProtectionConfiguration", { appLockerApplicationControl: "notConfigured" }),
      ),
      undefined,
    );
  });

  it("flags Device Guard, UAC, preview-build and BitLocker settings by value, and a baseline as a whole", () => {
    const vbs = "device_vendor_msft_policy_config_deviceguard_enablevirtualizationbasedsecurity";
    assert.deepEqual(
      intunePolicyReboots(
        policy([
          [vbs, `${vbs}_1`],
          [
            "device_vendor_msft_policy_config_deviceguard_lsacfgflags",
            "device_vendor_msft_policy_config_deviceguard_lsacfgflags_0",
          ],
          [
            "device_vendor_msft_policy_config_localpoliciessecurityoptions_useraccountcontrol_runalladministratorsinadminapprovalmode",
            "x_1",
          ],
          [
            "device_vendor_msft_bitlocker_requiredeviceencryption",
            "device_vendor_msft_bitlocker_requiredeviceencryption_0",
          ],
          [
            "device_vendor_msft_policy_config_authentication_enablewebsignin",
            "device_vendor_msft_policy_config_authentication_enablewebsignin_1",
          ],
        ]),
      ).map((reason) => reason.setting),
      [
        `${vbs} = ${vbs}_1`,
        "device_vendor_msft_policy_config_localpoliciessecurityoptions_useraccountcontrol_runalladministratorsinadminapprovalmode = x_1",
      ],
    );
    assert.deepEqual(
      intunePolicyReboots(policy([], "baseline")).map((reason) => reason.setting),
      ['security baseline (templateFamily "baseline")'],
    );
  });

  it("flags only Win32 apps that force a restart", () => {
    const app = (deviceRestartBehavior: string) => ({
      id: "a",
      name: "a",
      targets: [],
      deviceRestartBehavior,
    });
    assert.equal(appReboot(app("basedOnReturnCode")), undefined);
    assert.equal(appReboot(app("force"))?.setting, 'installExperience.deviceRestartBehavior "force"');
  });
});
