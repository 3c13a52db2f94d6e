/**
 * What happens when the program ships different provider code than the code stored in state.
 * The host deserializes whichever `__provider` text the engine sends: Check, Diff, Create and
 * Update get the new program's inputs (new code); Read and Delete get the stored outputs (the code
 * that wrote them). Diff does not treat a changed `__provider` as a change.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DeployedResource } from "./deployment";
import { ECHO_TYPE, EchoProvider } from "./echoProvider";
import { ProviderHost, resourceRef } from "./providerHost";
import { serializeProvider, type SerializedProvider } from "./serializeProvider";

describe("state written by an older serialized provider", function () {
  this.timeout(30_000);
  let host: ProviderHost;
  let v1: SerializedProvider;
  let v2: SerializedProvider;
  let workDir: string;

  before(async () => {
    v1 = await serializeProvider(new EchoProvider("v1"), { label: "echo v1" });
    v2 = await serializeProvider(new EchoProvider("v2"), { label: "echo v2" });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-staleness-"));
    host = await ProviderHost.start({ env: { PATH: process.env.PATH ?? "" } });
    await host.configure({});
  });

  after(async () => {
    await host?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("serializes the two variants to different __provider texts", () => {
    assert.notEqual(v1.text, v2.text);
  });

  it("diffs as no change when only __provider differs, and keeps the old code in the outputs", async () => {
    const deleteLogPath = path.join(workDir, "same.log");
    const resource = new DeployedResource(host, resourceRef(ECHO_TYPE, "same"));
    await resource.up({ message: "m", deleteLogPath, __provider: v1.text });

    const upgraded = await resource.up({ message: "m", deleteLogPath, __provider: v2.text });

    assert.deepEqual(upgraded.diff, { changes: "none", replaces: [], deleteBeforeReplace: false });
    assert.equal(upgraded.operation, "same");
    assert.equal(resource.state?.inputs.__provider, v2.text);
    assert.equal(resource.state?.outputs.__provider, v1.text);
    assert.equal(resource.state?.outputs.variant, "v1");
  });

  it("refreshes and destroys with the code stored in the outputs, not the program's", async () => {
    const deleteLogPath = path.join(workDir, "stale.log");
    const resource = new DeployedResource(host, resourceRef(ECHO_TYPE, "stale"));
    await resource.up({ message: "m", deleteLogPath, __provider: v1.text });
    await resource.up({ message: "m", deleteLogPath, __provider: v2.text });

    await resource.refresh();
    assert.equal(resource.state?.outputs.readBy, "v1");
    assert.equal(resource.state?.outputs.__provider, v1.text);
    // The host attaches the outputs' __provider to the inputs Read returns: the new text is gone.
    assert.equal(resource.state?.inputs.__provider, v1.text);

    await resource.destroy();
    assert.equal(fs.readFileSync(deleteLogPath, "utf8"), "echo-m deleted by v1\n");
  });

  it("runs the new code, and stores it, once a real change causes an Update", async () => {
    const deleteLogPath = path.join(workDir, "updated.log");
    const resource = new DeployedResource(host, resourceRef(ECHO_TYPE, "updated"));
    await resource.up({ message: "m", deleteLogPath, __provider: v1.text });

    const changed = await resource.up({ message: "m2", deleteLogPath, __provider: v2.text });

    assert.equal(changed.operation, "update");
    assert.equal(resource.state?.outputs.variant, "v2");
    assert.equal(resource.state?.outputs.__provider, v2.text);
    await resource.destroy();
    assert.equal(fs.readFileSync(deleteLogPath, "utf8"), "echo-m deleted by v2\n");
  });
});
