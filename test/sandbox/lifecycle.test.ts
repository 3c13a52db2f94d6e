import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { get } from "node:https";
import { connect } from "node:tls";
import { join } from "node:path";
import { startSandbox } from ".";
import { accessToken } from "./testClient";

describe("sandbox lifecycle", () => {
  it("starts on 127.0.0.1 in well under a second", async () => {
    const started = Date.now();
    const sandbox = await startSandbox();
    const elapsed = Date.now() - started;
    try {
      assert.match(sandbox.graphEndpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(sandbox.authorityHost, sandbox.graphEndpoint);
      // Generous bound for a loaded CI machine; typically a few milliseconds.
      assert.ok(elapsed < 1000, `startSandbox took ${elapsed} ms`);
    } finally {
      await sandbox.stop();
    }
  });

  it("resetTenant() gives a fresh tenant behind the same endpoint and identity", async () => {
    const sandbox = await startSandbox();
    try {
      const endpoint = sandbox.graphEndpoint;
      sandbox.setTap({ state: "enabled", defaultLifetimeInMinutes: 120 });
      sandbox.addGroup({ displayName: "New hires" });
      sandbox.fault({ method: "GET", status: 503 });
      const token = await accessToken(sandbox);

      sandbox.resetTenant();

      assert.equal(sandbox.graphEndpoint, endpoint);
      assert.deepEqual(sandbox.groups(), []);
      assert.equal(sandbox.tap().state, "disabled");
      assert.equal(sandbox.tap().defaultLifetimeInMinutes, 60);
      assert.deepEqual(sandbox.pendingFaults(), []);
      assert.deepEqual(sandbox.requests, []);
      const response = await fetch(`${endpoint}/v1.0/groups`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 200, "a token issued before the reset still works");
    } finally {
      await sandbox.stop();
    }
  });

  it("serves a certificate for 127.0.0.1 and localhost signed by the CA in caFile", async () => {
    const sandbox = await startSandbox();
    try {
      const port = Number(new URL(sandbox.graphEndpoint).port);
      const ca = readFileSync(sandbox.caFile, "utf8");
      for (const host of ["127.0.0.1", "localhost"]) {
        const authorized = await new Promise<boolean>((resolve, reject) => {
          const socket = connect(
            {
              host: "127.0.0.1",
              port,
              ca,
              servername: host === "localhost" ? host : undefined,
              checkServerIdentity: () => undefined,
            },
            () => {
              const cert = socket.getPeerCertificate();
              socket.end();
              const names = cert.subjectaltname ?? "";
              resolve(
                socket.authorized &&
                  names.includes("IP Address:127.0.0.1") &&
                  names.includes("DNS:localhost"),
              );
            },
          );
          socket.on("error", reject);
        });
        assert.ok(authorized, `trusted for ${host}`);
      }
    } finally {
      await sandbox.stop();
    }
  });

  it("closes every connection on stop(), including kept-alive ones", async () => {
    const sandbox = await startSandbox();
    await accessToken(sandbox); // leaves a keep-alive connection open in fetch's pool
    const stopped = Date.now();
    await sandbox.stop();
    assert.ok(Date.now() - stopped < 500, "stop does not wait for idle connections");
    await assert.rejects(fetch(`${sandbox.graphEndpoint}/v1.0/groups`), TypeError);
  });

  it("gives env() for a child process", async () => {
    const sandbox = await startSandbox();
    try {
      assert.deepEqual(sandbox.env(), {
        ARM_TENANT_ID: sandbox.tenantId,
        ARM_CLIENT_ID: sandbox.clientId,
        ARM_CLIENT_SECRET: sandbox.clientSecret,
        GRAPH_ENDPOINT: sandbox.graphEndpoint,
        AZURE_AUTHORITY_HOST: sandbox.authorityHost,
        NODE_EXTRA_CA_CERTS: sandbox.caFile,
      });
    } finally {
      await sandbox.stop();
    }
  });

  it("npm run sandbox: prints one JSON line, serves, and exits 0 on SIGTERM", async function () {
    this.timeout(60000);
    const root = join(__dirname, "..", "..");
    // Run main.ts the way `npm run sandbox` does, without the npm wrapper process in between.
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", join(__dirname, "main.ts")],
      {
        cwd: root,
        env: { ...process.env, GRAPH_SANDBOX_CA_DIR: "" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 50000;
      while (!stdout.includes("\n") && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const lines = stdout.split("\n").filter((line) => line !== "");
      assert.equal(lines.length, 1, `stdout: ${stdout} stderr: ${stderr}`);
      const printed = JSON.parse(lines[0]) as Record<string, string>;
      assert.deepEqual(Object.keys(printed), [
        "graphEndpoint",
        "authorityHost",
        "tenantId",
        "clientId",
        "clientSecret",
        "caFile",
      ]);
      assert.ok(existsSync(printed.caFile));
      // The child made its own CA, which this process does not trust by default.
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const url = `${printed.authorityHost}/${printed.tenantId}/v2.0/.well-known/openid-configuration`;
        get(url, { ca: readFileSync(printed.caFile) }, (response) => {
          response.resume();
          resolve(response.statusCode);
        }).on("error", reject);
      });
      assert.equal(status, 200);
      child.kill("SIGTERM");
      const code = await Promise.race([
        exited,
        new Promise((resolve) => setTimeout(() => resolve("timeout"), 10000)),
      ]);
      assert.equal(code, 0, stderr);
      assert.ok(!existsSync(printed.caFile), "the CA it made for itself is removed");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
