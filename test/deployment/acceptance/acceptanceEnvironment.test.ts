import { strict as assert } from "node:assert";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import {
  acceptanceProblem,
  acceptanceSkipReason,
  findOnPath,
  acceptanceTenantIds,
  TENANT_ID_VARIABLES,
  type Environment,
} from "./acceptanceEnvironment";

const TENANT = "8f1c7d2e-5b0a-4f3e-9c61-2d7a4b9e0c15";
const CLIENT = "2b6e0c4a-9d1f-4e83-b7a5-c0d9e8f7a6b5";

/** A directory holding a file named `pulumi` that is executable but never run, and one whose `pulumi` is not executable. */
let cliDir: string;
let emptyDir: string;

/** A complete run: the switch, a client-secret identity and the CLI on PATH. */
function ready(overrides: Environment = {}): Environment {
  return {
    PASSWORDLESS_ACCEPTANCE: "1",
    ARM_TENANT_ID: TENANT,
    ARM_CLIENT_ID: CLIENT,
    ARM_CLIENT_SECRET: "s3cr3t-value",
    PATH: [emptyDir, cliDir].join(delimiter),
    ...overrides,
  };
}

function withoutSecret(overrides: Environment): Environment {
  const { ARM_CLIENT_SECRET: _secret, ...rest } = ready();
  return { ...rest, ...overrides };
}

