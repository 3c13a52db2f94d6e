/**
 * 2. Serialization of each provider, in a fresh worker process: the thin entry's text the resource
 * classes store now (thinProviderText, no closure serializer) and, for comparison, the provider
 * class instance serialized by value (the old way). For the entry, "first" is the first
 * thinProviderText for the class and "cached" a second one. For the class, "first" is
 * serializeProvider (test/engine/serializeProvider.ts, which serializes as pulumi.dynamic.Resource
 * does) on an object not serialized before; "cached" is a second `new pulumi.dynamic.Resource`
 * with the same provider object, which Pulumi answers from its per-object cache (timed until its
 * `__provider` text is available, so it includes the resource constructor's own work). Sizes are
 * also read from the `__provider` input of the real program's resources (Pulumi.dev.yaml under mocks).
 */
import * as pulumi from "@pulumi/pulumi";
import { serializeProvider } from "../../test/engine/serializeProvider";
import { loadStackConfig, runProgram } from "../../test/program/runProgram";
import { thinProviderText } from "../../infra/providers/thinProvider";
import { PROVIDERS } from "./providers";

/** Exported by the SDK but not in its typings (as in test/program/runProgram.ts). */
const runtimeSettings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

export type SerializedForm = "thin entry" | "class instance by value";

export interface SerializationFigure {
  provider: string;
  form: SerializedForm;
  bytes: number;
  firstMs: number;
  cachedMs: number;
  /** Whether the second dynamic.Resource got the very Output of the first (Pulumi's cache). */
  cacheHit: boolean;
}

export interface SerializationResult {
  /** The first serializeFunction in the process (a trivial function): the serializer's start-up. */
  warmUpMs: number;
  figures: SerializationFigure[];
  /** UTF-8 bytes of `__provider` per dynamic resource type, as the program registered it. */
  programBytes: Record<string, number>;
  /** `type::name` of every resource the program registered. */
  programResources: string[];
}

/** `pulumi.dynamic.Resource` is abstract in its typings; resource classes subclass it like this. */
class SerializedResource extends pulumi.dynamic.Resource {}

async function providerText(output: pulumi.Output<string>): Promise<string> {
  return new Promise<string>((resolve) =>
    output.apply((text) => {
      resolve(text);
      return text;
    }),
  );
}

/** Declares a dynamic resource with `provider` and waits for its serialized `__provider`. */
async function declare(
  provider: pulumi.dynamic.ResourceProvider,
  name: string,
): Promise<{ output: pulumi.Output<string>; text: string; ms: number }> {
  const props: Record<string, unknown> = {};
  const start = performance.now();
  new SerializedResource(provider, name, props, undefined, "bench", "Serialized");
  const output = props.__provider as pulumi.Output<string>;
  const text = await providerText(output);
  return { output, text, ms: performance.now() - start };
}

function measureThinEntries(): SerializationFigure[] {
  return PROVIDERS.map((spec) => {
    const start = performance.now();
    const text = thinProviderText(spec.location, undefined);
    const firstMs = performance.now() - start;
    const again = performance.now();
    const cacheHit = thinProviderText(spec.location, undefined) === text;
    const cachedMs = performance.now() - again;
    return {
      provider: spec.label,
      form: "thin entry",
      bytes: Buffer.byteLength(text, "utf8"),
      firstMs,
      cachedMs,
      cacheHit,
    };
  });
}

export async function measureSerialization(): Promise<SerializationResult> {
  // Before the serializer starts: the program makes the entries without it.
  const figures: SerializationFigure[] = measureThinEntries();
  const warmUpStart = performance.now();
  await pulumi.runtime.serializeFunction(() => 42);
  const warmUpMs = performance.now() - warmUpStart;

  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs as Record<string, unknown> }),
      call: () => ({}),
    },
    "passwordless-onboarding",
    "bench",
    false,
  );

  const form: SerializedForm = "class instance by value";
  for (const spec of PROVIDERS) {
    const provider = spec.instance();
    const start = performance.now();
    const serialized = await serializeProvider(provider, { label: spec.label });
    const firstMs = performance.now() - start;
    const declared = await declare(provider, `${spec.key}-${form}-1`);
    if (Buffer.byteLength(declared.text, "utf8") !== serialized.bytes) {
      throw new Error(`${spec.label} (${form}): dynamic.Resource and serializeProvider disagree on the size`);
    }
    // Let the first declaration's registration finish, so the second one is timed alone.
    await runtimeSettings.waitForRPCs();
    const again = await declare(provider, `${spec.key}-${form}-2`);
    figures.push({
      provider: spec.label,
      form,
      bytes: serialized.bytes,
      firstMs,
      cachedMs: again.ms,
      cacheHit: again.output === declared.output,
    });
  }

  const run = await runProgram(loadStackConfig("Pulumi.dev.yaml"), { preview: true });
  const programBytes: Record<string, number> = {};
  for (const resource of run.resources) {
    const text = resource.inputs.__provider;
    if (typeof text === "string") programBytes[resource.type] = Buffer.byteLength(text, "utf8");
  }
  return {
    warmUpMs,
    figures,
    programBytes,
    programResources: run.resources.map((resource) => `${resource.type}::${resource.name}`).sort(),
  };
}
