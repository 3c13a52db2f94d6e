/**
 * A minimal Engine gRPC service on 127.0.0.1, standing in for the CLI's engine endpoint whose
 * address the CLI passes to every provider plugin. It records Log calls so tests can see anything a
 * provider sent to the engine's diagnostics stream.
 */
import { performance } from "node:perf_hooks";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";

export interface EngineLogEntry {
  severity: number;
  message: string;
  urn: string;
  /** When the engine received it (ms since the epoch, sub-millisecond). */
  at: number;
}

export interface FakeEngine {
  /** `127.0.0.1:<port>` */
  readonly address: string;
  readonly logs: EngineLogEntry[];
  /**
   * When the language runtime set the root stack resource (ms since the epoch): the SDK runs the
   * program right after this call returns (runtime/stack.js `initialize`).
   */
  rootResourceSetAt(): number | undefined;
  stop(): Promise<void>;
}

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

function unimplemented<Req, Res>(name: string): Unary<Req, Res> {
  return (_call, callback) =>
    callback(
      { code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented by the test engine` },
      null,
    );
}

export async function startFakeEngine(): Promise<FakeEngine> {
  const logs: EngineLogEntry[] = [];
  const server = new grpc.Server();
  const log: Unary<engineproto.LogRequest, emptyproto.Empty> = (call, callback) => {
    logs.push({
      severity: call.request.getSeverity(),
      message: call.request.getMessage(),
      urn: call.request.getUrn(),
      at: performance.timeOrigin + performance.now(),
    });
    callback(null, new emptyproto.Empty());
  };
  const getRootResource: Unary<engineproto.GetRootResourceRequest, engineproto.GetRootResourceResponse> = (
    _call,
    callback,
  ) => callback(null, new engineproto.GetRootResourceResponse());
  let rootResourceSetAt: number | undefined;
  const setRootResource: Unary<engineproto.SetRootResourceRequest, engineproto.SetRootResourceResponse> = (
    _call,
    callback,
  ) => {
    rootResourceSetAt ??= performance.timeOrigin + performance.now();
    callback(null, new engineproto.SetRootResourceResponse());
  };
  server.addService(enginerpc.EngineService, {
    log,
    getRootResource,
    setRootResource,
    startDebugging: unimplemented("StartDebugging"),
    requirePulumiVersion: unimplemented("RequirePulumiVersion"),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, boundPort) =>
      err ? reject(err) : resolve(boundPort),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    logs,
    rootResourceSetAt: () => rootResourceSetAt,
    stop: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
