import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse, stringify } from "yaml";
import { isWritePermission } from "../../infra/graph/permissions";
import { appRoleIdOf, microsoftGraph } from "../src/appRoleAssignments";
import { declareBootstrap, type BootstrapOutputs } from "../src/bootstrap";
import { readMainStacks } from "../src/mainStacks";
import { parseBootstrapSettings, type BootstrapSettings } from "../src/settings";
import {
  appRoleId,
  GRAPH_PERMISSIONS,
  GRAPH_SP_OBJECT_ID,
  installMocks,
  TENANT_ID,
  valueOf,
  type MockCloud,
} from "./mockCloud";

const SUBSCRIPTION = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
const ISSUER = "https://token.actions.githubusercontent.com";
const AUDIENCES = ["api://AzureADTokenExchange"];
const devStackFile = readFileSync(join(__dirname, "..", "..", "Pulumi.dev.yaml"), "utf8");

/** The repository's example stack with `change` applied to its passwordless-onboarding config. */
function stackFile(change: (config: Record<string, Record<string, unknown>>) => void): string {
  const document = parse(devStackFile) as { config: Record<string, Record<string, unknown>> };
  change(document.config);
  return stringify(document);
}

const CONFIGS = {
  default: stackFile(() => undefined),
  existingGroupId: stackFile((config) => {
    config["passwordless-onboarding:autopilot"].existingGroupId = "00000000-0000-0000-0000-0000000000c1";
  }),
  tapOnly: stackFile((config) => {
    config["passwordless-onboarding:registrationPolicy"] = { manage: false };
    config["passwordless-onboarding:webSignIn"] = { manage: false };
    delete config["passwordless-onboarding:autopilot"];
  }),
  byName: stackFile((config) => {
    config["passwordless-onboarding:temporaryAccessPass"].includeGroupIds = [{ displayName: "New hires" }];
    config["passwordless-onboarding:registrationPolicy"].breakGlassUserIds = [
      { userPrincipalName: "breakglass1@contoso.onmicrosoft.com" },
    ];
  }),
};

function settings(stacks: string[], sharedState = false): BootstrapSettings {
  return parseBootstrapSettings(
    {
      subscriptionId: SUBSCRIPTION,
      location: "westeurope",
      repository: "contoso/passwordless-onboarding",
      stacks: JSON.stringify(stacks),
      sharedState: String(sharedState),
    },
    "contoso",
  );
}

