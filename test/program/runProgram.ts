/**
 * Runs the real program (infra/index.ts) under Pulumi's mock runtime and reports what it declared.
 *
 * Usage from any test:
 *
 *   const { resources, outputs } = await runProgram({
 *     temporaryAccessPass: { state: "enabled" },   // keys of the passwordless-onboarding namespace
 *     "azuread:tenantId": "...",                   // a key with a namespace is passed through as is
 *   });
 *   const group = findResource(resources, "azuread:index/group:Group", "onboarding-autopilot-group");
 *
 * - Keys without a ":" are put in the `passwordless-onboarding` namespace; objects are passed the
 *   way the Pulumi CLI passes structured config (as JSON text).
 * - Every registered resource (components included) is recorded with its type, name, inputs and,
 *   when it has one, its parent's type and name.
 * - Each resource gets the id and outputs its real provider would return (providerMocks.ts): an
 *   `azuread.Group` is `/groups/<guid>` with the bare GUID as `objectId`, a Conditional Access
 *   policy `/identity/conditionalAccess/policies/<guid>`, the TAP policy `TemporaryAccessPass`,
 *   the Web sign-in profile a GUID and its assignment the profile's id. The GUIDs are derived
 *   from type and name: `mockGroupObjectId("onboarding-autopilot-group")` and its siblings give
 *   what to expect. A custom resource type without a mock fails the run.
 * - `mockOutputs` lets a test give a resource type extra outputs, merged over the mock's.
 * - `directory` is what `azuread.getGroup` / `azuread.getUser` find (providerMocks.ts `mockInvoke`);
 *   every invoke is recorded in `invokes`.
 * - Each recorded resource carries its dependencies (explicit `dependsOn` and those of its inputs)
 *   and its import id, as the engine receives them.
 * - The program's exports are Outputs of asynchronous work (lookups in the tenant, then the
 *   declarations); a failure there rejects the returned promise with the program's own error.
 * - The program's main module is loaded fresh on every run (see loadProgram). A config error rejects the returned promise with
 *   the program's own error.
 * - `loadStackConfig("Pulumi.dev.yaml")` reads a stack file's `config:` block into the same shape.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse as parseYaml } from "yaml";
import { mockInvoke, mockResource, type MockDirectory } from "./providerMocks";

export const PROJECT_NAME = "passwordless-onboarding";
export const STACK_NAME = "test";
export const REPO_ROOT = path.resolve(__dirname, "..", "..");
const PROGRAM_PATH = path.join(REPO_ROOT, "infra", "index.ts");

export interface ResourceReference {
  type: string;
  name: string;
}

export interface RecordedResource {
  type: string;
  name: string;
  /** The inputs as the engine receives them (undefined properties are absent). */
  inputs: Record<string, unknown>;
  /** The parent resource, when one was given. */
  parent?: ResourceReference;
  /** True for provider-managed (custom) resources, false for components. */
  custom: boolean;
  /** The resources it depends on (`dependsOn` and the resources behind its input Outputs). */
  dependsOn: ResourceReference[];
  /** The `import` option's id, when set. */
  importId?: string;
  /** The explicit provider's reference (`<provider urn>::<id>`), when the resource was given one. */
  provider?: string;
}

/** One data-source call the program made. */
export interface RecordedInvoke {
  token: string;
  inputs: Record<string, unknown>;
}

export interface ProgramRun {
  /** In the order the engine received them. */
  resources: RecordedResource[];
  invokes: RecordedInvoke[];
  /** The program's exports, resolved. */
  outputs: Record<string, unknown>;
}

export interface RunProgramOptions {
  /** Run as a preview (`pulumi preview`) instead of an update. */
  preview?: boolean;
  /** Records into this array instead of a new one: lets a test see what was declared before a failure. */
  recordInto?: RecordedResource[];
  /** Extra outputs per resource type token, merged over the outputs the provider mock returns. */
  mockOutputs?: Record<string, (resource: RecordedResource) => Record<string, unknown>>;
  /** Called as each resource is registered; sees registrations even when the program then fails. */
  onResource?: (resource: RecordedResource) => void;
  /** What `azuread.getGroup` / `azuread.getUser` find; empty by default. */
  directory?: MockDirectory;
  /** Another program's entry module (absolute path), e.g. an example; default the project's infra/index.ts. */
  program?: string;
}

/** The fields of a RegisterResourceRequest the recorder reads. */
interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getDependenciesList(): string[];
}

interface PatchableMonitor {
  registerResource(request: RegisterResourceRequest, callback: (...args: unknown[]) => void): unknown;
}

/** Runtime internals the harness needs; they are exported by the SDK but not in its typings. */
interface RuntimeSettings {
  getMonitor(): PatchableMonitor | undefined;
  waitForRPCs(): Promise<void>;
}
const runtimeSettings = require("@pulumi/pulumi/runtime/settings") as RuntimeSettings;

