import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DeployedResource } from "./deployment";
import { ECHO_TYPE, EchoProvider } from "./echoProvider";
import { HostCallError, ProviderHost, resourceRef } from "./providerHost";
import { serializeProvider, type SerializedProvider } from "./serializeProvider";

describe("dynamic-provider host driven over gRPC (echo provider)", function () {
  this.timeout(30_000);
  let host: ProviderHost;
  let echo: SerializedProvider;
  let workDir: string;

  before(async () => {
    process.env.ENGINE_TEST_CANARY = "visible-only-in-the-test-process";
    echo = await serializeProvider(new EchoProvider("v1"), { label: "echo" });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-echo-"));
    host = await ProviderHost.start({
      env: { PATH: process.env.PATH ?? "", ENGINE_TEST_PASSED: "passed-to-host" },
    });
    await host.configure(
      { "azuread:tenantId": "tenant-1", "azuread:clientSecret": "config-secret", "other:key": "x" },
      ["azuread:clientSecret"],
    );
  });

  after(async () => {
    delete process.env.ENGINE_TEST_CANARY;
    await host?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("runs up, a no-change up, an update, a refresh and a destroy in engine order", async () => {
    const deleteLogPath = path.join(workDir, "lifecycle.log");
    const resource = new DeployedResource(host, resourceRef(ECHO_TYPE, "lifecycle"));

    assert.deepEqual(await resource.up({ message: "one", deleteLogPath, __provider: echo.text }), {
      operation: "create",
    });
    assert.deepEqual(resource.calls, ["Check", "Create"]);
    const created = resource.state;
    assert.equal(created?.id, "echo-one");
    assert.equal(created?.outputs.__provider, echo.text);
    assert.equal(created?.outputs.variant, "v1");
    assert.equal(created?.inputs.__provider, echo.text);

    resource.calls = [];
    const same = await resource.up({ message: "one", deleteLogPath, __provider: echo.text });
    assert.equal(same.operation, "same");
    assert.deepEqual(resource.calls, ["Check", "Diff"]);
    assert.deepEqual(resource.state?.outputs, created?.outputs);

    resource.calls = [];
    const updated = await resource.up({ message: "two", deleteLogPath, __provider: echo.text });
    assert.deepEqual(updated.diff, { changes: "some", replaces: [], deleteBeforeReplace: false });
    assert.deepEqual(resource.calls, ["Check", "Diff", "Update"]);
    assert.equal(resource.state?.outputs.message, "two");
    assert.equal(resource.state?.id, "echo-one");

    assert.equal(await resource.refresh(), true);
    assert.equal(resource.state?.outputs.readBy, "v1");
    assert.equal(resource.state?.outputs.__provider, echo.text);

    await resource.destroy();
    assert.equal(resource.state, undefined);
    assert.equal(fs.readFileSync(deleteLogPath, "utf8"), "echo-one deleted by v1\n");
  });

  it("delivers every namespaced stack key to configure, with secret config unwrapped", async () => {
    const resource = new DeployedResource(host, resourceRef(ECHO_TYPE, "config"));
    await resource.up({ message: "config", __provider: echo.text });
    assert.deepEqual(resource.state?.outputs.configuredKeys, ["azuread:tenantId", "azuread:clientSecret"]);
  });

  it("starts the host with only the environment it is given", async () => {
    const resource = new DeployedResource(host, resourceRef(ECHO_TYPE, "env"));
    await resource.up({ message: "env", envProbe: "ENGINE_TEST_PASSED", __provider: echo.text });
    assert.equal(resource.state?.outputs.envProbeValue, "passed-to-host");
    const other = new DeployedResource(host, resourceRef(ECHO_TYPE, "env2"));
    await other.up({ message: "env2", envProbe: "ENGINE_TEST_CANARY", __provider: echo.text });
    assert.equal(other.state?.outputs.envProbeValue, null);
  });

  it("returns Check failures with their property and reason", async () => {
    const result = await host.check(
      resourceRef(ECHO_TYPE, "bad"),
      {},
      { message: 42, __provider: echo.text },
    );
    assert.deepEqual(result.failures, [{ property: "message", reason: "message: expected a string" }]);
  });

  it("passes a provider's create error back as the gRPC error message", async () => {
    const resource = new DeployedResource(host, resourceRef(ECHO_TYPE, "failing"));
    await assert.rejects(
      resource.up({ message: "nope", failCreate: true, __provider: echo.text }),
      (error) => {
        assert.ok(error instanceof HostCallError);
        assert.equal(error.method, "Create");
        assert.equal(error.details, 'echo v1 refused to create "nope"');
        return true;
      },
    );
    assert.equal(resource.state, undefined);
  });

  it("fails Check with the module's syntax error when __provider is not loadable code", async () => {
    await assert.rejects(
      host.check(
        resourceRef(ECHO_TYPE, "garbage"),
        {},
        { message: "x", __provider: "this is not javascript" },
      ),
      (error) => {
        assert.ok(error instanceof HostCallError);
        assert.equal(error.details, "Unexpected identifier 'is'");
        assert.match(host.stderr, /SyntaxError: Unexpected identifier 'is'/);
        return true;
      },
    );
  });

  it("makes no call to the engine's log service", () => {
    assert.deepEqual(host.engineLogs, []);
  });
});
