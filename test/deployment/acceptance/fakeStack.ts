/**
 * A stand-in for `@pulumi/pulumi/automation`'s `Stack` with the same method signatures, for the
 * acceptance driver's unit tests: it keeps the stack file's config the way the CLI does, replays
 * recorded engine events into `onEvent`, and fails loudly on anything it was not told about.
 */
import type {
  ConfigMap,
  DestroyOptions,
  DestroyResult,
  EngineEvent,
  OutputMap,
  PreviewOptions,
  PreviewResult,
  RefreshOptions,
  RefreshResult,
  UpdateSummary,
  UpOptions,
  UpResult,
} from "@pulumi/pulumi/automation";
import type { AcceptanceStack } from "./acceptanceDriver";

export type FakeOperation = "up" | "preview" | "refresh" | "destroy";

/** What one operation does: the events it streams, then success (with outputs) or an error. */
export interface FakeRun {
  events?: EngineEvent[];
  error?: Error;
  stdout?: string;
}

const SUMMARY = { kind: "update", result: "succeeded" } as unknown as UpdateSummary;

export class FakeStack implements AcceptanceStack {
  readonly name: string;
  /** Every call in order: `config --json`, `config rm-all <keys>`, `config set-all <keys>`, `up`, ... */
  readonly calls: string[] = [];
  /** The options each operation was called with (callbacks left out). */
  readonly operationOptions: Array<{ operation: FakeOperation; options: Record<string, unknown> }> = [];
  /** What `Pulumi.<stack>.yaml` holds under `config:` (structured values stay structured). */
  readonly file: Record<string, unknown>;
  /** The stack's outputs, as `pulumi stack output --json --show-secrets` would give them. */
  outputMap: OutputMap = {};
  /** Makes the config commands fail, as a CLI that cannot decrypt the stack would. */
  configError?: Error;
  private readonly runs: Array<{ operation: FakeOperation; run: FakeRun }> = [];

  constructor(name = "acceptance", file: Record<string, unknown> = {}) {
    this.name = name;
    this.file = { ...file };
  }

  /** Queues what the next call of `operation` does. */
  willRun(operation: FakeOperation, run: FakeRun = {}): this {
    this.runs.push({ operation, run });
    return this;
  }

  getAllConfig(): Promise<ConfigMap> {
    this.calls.push("config --json");
    if (this.configError) return Promise.reject(this.configError);
    const config: ConfigMap = {};
    for (const [key, value] of Object.entries(this.file)) {
      config[key] = { value: typeof value === "string" ? value : JSON.stringify(value), secret: false };
    }
    return Promise.resolve(config);
  }

  setAllConfigJson(configJson: string): Promise<void> {
    const document = JSON.parse(configJson) as Record<string, unknown>;
    this.calls.push(`config set-all --json ${Object.keys(document).join(" ")}`);
    for (const [key, entry] of Object.entries(document)) {
      if (!/^[^:]+:[^:]+$/.test(key)) throw new Error(`fake stack: key ${key} is not namespace:name`);
      if (typeof entry !== "object" || entry === null) throw new Error(`fake stack: ${key} is not an entry`);
      const { value, objectValue, secret, ...rest } = entry as Record<string, unknown>;
      if (typeof value !== "string") throw new Error(`fake stack: ${key}.value is not a string`);
      if (typeof secret !== "boolean") throw new Error(`fake stack: ${key}.secret is not a boolean`);
      if (Object.keys(rest).length > 0) throw new Error(`fake stack: ${key} has unknown fields`);
      if (objectValue !== undefined && JSON.stringify(objectValue) !== value) {
        throw new Error(`fake stack: ${key}.value is not the JSON of its objectValue`);
      }
      this.file[key] = objectValue !== undefined ? objectValue : value;
    }
    return Promise.resolve();
  }

  removeAllConfig(keys: string[], path?: boolean): Promise<void> {
    if (path) throw new Error("fake stack: removeAllConfig with path is not expected");
    this.calls.push(`config rm-all ${keys.join(" ")}`);
    for (const key of keys) delete this.file[key];
    return Promise.resolve();
  }

  async up(options: UpOptions = {}): Promise<UpResult> {
    await this.operate("up", options);
    return { stdout: "", stderr: "", outputs: this.outputMap, summary: SUMMARY };
  }

  async preview(options: PreviewOptions = {}): Promise<PreviewResult> {
    await this.operate("preview", options);
    return { stdout: "", stderr: "", changeSummary: {} };
  }

  async refresh(options: RefreshOptions = {}): Promise<RefreshResult> {
    await this.operate("refresh", options);
    return { stdout: "", stderr: "", summary: SUMMARY };
  }

  async destroy(options: DestroyOptions = {}): Promise<DestroyResult> {
    await this.operate("destroy", options);
    return { stdout: "", stderr: "", summary: SUMMARY };
  }

  outputs(): Promise<OutputMap> {
    this.calls.push("stack output");
    return Promise.resolve(this.outputMap);
  }

  private operate(
    operation: FakeOperation,
    options: { onEvent?: (event: EngineEvent) => void; onOutput?: (out: string) => void },
  ): Promise<void> {
    this.calls.push(operation);
    const { onEvent, onOutput, ...rest } = options as Record<string, unknown> & typeof options;
    this.operationOptions.push({ operation, options: rest });
    const next = this.runs.shift();
    if (!next || next.operation !== operation) {
      throw new Error(`fake stack: ${operation} was not expected (next: ${next?.operation ?? "nothing"})`);
    }
    if (next.run.stdout) onOutput?.(next.run.stdout);
    for (const event of next.run.events ?? []) onEvent?.(event);
    return next.run.error ? Promise.reject(next.run.error) : Promise.resolve();
  }
}