describe("bootstrap stack (under Pulumi mocks)", function () {
  let projectDir: string;
  let cloud: MockCloud;

  before(() => {
    projectDir = mkdtempSync(join(tmpdir(), "bootstrap-main-"));
    for (const [name, text] of Object.entries(CONFIGS))
      writeFileSync(join(projectDir, `Pulumi.${name}.yaml`), text);
  });
  after(() => rmSync(projectDir, { recursive: true, force: true }));
  beforeEach(async () => {
    cloud = await installMocks();
  });

  async function deploy(stacks: string[], sharedState = false): Promise<BootstrapOutputs> {
    const outputs = declareBootstrap(settings(stacks, sharedState), readMainStacks(projectDir, stacks));
    await valueOf(outputs.githubCommands);
    await cloud.settle();
    return outputs;
  }

  const ofType = (type: string) => cloud.resources.filter((resource) => resource.type === type);
  function grantedRoles(role: string): string[] {
    return ofType("azuread:index/appRoleAssignment:AppRoleAssignment")
      .filter((assignment) => assignment.inputs.principalObjectId === `principal-of-${role}`)
      .map((assignment) => {
        assert.equal(assignment.inputs.resourceObjectId, GRAPH_SP_OBJECT_ID);
        const permission = assignment.name.slice(role.length + 1);
        assert.equal(assignment.inputs.appRoleId, appRoleId(permission), assignment.name);
        return permission;
      })
      .sort();
  }

  it("declares the two identities, their federated credentials one after another, and nothing else", async () => {
    await deploy(["default"]);
    const summary = cloud.resources
      .filter((resource) => resource.type !== "azuread:index/appRoleAssignment:AppRoleAssignment")
      .map((resource) => `${resource.type} ${resource.name}`)
      .sort();
    assert.deepEqual(summary, [
      "azure-native:managedidentity:FederatedIdentityCredential deployer-github-environment-default",
      "azure-native:managedidentity:FederatedIdentityCredential reader-github-branch-main",
      "azure-native:managedidentity:FederatedIdentityCredential reader-github-pull-request",
      "azure-native:managedidentity:UserAssignedIdentity deployer",
      "azure-native:managedidentity:UserAssignedIdentity reader",
      "azure-native:resources:ResourceGroup ci",
      "pulumi:providers:azure-native subscription",
    ]);
    const [provider] = ofType("pulumi:providers:azure-native");
    assert.equal(provider.inputs.subscriptionId, SUBSCRIPTION);
    const [group] = ofType("azure-native:resources:ResourceGroup");
    assert.deepEqual(group.inputs, {
      resourceGroupName: "passwordless-onboarding-ci-contoso",
      location: "westeurope",
    });
    for (const identity of ofType("azure-native:managedidentity:UserAssignedIdentity")) {
      assert.equal(identity.inputs.resourceName, `passwordless-onboarding-${identity.name}`);
      assert.equal(identity.inputs.resourceGroupName, "passwordless-onboarding-ci-contoso");
    }
    const credentials = Object.fromEntries(
      ofType("azure-native:managedidentity:FederatedIdentityCredential").map((credential) => [
        credential.name,
        credential,
      ]),
    );
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(credentials).map(([name, c]) => [name, [c.inputs.resourceName, c.inputs.subject]]),
      ),
      {
        "reader-github-pull-request": [
          "passwordless-onboarding-reader",
          "repo:contoso/passwordless-onboarding:pull_request",
        ],
        "reader-github-branch-main": [
          "passwordless-onboarding-reader",
          "repo:contoso/passwordless-onboarding:ref:refs/heads/main",
        ],
        "deployer-github-environment-default": [
          "passwordless-onboarding-deployer",
          "repo:contoso/passwordless-onboarding:environment:default",
        ],
      },
    );
    for (const credential of Object.values(credentials)) {
      assert.equal(credential.inputs.issuer, ISSUER);
      assert.deepEqual(credential.inputs.audiences, AUDIENCES);
    }
    assert.ok(credentials["reader-github-pull-request"].dependsOn.includes("reader"));
    assert.ok(credentials["reader-github-branch-main"].dependsOn.includes("reader-github-pull-request"));
    assert.ok(credentials["deployer-github-environment-default"].dependsOn.includes("deployer"));
  });

  it("default config: the deployer gets least-privilege writes, the reader reads only", async () => {
    const outputs = await deploy(["default"]);
    assert.deepEqual(grantedRoles("deployer"), [
      "DeviceManagementConfiguration.ReadWrite.All",
      "Group.ReadWrite.All",
      "Policy.Read.All",
      "Policy.ReadWrite.AuthenticationMethod",
      "Policy.ReadWrite.ConditionalAccess",
    ]);
    assert.deepEqual(grantedRoles("reader"), [
      "DeviceManagementConfiguration.Read.All",
      "GroupMember.Read.All",
      "Policy.Read.All",
      "RoleManagement.Read.Directory",
      "User.Read.All",
    ]);
    assert.deepEqual(grantedRoles("reader").filter(isWritePermission), []);
    assert.deepEqual([...outputs.deployerPermissions].sort(), grantedRoles("deployer"));
  });

  it("existingGroupId: no Group.ReadWrite.All; the group is only read", async () => {
    await deploy(["existingGroupId"]);
    assert.deepEqual(grantedRoles("deployer"), [
      "DeviceManagementConfiguration.ReadWrite.All",
      "GroupMember.Read.All",
      "Policy.Read.All",
      "Policy.ReadWrite.AuthenticationMethod",
      "Policy.ReadWrite.ConditionalAccess",
    ]);
    assert.deepEqual(grantedRoles("reader").filter(isWritePermission), []);
  });

  it("TAP only (registrationPolicy and webSignIn with manage: false): the TAP policy's role alone", async () => {
    const outputs = await deploy(["tapOnly"]);
    // Graph reads the TAP configuration with the write permission too (no Policy.Read.All).
    assert.deepEqual(grantedRoles("deployer"), ["Policy.ReadWrite.AuthenticationMethod"]);
    // Preflight also reads the TAP policy's include groups (GroupMember.Read.All) and the live
    // Conditional Access policies and strengths for its lock-out what-if (Policy.Read.All).
    assert.deepEqual(grantedRoles("reader"), ["GroupMember.Read.All", "Policy.Read.All"]);
    assert.deepEqual([...outputs.deployerPermissions].sort(), grantedRoles("deployer"));
  });

  it("groups and users named in the config: the name lookups' reads for both identities", async () => {
    await deploy(["byName"]);
    assert.deepEqual(grantedRoles("deployer"), [
      "DeviceManagementConfiguration.ReadWrite.All",
      "Group.ReadWrite.All",
      "Policy.Read.All",
      "Policy.ReadWrite.AuthenticationMethod",
      "Policy.ReadWrite.ConditionalAccess",
      "User.Read.All",
    ]);
    assert.deepEqual(grantedRoles("reader"), [
      "DeviceManagementConfiguration.Read.All",
      "Group.Read.All",
      "Policy.Read.All",
      "RoleManagement.Read.Directory",
      "User.Read.All",
    ]);
  });

  it("two stacks in one tenant: one deployer credential per environment, grants merged once", async () => {
    await deploy(["default", "existingGroupId"]);
    assert.deepEqual(
      ofType("azure-native:managedidentity:FederatedIdentityCredential")
        .filter((credential) => credential.name.startsWith("deployer-"))
        .map((credential) => [
          credential.inputs.subject,
          credential.dependsOn.filter((name) => name !== "ci"),
        ]),
      [
        ["repo:contoso/passwordless-onboarding:environment:default", ["deployer"]],
        [
          "repo:contoso/passwordless-onboarding:environment:existingGroupId",
          ["deployer-github-environment-default", "deployer"],
        ],
      ],
    );
    assert.equal(grantedRoles("deployer").filter((role) => role === "Group.ReadWrite.All").length, 1);
    assert.ok(!grantedRoles("deployer").includes("GroupMember.Read.All"), "folded into Group.ReadWrite.All");
  });

  it("prints the exact GitHub variables the workflows read", async () => {
    const outputs = await deploy(["default"]);
    assert.deepEqual(await valueOf(outputs.githubCommands), [
      `gh variable set AZURE_CLIENT_ID_DEFAULT --repo contoso/passwordless-onboarding --body 'client-of-reader'`,
      `gh variable set AZURE_TENANT_ID_DEFAULT --repo contoso/passwordless-onboarding --body '${TENANT_ID}'`,
      `gh variable set AZURE_CLIENT_ID --repo contoso/passwordless-onboarding --env default --body 'client-of-deployer'`,
      `gh variable set AZURE_TENANT_ID --repo contoso/passwordless-onboarding --env default --body '${TENANT_ID}'`,
    ]);
    assert.equal(outputs.backendUrl, undefined);
  });

  it("sharedState: a private container and a vault key, each usable by both identities only through RBAC", async () => {
    const outputs = await deploy(["default"], true);
    const [account] = ofType("azure-native:storage:StorageAccount");
    assert.equal(account.inputs.allowBlobPublicAccess, false);
    assert.equal(account.inputs.minimumTlsVersion, "TLS1_2");
    const [container] = ofType("azure-native:storage:BlobContainer");
    assert.equal(container.inputs.publicAccess, "None");
    const [vault] = ofType("azure-native:keyvault:Vault");
    const vaultProperties = vault.inputs.properties as Record<string, unknown>;
    assert.equal(vaultProperties.tenantId, TENANT_ID);
    assert.equal(vaultProperties.enableRbacAuthorization, true);
    assert.deepEqual(vaultProperties.sku, { family: "A", name: "standard" });
    const roles = ofType("azure-native:authorization:RoleAssignment").map((assignment) => [
      assignment.name,
      assignment.inputs.principalId,
      String(assignment.inputs.roleDefinitionId).split("/").pop(),
      assignment.inputs.scope,
    ]);
    assert.deepEqual(roles.sort(), [
      [
        "deployer-secrets",
        "principal-of-deployer",
        "12338af0-0e69-4776-bea7-57ae8d297424",
        "/mock/azure-native:keyvault:Vault/secrets",
      ],
      [
        "deployer-state",
        "principal-of-deployer",
        "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        "/mock/azure-native:storage:BlobContainer/state",
      ],
      [
        "reader-secrets",
        "principal-of-reader",
        "12338af0-0e69-4776-bea7-57ae8d297424",
        "/mock/azure-native:keyvault:Vault/secrets",
      ],
      [
        "reader-state",
        "principal-of-reader",
        "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        "/mock/azure-native:storage:BlobContainer/state",
      ],
    ]);
    assert.equal(await valueOf(outputs.backendUrl), "azblob://pulumi-state?storage_account=state0a1b2c3d");
    assert.equal(
      await valueOf(outputs.secretsProvider),
      "azurekeyvault://secrets-4e5f6a7b.vault.azure.net/keys/pulumi-secrets",
    );
    const commands = (await valueOf(outputs.githubCommands)) ?? [];
    assert.ok(
      commands.includes(
        "gh variable set PULUMI_BACKEND_URL --repo contoso/passwordless-onboarding --body 'azblob://pulumi-state?storage_account=state0a1b2c3d'",
      ),
      commands.join("\n"),
    );
  });

  it("the program entry reads its config and the repository's own Pulumi.dev.yaml", async () => {
    pulumi.runtime.setAllConfig({
      "passwordless-onboarding-bootstrap:subscriptionId": SUBSCRIPTION,
      "passwordless-onboarding-bootstrap:location": "westeurope",
      "passwordless-onboarding-bootstrap:repository": "contoso/passwordless-onboarding",
      "passwordless-onboarding-bootstrap:stacks": '["dev"]',
    });
    const entry = require("../index") as Record<string, unknown>;
    await cloud.settle();
    assert.deepEqual(await valueOf(entry.deployerPermissions), [
      "Policy.ReadWrite.AuthenticationMethod",
      "Policy.Read.All",
      "Policy.ReadWrite.ConditionalAccess",
      "DeviceManagementConfiguration.ReadWrite.All",
      "Group.ReadWrite.All",
    ]);
    assert.equal(await valueOf(entry.tenantId), TENANT_ID);
    assert.ok(
      cloud.resources.some(
        (resource) => resource.inputs.subject === "repo:contoso/passwordless-onboarding:environment:dev",
      ),
    );
  });

  it("a permission the tenant's Microsoft Graph does not offer fails that grant, naming it", async () => {
    cloud = await installMocks({
      graphPermissions: GRAPH_PERMISSIONS.filter(
        (permission) => permission !== "Policy.ReadWrite.ConditionalAccess",
      ),
    });
    const graph = microsoftGraph({});
    assert.equal(await valueOf(appRoleIdOf(graph, "Policy.Read.All")), appRoleId("Policy.Read.All"));
    await assert.rejects(
      valueOf(appRoleIdOf(graph, "Policy.ReadWrite.ConditionalAccess")),
      /^Error: Microsoft Graph in this tenant has no application permission Policy\.ReadWrite\.ConditionalAccess$/,
    );
  });
});