/** `urn:pulumi:stack::project::parent$type::name` -> { type, name }. */
export function parseUrn(urn: string): ResourceReference {
  const parts = urn.split("::");
  const qualifiedType = parts[2] ?? "";
  return { type: qualifiedType.split("$").pop() ?? qualifiedType, name: parts.slice(3).join("::") };
}

/** Turns namespace-relative keys into full keys, with structured values as JSON text. */
export function toPulumiConfig(config: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const fullKey = key.includes(":") ? key : `${PROJECT_NAME}:${key}`;
    result[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return result;
}

/**
 * Loads the program's main module afresh, as a new `pulumi` process does: it reads the stack
 * config and declares the resources when loaded. The modules it imports stay loaded: they hold no
 * state (nothing is read or declared when they load), and keeping them saves transpiling them
 * again and lets Pulumi's serialization cache (keyed by provider object) serve the dynamic
 * providers' code after the first run in a process.
 */
export function loadProgram(program: string = PROGRAM_PATH): Record<string, unknown> {
  delete require.cache[program];
  return require(program) as Record<string, unknown>;
}

/** Awaits each export; an Output that fails rejects with its error (`apply` would never call back). */
async function resolveExports(exports: Record<string, unknown>): Promise<Record<string, unknown>> {
  const outputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(exports)) {
    outputs[name] = pulumi.Output.isInstance(value)
      ? await (value as unknown as { promise(): Promise<unknown> }).promise()
      : await value;
  }
  return outputs;
}

export async function runProgram(
  config: Record<string, unknown>,
  options: RunProgramOptions = {},
): Promise<ProgramRun> {
  const resources: RecordedResource[] = options.recordInto ?? [];
  const invokes: RecordedInvoke[] = [];
  const parents = new Map<string, ResourceReference>();
  const dependencies = new Map<string, ResourceReference[]>();
  const key = (type: string, name: string) => `${type}::${name}`;

  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        const recorded: RecordedResource = {
          type: args.type,
          name: args.name,
          inputs,
          custom: args.custom ?? true,
          dependsOn: dependencies.get(key(args.type, args.name)) ?? [],
        };
        const parent = parents.get(key(args.type, args.name));
        if (parent !== undefined) recorded.parent = parent;
        if (args.id) recorded.importId = args.id;
        if (args.provider) recorded.provider = args.provider;
        resources.push(recorded);
        options.onResource?.(recorded);
        const answer = mockResource({
          type: args.type,
          name: args.name,
          inputs,
          custom: recorded.custom,
          id: args.id,
        });
        const extra = options.mockOutputs?.[args.type]?.(recorded) ?? {};
        return { id: answer.id, state: { ...answer.state, ...extra } };
      },
      call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const inputs = (args.inputs ?? {}) as Record<string, unknown>;
        invokes.push({ token: args.token, inputs });
        return mockInvoke(args.token, inputs, options.directory);
      },
    },
    PROJECT_NAME,
    STACK_NAME,
    options.preview ?? false,
  );

  // The mock API passes neither the parent nor the dependencies to newResource; read them from the
  // registration request.
  const monitor = runtimeSettings.getMonitor();
  if (monitor === undefined) throw new Error("Pulumi mock monitor is not installed");
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const parentUrn = request.getParent();
    const resourceKey = key(request.getType(), request.getName());
    if (parentUrn) parents.set(resourceKey, parseUrn(parentUrn));
    dependencies.set(resourceKey, request.getDependenciesList().map(parseUrn));
    return register(request, callback);
  };

  pulumi.runtime.setAllConfig(toPulumiConfig(config));
  const programExports = loadProgram(options.program);
  const outputs = await resolveExports(programExports);
  await runtimeSettings.waitForRPCs();
  return { resources, invokes, outputs };
}

/** Reads a stack file's `config:` block, keeping full keys (`passwordless-onboarding:autopilot`). */
export function loadStackConfig(fileName: string): Record<string, unknown> {
  const text = fs.readFileSync(path.join(REPO_ROOT, fileName), "utf8");
  const document: unknown = parseYaml(text);
  if (typeof document !== "object" || document === null || !("config" in document)) {
    throw new Error(`${fileName} has no config: block`);
  }
  return (document as { config: Record<string, unknown> }).config;
}

/** The one recorded resource with this type and name; fails listing what was declared. */
export function findResource(
  resources: readonly RecordedResource[],
  type: string,
  name: string,
): RecordedResource {
  const matches = resources.filter((r) => r.type === type && r.name === name);
  if (matches.length !== 1) {
    const declared = resources.map((r) => `${r.type} ${r.name}`).join(", ");
    throw new Error(`Expected one ${type} named ${name}; found ${matches.length}. Declared: ${declared}`);
  }
  return matches[0];
}
