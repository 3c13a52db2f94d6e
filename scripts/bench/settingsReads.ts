/**
 * 5. Graph requests of the settings-catalog provider's `read` for profiles with many settings, in
 * a fresh worker process against the sandbox. The sandbox answers `$expand=settings` with every
 * setting; Graph cuts the expanded list and links to the rest (`settings@odata.nextLink`, pages of
 * 25), so each read is measured twice: with the first GET answered in Graph's cut shape (a fault:
 * the first 25 settings and a nextLink into the sandbox's own `/settings`, paged at 25) and as the
 * sandbox answers by default.
 */
import { startSandbox, type JsonObject } from "../../test/sandbox";
import { cutExpandedSettings, SETTINGS_PAGE_SIZE } from "../../test/providers/support/cutExpandedSettings";
import { FAST_OPTIONS, PROVIDERS } from "./providers";

export interface SettingsReadFigure {
  settings: number;
  /** ceil(n / 25). */
  pages: number;
  /** Graph requests of one read when the first answer is cut as Graph cuts it. */
  cutRequests: number;
  /** Graph requests of one read when the sandbox answers with every setting. */
  uncutRequests: number;
  /** Settings the cut read returned, and whether they are the stored ones in order. */
  returned: number;
  complete: boolean;
}

/** n distinct choice settings. */
function choiceSettings(n: number): JsonObject[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `device_vendor_msft_policy_config_bench_setting${String(i).padStart(4, "0")}`;
    return {
      settingInstance: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
        settingDefinitionId: id,
        choiceSettingValue: { value: `${id}_1` },
      },
    };
  });
}

function definitionIds(list: unknown): string[] {
  return (Array.isArray(list) ? list : []).map(
    (s) => (s as { settingInstance: { settingDefinitionId: string } }).settingInstance.settingDefinitionId,
  );
}

export async function measureSettingsReads(counts: readonly number[]): Promise<SettingsReadFigure[]> {
  const sandbox = await startSandbox();
  try {
    Object.assign(process.env, sandbox.env());
    const provider = PROVIDERS.find((spec) => spec.key === "policy")!.instance(FAST_OPTIONS);
    const figures: SettingsReadFigure[] = [];
    for (const n of counts) {
      const id = sandbox.seedConfigurationPolicy({
        name: `Bench ${n} settings`,
        platforms: "windows10",
        technologies: "mdm",
        settings: choiceSettings(n),
      });
      const graphRequests = () => sandbox.graphRequests().length;

      let before = graphRequests();
      await provider.read!(id, {});
      const uncutRequests = graphRequests() - before;

      cutExpandedSettings(sandbox, id);
      before = graphRequests();
      const read = await provider.read!(id, {});
      const cutRequests = graphRequests() - before;
      if (sandbox.pendingFaults().length > 0) throw new Error("the cut answer was not requested");

      const returned = (read.props as { settings?: unknown } | undefined)?.settings;
      figures.push({
        settings: n,
        pages: Math.ceil(n / SETTINGS_PAGE_SIZE),
        cutRequests,
        uncutRequests,
        returned: definitionIds(returned).length,
        complete:
          JSON.stringify(definitionIds(returned)) ===
          JSON.stringify(definitionIds(sandbox.configurationPolicy(id)!.settings)),
      });
    }
    return figures;
  } finally {
    await sandbox.stop();
  }
}
