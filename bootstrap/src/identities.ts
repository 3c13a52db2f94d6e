/** The two user-assigned managed identities and their federated credentials. */
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { ENTRA_TOKEN_EXCHANGE_AUDIENCE, GITHUB_ISSUER, type FederatedSubject } from "./githubOidc";

export interface IdentityPlacement {
  resourceGroupName: pulumi.Input<string>;
  location: string;
}

export function declareIdentity(
  role: "reader" | "deployer",
  subjects: readonly FederatedSubject[],
  placement: IdentityPlacement,
  opts: pulumi.CustomResourceOptions,
): managedidentity.UserAssignedIdentity {
  const identity = new managedidentity.UserAssignedIdentity(
    role,
    {
      resourceName: `passwordless-onboarding-${role}`,
      resourceGroupName: placement.resourceGroupName,
      location: placement.location,
      tags: { purpose: `passwordless-onboarding ${role}` },
    },
    opts,
  );
  // Azure refuses concurrent writes to one identity's federated credentials
  // (https://github.com/pulumi/pulumi-azure-native/issues/4343): each waits for the one before.
  let previous: pulumi.Resource = identity;
  for (const subject of subjects) {
    previous = new managedidentity.FederatedIdentityCredential(
      `${role}-${subject.name}`,
      {
        resourceGroupName: placement.resourceGroupName,
        resourceName: identity.name,
        federatedIdentityCredentialResourceName: subject.name,
        issuer: GITHUB_ISSUER,
        audiences: [ENTRA_TOKEN_EXCHANGE_AUDIENCE],
        subject: subject.subject,
      },
      { ...opts, dependsOn: [previous] },
    );
  }
  return identity;
}
