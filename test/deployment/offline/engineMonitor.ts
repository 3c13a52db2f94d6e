/**
 * The resource monitor the real program talks to when the offline engine runs it: it takes the
 * SDK's RegisterResource requests (the same protobuf messages the CLI's monitor receives), turns
 * each into a step of the DeploymentPlan and answers with the id and outputs the engine would
 * send back. Installed with the SDK's `setMockOptions`, the hook `pulumi.runtime.setMocks` uses, so
 * the program runs in this process under the real `@pulumi/pulumi` runtime.
 *
 * Invokes (provider functions such as `azuread.getGroup`) are answered through `invoke`, as the
 * engine's resmon.Invoke answers them (pkg/resource/deploy/source_eval.go:902-1000 @ v3.248.0).
 * Registrations and invokes pass on their explicit provider reference (providerResources.ts).
 * Requests the engine would serve but no program here makes (reads of existing resources, calls)
 * fail loudly.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { SIG_KEY, SECRET_SIG, toStruct, type PropertyMap } from "../../engine/marshal";
import type { DeploymentPlan } from "./deploymentPlan";
import type { NativeInvokeResult } from "./nativeFunction";
import { isProviderType, providerInputs } from "./providerResources";

/**
 * Runs one invoke for the monitor: resolves with the provider's answer, rejects with
 * `ProviderInvokeError` when the provider failed (or with another error when the engine has no
 * provider for the token).
 */
export type Invoker = (token: string, args: PropertyMap, provider?: string) => Promise<NativeInvokeResult>;

/** The provider's Invoke failed: the engine wraps its message (source_eval.go:976). */
export class ProviderInvokeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderInvokeError";
  }
}

/**
 * The gRPC error the language SDK receives from the engine's monitor: status UNKNOWN (a plain Go
 * error returned by a gRPC handler) with the message as `details`, which the Node SDK rethrows as
 * `new Error(err.details)` (@pulumi/pulumi runtime/invoke.js:219-230).
 */
export function monitorError(details: string): grpc.ServiceError {
  return Object.assign(new Error(`${grpc.status.UNKNOWN} UNKNOWN: ${details}`), {
    code: grpc.status.UNKNOWN,
    details,
    metadata: new grpc.Metadata(),
  });
}

type Callback<T> = (error: grpc.ServiceError | Error | null, value?: T) => void;

/** `urn:pulumi:<stack>::<project>::<parent's qualified type>$<type>::<name>`, as the engine builds it. */
export function resourceUrn(
  stack: string,
  project: string,
  parentUrn: string,
  type: string,
  name: string,
): string {
  const parentType = parentUrn ? parentUrn.split("::")[2] : "";
  const qualified = parentType ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** The engine strips secrets before calling a provider that does not accept them (neither here does). */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value !== null && typeof value === "object") {
    const object = value as PropertyMap;
    if (object[SIG_KEY] === SECRET_SIG) return withoutSecrets(object.value);
    return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, withoutSecrets(item)]));
  }
  return value;
}

export class EngineMonitor {
  /** Registrations in the order the program made them (URN, type, name, custom). */
  readonly registered: { urn: string; type: string; name: string; custom: boolean }[] = [];
  /** Requests received and not answered yet (registrations and invokes). */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly plan: DeploymentPlan,
    private readonly stack: string,
    private readonly project: string,
    private readonly invoker?: Invoker,
  ) {}

  registerResource(
    req: resproto.RegisterResourceRequest,
    callback: Callback<resproto.RegisterResourceResponse>,
  ): void {
    const type = req.getType();
    const name = req.getName();
    const parent = req.getParent();
    const urn = resourceUrn(this.stack, this.project, parent, type, name);
    const dependencies = new Set(req.getDependenciesList());
    for (const [, deps] of req.getPropertydependenciesMap().entries()) {
      for (const dependency of deps.getUrnsList()) dependencies.add(dependency);
    }
    this.registered.push({ urn, type, name, custom: req.getCustom() });
    const given = withoutSecrets(req.getObject()?.toJavaScript() ?? {}) as PropertyMap;
    const inputs = isProviderType(type) ? providerInputs(given, req.getVersion()) : given;
    this.track(
      this.plan.register({
        urn,
        type,
        name,
        parent: parent || undefined,
        custom: req.getCustom(),
        inputs,
        dependencies: [...dependencies],
        deleteBeforeReplace: req.getDeletebeforereplace(),
        // The `import` resource option (the SDK sends it as importId, runtime/resource.js).
        importId: req.getImportid() || undefined,
        // `<provider URN>::<id>` of the `provider` option (runtime/resource.js prepareResource).
        provider: req.getProvider() || undefined,
      }),
    )
      .then(({ id, outputs }) => {
        const response = new resproto.RegisterResourceResponse();
        response.setUrn(urn);
        response.setId(id);
        response.setObject(toStruct(outputs));
        callback(null, response);
      })
      .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
  }

  /**
   * Resolves once no request is in flight and none arrived during a turn of the event loop after
   * the last one was answered: what remains of the program then are promises that nothing will
   * settle, and the language host's event loop would be empty (it exits; cmd/run/run.js).
   */
  async quiescent(): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.inFlight.size === 0) return;
      await Promise.allSettled([...this.inFlight]);
    }
  }

  private track<T>(request: Promise<T>): Promise<T> {
    this.inFlight.add(request);
    const forget = () => this.inFlight.delete(request);
    request.then(forget, forget);
    return request;
  }

  registerResourceOutputs(_req: unknown, callback: Callback<Empty>): void {
    callback(null, new Empty());
  }

  supportsFeature(req: { getId(): string }, callback: Callback<{ getHassupport(): boolean }>): void {
    const supported = req.getId() !== "outputValues";
    callback(null, { getHassupport: () => supported });
  }

  registerPackage(_req: unknown, callback: Callback<resproto.RegisterPackageResponse>): void {
    const response = new resproto.RegisterPackageResponse();
    response.setRef("offline-engine-package");
    callback(null, response);
  }

  /**
   * ResourceMonitor.Invoke: the args (secrets stripped: neither provider here accepts them) go to
   * the provider; its return and check failures come back as an InvokeResponse; a provider error
   * comes back as `invocation of <token> returned an error: <error>` (source_eval.go:970-977).
   */
  invoke(req: resproto.ResourceInvokeRequest, callback: Callback<provproto.InvokeResponse>): void {
    const token = req.getTok();
    if (!this.invoker) {
      callback(monitorError(`the offline engine does not implement the invoke ${token}`));
      return;
    }
    const args = withoutSecrets(req.getArgs()?.toJavaScript() ?? {}) as PropertyMap;
    this.track(this.invoker(token, args, req.getProvider() || undefined))
      .then((result) => {
        const response = new provproto.InvokeResponse();
        if (result.outputs) response.setReturn(toStruct(result.outputs));
        response.setFailuresList(
          result.failures.map((failure) => {
            const checkFailure = new provproto.CheckFailure();
            checkFailure.setProperty(failure.property);
            checkFailure.setReason(failure.reason);
            return checkFailure;
          }),
        );
        callback(null, response);
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        callback(
          monitorError(
            error instanceof ProviderInvokeError
              ? `invocation of ${token} returned an error: ${message}`
              : message,
          ),
        );
      });
  }

  readResource(req: { getType(): string }, callback: Callback<never>): void {
    callback(new Error(`the offline engine does not implement reading an existing ${req.getType()}`));
  }

  call(req: { getTok(): string }, callback: Callback<never>): void {
    callback(new Error(`the offline engine does not implement the call ${req.getTok()}`));
  }
}