describe("acceptance environment", () => {
  before(() => {
    cliDir = mkdtempSync(join(tmpdir(), "acceptance-env-cli-"));
    emptyDir = mkdtempSync(join(tmpdir(), "acceptance-env-empty-"));
    const fakeCli = join(cliDir, process.platform === "win32" ? "pulumi.cmd" : "pulumi");
    writeFileSync(fakeCli, "#!/bin/sh\necho 'this test never runs the CLI' >&2\nexit 99\n");
    chmodSync(fakeCli, 0o755);
    writeFileSync(join(emptyDir, "pulumi"), "not executable");
    chmodSync(join(emptyDir, "pulumi"), 0o644);
  });

  after(() => {
    rmSync(cliDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  });

  describe("acceptanceSkipReason", () => {
    it("says how to turn the tests on when PASSWORDLESS_ACCEPTANCE is not exactly 1", () => {
      for (const value of [undefined, "", "0", "true", "yes"]) {
        assert.equal(
          acceptanceSkipReason(ready({ PASSWORDLESS_ACCEPTANCE: value })),
          "acceptance tests skipped: set PASSWORDLESS_ACCEPTANCE=1 to run them against a test tenant",
          String(value),
        );
      }
    });

    it("lets the tests run with a complete identity of any one kind and the CLI on PATH", () => {
      const complete: Environment[] = [
        ready(),
        withoutSecret({ ARM_USE_OIDC: "true", ARM_OIDC_TOKEN: "eyJ.token" }),
        withoutSecret({ ARM_USE_OIDC: "true", ARM_OIDC_TOKEN_FILE_PATH: "/var/run/token" }),
        withoutSecret({
          ARM_USE_OIDC: "1",
          ACTIONS_ID_TOKEN_REQUEST_URL: "https://pipelines.actions.githubusercontent.com/x",
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: "request-token",
        }),
        withoutSecret({ ARM_USE_MSI: "true" }),
        withoutSecret({ ARM_USE_CLI: "TRUE" }),
      ];
      for (const env of complete) assert.equal(acceptanceSkipReason(env), undefined, JSON.stringify(env));
    });

    it("names the missing tenant and client ids", () => {
      assert.equal(
        acceptanceSkipReason(ready({ ARM_TENANT_ID: undefined, ARM_CLIENT_ID: " " })),
        "acceptance tests skipped: ARM_TENANT_ID and ARM_CLIENT_ID are not set",
      );
      assert.equal(
        acceptanceSkipReason(ready({ ARM_CLIENT_ID: undefined })),
        "acceptance tests skipped: ARM_CLIENT_ID is not set",
      );
    });

    it("asks for one way to sign in when none is set, and for exactly one when several are", () => {
      assert.equal(
        acceptanceSkipReason(withoutSecret({ ARM_USE_OIDC: "false" })),
        "acceptance tests skipped: no way to sign in is set: set one of ARM_CLIENT_SECRET, ARM_USE_OIDC=true, " +
          "ARM_USE_MSI=true or ARM_USE_CLI=true",
      );
      assert.equal(
        acceptanceSkipReason(ready({ ARM_USE_MSI: "true", ARM_USE_CLI: "1" })),
        "acceptance tests skipped: more than one way to sign in is set (a client secret (ARM_CLIENT_SECRET), " +
          "a managed identity (ARM_USE_MSI=true), the Azure CLI (ARM_USE_CLI=true)); keep exactly one",
      );
    });

    it("asks OIDC for a token source; GitHub's request URL alone is not one", () => {
      for (const extra of [
        {},
        { ACTIONS_ID_TOKEN_REQUEST_URL: "https://pipelines.actions.githubusercontent.com/x" },
      ]) {
        assert.equal(
          acceptanceSkipReason(withoutSecret({ ARM_USE_OIDC: "true", ...extra })),
          "acceptance tests skipped: ARM_USE_OIDC=true needs ARM_OIDC_TOKEN, ARM_OIDC_TOKEN_FILE_PATH, or GitHub " +
            "Actions' ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN (the job needs `id-token: write`)",
        );
      }
    });

    it("applies the program's own connection rules too (here: an unknown cloud)", () => {
      assert.match(
        acceptanceSkipReason(ready({ ARM_ENVIRONMENT: "mars" })) ?? "",
        /^acceptance tests skipped: the Graph identity is not usable: ARM_ENVIRONMENT must be one of .*found "mars"\.$/,
      );
    });

    it("refuses a Graph endpoint or login host left pointing at the local sandbox", () => {
      assert.equal(
        acceptanceSkipReason(
          ready({ GRAPH_ENDPOINT: "https://127.0.0.1:8443", AZURE_AUTHORITY_HOST: "https://localhost:9443" }),
        ),
        "acceptance tests skipped: GRAPH_ENDPOINT points at https://127.0.0.1:8443 (the local Graph sandbox?); unset it " +
          "to test a real tenant; AZURE_AUTHORITY_HOST points at https://localhost:9443 (the local Graph sandbox?); " +
          "unset it to test a real tenant",
      );
      assert.equal(acceptanceSkipReason(ready({ GRAPH_ENDPOINT: "https://graph.microsoft.us" })), undefined);
    });

    it("needs the pulumi CLI on PATH; a file named pulumi that cannot be run does not count", () => {
      assert.equal(
        acceptanceSkipReason(ready({ PATH: emptyDir })),
        "acceptance tests skipped: the pulumi CLI is not on PATH (install it, or run through npm, which puts " +
          "node_modules/.bin first)",
      );
    });

    it("puts everything missing on one line", () => {
      const reason = acceptanceSkipReason({ PASSWORDLESS_ACCEPTANCE: "1", PATH: "" }) ?? "";
      assert.equal(reason.includes("\n"), false);
      assert.match(
        reason,
        /ARM_TENANT_ID and ARM_CLIENT_ID are not set; no way to sign in is set: .*; the pulumi CLI is not on PATH/,
      );
      assert.equal(acceptanceProblem({ ...ready(), PASSWORDLESS_ACCEPTANCE: undefined }), undefined);
    });
  });

  describe("findOnPath", () => {
    it("returns the first executable of that name in PATH's directories", () => {
      const expected = join(cliDir, process.platform === "win32" ? "pulumi.cmd" : "pulumi");
      assert.equal(findOnPath("pulumi", { PATH: ["", emptyDir, cliDir].join(delimiter) }), expected);
      assert.equal(findOnPath("pulumi", { PATH: emptyDir }), undefined);
      assert.equal(findOnPath("pulumi", {}), undefined);
    });
  });

  describe("acceptanceTenantIds", () => {
    const IDS = {
      PASSWORDLESS_ACCEPTANCE_TAP_GROUP_ID: "5D0C6B1E-8F43-4C7A-9A51-0F2B8A6C1D01",
      PASSWORDLESS_ACCEPTANCE_DEVICE_GROUP_ID: "7e3a9c10-2b4d-4f6e-8a1c-3d5e7f9a0b01",
      PASSWORDLESS_ACCEPTANCE_BREAK_GLASS_USER_IDS:
        "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a01, 0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a02",
    };

    it("reads the ids the scenarios need (the break-glass pair comma-separated), in lower case", () => {
      assert.deepEqual(acceptanceTenantIds(IDS), {
        newHiresGroupId: "5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d01",
        existingDeviceGroupId: "7e3a9c10-2b4d-4f6e-8a1c-3d5e7f9a0b01",
        breakGlassUserIds: ["0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a01", "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a02"],
      });
    });

    it("names every missing variable and what to set it to, in one error", () => {
      assert.throws(
        () => acceptanceTenantIds({}),
        (error: Error) => {
          assert.match(
            error.message,
            /^The acceptance tests need object ids from the test tenant \(3 problems\):\n/,
          );
          for (const { variable, what } of TENANT_ID_VARIABLES) {
            assert.ok(error.message.includes(`  - ${variable} is not set: set it to ${what}`), variable);
          }
          return true;
        },
      );
    });

    it("refuses a value that is not an object id, the wrong number of ids, a repeated id and one group for two roles", () => {
      assert.throws(
        () =>
          acceptanceTenantIds({
            ...IDS,
            PASSWORDLESS_ACCEPTANCE_DEVICE_GROUP_ID: "Autopilot devices",
            PASSWORDLESS_ACCEPTANCE_BREAK_GLASS_USER_IDS: "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a01",
          }),
        /\(2 problems\):\n {2}- PASSWORDLESS_ACCEPTANCE_DEVICE_GROUP_ID must hold .*; found "Autopilot devices", which is not an object id\n {2}- PASSWORDLESS_ACCEPTANCE_BREAK_GLASS_USER_IDS must hold the object ids of two users .*; found 1 id$/,
      );
      assert.throws(
        () =>
          acceptanceTenantIds({
            ...IDS,
            PASSWORDLESS_ACCEPTANCE_BREAK_GLASS_USER_IDS:
              "0b7f5a2e-1c3d-4e5f-8a9b-0c1d2e3f4a01,0B7F5A2E-1C3D-4E5F-8A9B-0C1D2E3F4A01",
          }),
        /BREAK_GLASS_USER_IDS names the same id twice/,
      );
      assert.throws(
        () =>
          acceptanceTenantIds({
            ...IDS,
            PASSWORDLESS_ACCEPTANCE_DEVICE_GROUP_ID: IDS.PASSWORDLESS_ACCEPTANCE_TAP_GROUP_ID.toLowerCase(),
          }),
        /TAP_GROUP_ID and PASSWORDLESS_ACCEPTANCE_DEVICE_GROUP_ID must name different groups/,
      );
    });
  });
});
