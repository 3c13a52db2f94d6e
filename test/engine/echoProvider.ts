/**
 * A test-only dynamic provider that proves the host harness without Graph: it echoes its inputs,
 * stamps every output with its `variant` (so tests can tell which serialized code ran), reports
 * which `azuread:` config keys Configure delivered (names only), reports the host's value of the
 * environment variable named by `envProbe`, fails Create when `failCreate` is set, returns its
 * inputs from Read (as the project's providers do), and on delete appends a line to the file
 * named by the `deleteLogPath` input.
 */
import type * as pulumi from "@pulumi/pulumi";

export const ECHO_TYPE = "pulumi-nodejs:dynamic/test:Echo";

export class EchoProvider implements pulumi.dynamic.ResourceProvider {
  private configuredKeys: string[] = [];

  constructor(private readonly variant: string) {}

  configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.configuredKeys = ["azuread:tenantId", "azuread:clientId", "azuread:clientSecret"].filter(
      (key) => request.config.get(key) !== undefined,
    );
    return Promise.resolve();
  }

  check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
    const failures =
      typeof news.message === "string" ? [] : [{ property: "message", reason: "message: expected a string" }];
    return Promise.resolve({ inputs: news, failures });
  }

  diff(
    _id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.DiffResult> {
    const changed = olds.message !== news.message;
    return Promise.resolve({ changes: changed, replaces: [] });
  }

  create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
    if (inputs.failCreate === true) {
      return Promise.reject(new Error(`echo ${this.variant} refused to create "${String(inputs.message)}"`));
    }
    return Promise.resolve({ id: `echo-${String(inputs.message)}`, outs: this.outputs(inputs) });
  }

  read(id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult> {
    const inputs = { ...props };
    for (const key of ["__provider", "variant", "configuredKeys", "envProbeValue", "readBy"])
      delete inputs[key];
    return Promise.resolve({ id, props: { ...this.outputs(props), readBy: this.variant }, inputs });
  }

  update(
    _id: string,
    _olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<pulumi.dynamic.UpdateResult> {
    return Promise.resolve({ outs: this.outputs(news) });
  }

  delete(id: string, props: Record<string, unknown>): Promise<void> {
    if (typeof props.deleteLogPath === "string") {
      const fs = require("node:fs") as typeof import("node:fs");
      fs.appendFileSync(props.deleteLogPath, `${id} deleted by ${this.variant}\n`);
    }
    return Promise.resolve();
  }

  private outputs(inputs: Record<string, unknown>): Record<string, unknown> {
    const rest = { ...inputs };
    delete rest.__provider;
    const envProbeValue = typeof inputs.envProbe === "string" ? (process.env[inputs.envProbe] ?? null) : null;
    return { ...rest, variant: this.variant, configuredKeys: this.configuredKeys, envProbeValue };
  }
}
