/**
 * Serializes a dynamic provider exactly as `pulumi.dynamic.Resource` does before it stores the text
 * in the resource's `__provider` input: `serializeFunction(() => provider, { allowSecrets: true })`,
 * whose module exports `handler`, which the host calls to get the provider back.
 *
 * Two mistakes surface here instead of in a user's `pulumi up`: a closure the serializer cannot
 * capture (a credential or SDK client held in a variable or field), and a secret value that the
 * serializer would copy verbatim into Pulumi state.
 */
import * as pulumi from "@pulumi/pulumi";

export interface SerializedProvider {
  /** The module text that lands in Pulumi state as `__provider`. */
  text: string;
  /** Whether the closure captured a Pulumi secret (Output marked secret). */
  containsSecrets: boolean;
  /** UTF-8 size of `text` in bytes. */
  bytes: number;
}

export interface SerializeOptions {
  /** Names the provider in error messages. */
  label: string;
  /** Values that must never appear in the serialized text (client secrets, tokens). */
  forbiddenValues?: readonly string[];
}

export class ProviderSerializationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderSerializationError";
  }
}

export async function serializeProvider(
  provider: pulumi.dynamic.ResourceProvider,
  options: SerializeOptions,
): Promise<SerializedProvider> {
  let text: string;
  let containsSecrets: boolean;
  const restoreGlobals = hideTestRunnerGlobals();
  try {
    const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    text = serialized.text;
    containsSecrets = serialized.containsSecrets;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProviderSerializationError(
      `serializing the ${options.label} provider failed: ${reason}. A dynamic provider is stored in ` +
        `Pulumi state and run in a separate process, so it must not capture credential objects, ` +
        `SDK clients or other live objects: create them inside its methods.`,
    );
  } finally {
    restoreGlobals();
  }
  const leaked = (options.forbiddenValues ?? []).filter((value) => value !== "" && text.includes(value));
  if (leaked.length > 0 || containsSecrets) {
    throw new ProviderSerializationError(
      `the serialized ${options.label} provider contains a secret value captured in its closure; it ` +
        `would be stored in Pulumi state as "__provider". Read credentials inside the provider's ` +
        `methods (environment or configure), never in a variable it closes over.`,
    );
  }
  return { text, containsSecrets, bytes: Buffer.byteLength(text, "utf8") };
}

/**
 * The test runner's globals (`describe`, `it`, ...) do not exist when `pulumi up` runs a program.
 * While they are visible, the serializer resolves a provider's own function of the same name
 * (a `describe(value)` helper, say) to the global and leaves it out, so the host fails with
 * "describe is not defined". Serializing without them gives the text `pulumi up` would store.
 */
const TEST_RUNNER_GLOBALS = [
  "describe",
  "xdescribe",
  "context",
  "xcontext",
  "it",
  "xit",
  "specify",
  "xspecify",
  "before",
  "after",
  "beforeEach",
  "afterEach",
  "run",
  "suite",
  "test",
  "setup",
  "teardown",
  "suiteSetup",
  "suiteTeardown",
];

function hideTestRunnerGlobals(): () => void {
  const globals = globalThis as Record<string, unknown>;
  const hidden = new Map<string, PropertyDescriptor>();
  for (const name of TEST_RUNNER_GLOBALS) {
    const descriptor = Object.getOwnPropertyDescriptor(globals, name);
    if (descriptor?.configurable) {
      hidden.set(name, descriptor);
      delete globals[name];
    }
  }
  return () => {
    for (const [name, descriptor] of hidden) Object.defineProperty(globals, name, descriptor);
  };
}
