/**
 * A provider function (a Pulumi invoke, e.g. `azuread.getGroup`) that the offline engine runs
 * in-process, as the engine forwards a program's ResourceMonitor.Invoke to the provider's Invoke
 * (pulumi/pulumi pkg/resource/deploy/source_eval.go `resmon.Invoke` @ v3.248.0).
 *
 * The provider answers with a return value and check failures (`failures`, which the Node SDK
 * turns into `Invoke of '<token>' failed: <reason> (<property>)`), or fails: the engine then
 * answers the program `invocation of <token> returned an error: <provider error>`, which the Node
 * SDK throws as `new Error(details)` (@pulumi/pulumi runtime/invoke.js).
 */
import type { PropertyMap } from "../nativeProvider";

export interface NativeInvokeResult {
  /** The function's result (absent when there are failures). */
  outputs?: PropertyMap;
  /** Input problems found before the function ran. */
  failures: { property: string; reason: string }[];
}

export interface NativeFunction {
  /** The Pulumi function token, e.g. `azuread:index/getGroup:getGroup`. */
  readonly token: string;
  /** `args` as the engine passes them: undefined arguments absent, secrets stripped. */
  invoke(args: PropertyMap, preview: boolean): Promise<NativeInvokeResult>;
}
