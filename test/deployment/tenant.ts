/**
 * The tenant as the whole-deployment scenarios see it: reads and "portal" edits made through
 * Microsoft Graph with the project's own Graph client, so the same scenario code checks the Graph
 * sandbox (offline driver) and a real test tenant (acceptance driver). The `create*` helpers seed
 * objects the way an administrator would have made them before the stack existed (raw Graph
 * POSTs), e.g. for a program that adopts them with the `import` option or reads them with
 * `getGroup` / `getUser`.
 */
import { randomBytes } from "node:crypto";
import { createGraphClient } from "../../infra/graph/client";
import type { GraphClient } from "../../infra/graph/types";

export type GraphObject = Record<string, unknown>;

/** A user to seed: the properties a test cares about; the rest a create needs is filled in. */
export interface NewUser {
  userPrincipalName: string;
  displayName: string;
  /** Default true. */
  accountEnabled?: boolean;
  /** `Member` (default) or `Guest`. */
  userType?: string;
  /** Default: the UPN's local part without characters Graph refuses in an alias. */
  mailNickname?: string;
  /** Other writable user properties (givenName, mail, employeeId ...). */
  extra?: GraphObject;
}

const TAP_PATH =
  "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
const CA_PATH = "/identity/conditionalAccess/policies";
const PROFILES_PATH = "/deviceManagement/configurationPolicies";

function quoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { status?: unknown }).status === 404;
}

async function orUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export class GraphTenant {
  constructor(private readonly client: GraphClient) {}

  /** A tenant reached with the connection settings in `env` (ARM_*, GRAPH_ENDPOINT, AZURE_AUTHORITY_HOST). */
  static fromEnvironment(env: Record<string, string | undefined>): GraphTenant {
    return new GraphTenant(createGraphClient({ env, retry: { baseDelayMs: 50, maxDelayMs: 2000 } }));
  }

  tap(): Promise<GraphObject> {
    return this.client.get<GraphObject>(TAP_PATH);
  }

  /** A change made outside Pulumi (the portal): PATCH of the given properties. */
  editTap(changes: GraphObject): Promise<void> {
    return this.client.patch(TAP_PATH, {
      "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
      ...changes,
    });
  }

  conditionalAccessPolicy(id: string): Promise<GraphObject | undefined> {
    return orUndefined(() => this.client.get<GraphObject>(`${CA_PATH}/${id}`));
  }

  conditionalAccessPoliciesNamed(displayName: string): Promise<GraphObject[]> {
    return this.client
      .list<GraphObject>(CA_PATH)
      .then((policies) => policies.filter((policy) => policy.displayName === displayName));
  }

  editConditionalAccessPolicy(id: string, changes: GraphObject): Promise<void> {
    return this.client.patch(`${CA_PATH}/${id}`, changes);
  }

  group(id: string): Promise<GraphObject | undefined> {
    return orUndefined(() => this.client.get<GraphObject>(`/groups/${id}`));
  }

  groupsNamed(displayName: string): Promise<GraphObject[]> {
    return this.client.list<GraphObject>("/groups", {
      query: { $filter: `displayName eq ${quoted(displayName)}` },
    });
  }

  editGroup(id: string, changes: GraphObject): Promise<void> {
    return this.client.patch(`/groups/${id}`, changes);
  }

  /** POST /v1.0/groups with `body` as given (needs Group.ReadWrite.All); returns the created group. */
  async createGroup(body: GraphObject): Promise<GraphObject> {
    return (await this.client.post<GraphObject>("/groups", body)) as GraphObject;
  }

  /** POST /v1.0/identity/conditionalAccess/policies with `body` as given; returns the created policy. */
  async createConditionalAccessPolicy(body: GraphObject): Promise<GraphObject> {
    return (await this.client.post<GraphObject>(CA_PATH, body)) as GraphObject;
  }

  /**
   * POST /v1.0/users (needs User.ReadWrite.All) with a random initial password; returns the
   * created user (default property set, with `id`).
   */
  async createUser(user: NewUser): Promise<GraphObject> {
    const body: GraphObject = {
      accountEnabled: user.accountEnabled ?? true,
      displayName: user.displayName,
      mailNickname: user.mailNickname ?? user.userPrincipalName.split("@")[0].replace(/[^A-Za-z0-9._-]/g, ""),
      userPrincipalName: user.userPrincipalName,
      userType: user.userType ?? "Member",
      passwordProfile: {
        password: `${randomBytes(18).toString("base64url")}aA1!`,
        forceChangePasswordNextSignIn: true,
      },
      ...user.extra,
    };
    return (await this.client.post<GraphObject>("/users", body)) as GraphObject;
  }

  /** PUT /v1.0/users/{id}/manager/$ref. */
  setManager(userId: string, managerId: string): Promise<void> {
    return this.client.put(`/users/${userId}/manager/$ref`, {
      "@odata.id": `https://graph.microsoft.com/v1.0/users/${managerId}`,
    });
  }

  /** DELETE /v1.0/users/{id} (a real tenant keeps it in deleted items for 30 days). */
  deleteUser(id: string): Promise<void> {
    return this.client.delete(`/users/${id}`);
  }

  /** A settings-catalog profile with its settings, or undefined when it does not exist. */
  profile(id: string): Promise<GraphObject | undefined> {
    return orUndefined(() =>
      this.client.get<GraphObject>(`${PROFILES_PATH}/${id}`, {
        version: "beta",
        query: { $expand: "settings" },
      }),
    );
  }

  profilesNamed(name: string): Promise<GraphObject[]> {
    return this.client.list<GraphObject>(PROFILES_PATH, {
      version: "beta",
      query: { $filter: `name eq ${quoted(name)}` },
    });
  }

  createProfile(body: GraphObject): Promise<GraphObject> {
    return this.client.post<GraphObject>(PROFILES_PATH, body, { version: "beta" }) as Promise<GraphObject>;
  }

  /** Replaces a setting instance's value the way the portal does: PUT of the whole profile. */
  async editProfile(id: string, edit: (profile: GraphObject) => void): Promise<void> {
    const profile = await this.client.get<GraphObject>(`${PROFILES_PATH}/${id}`, {
      version: "beta",
      query: { $expand: "settings" },
    });
    edit(profile);
    const { name, description, platforms, technologies, roleScopeTagIds, settings, templateReference } =
      profile;
    await this.client.put(
      `${PROFILES_PATH}/${id}`,
      { name, description, platforms, technologies, roleScopeTagIds, settings, templateReference },
      { version: "beta" },
    );
  }

  assignments(policyId: string): Promise<GraphObject[]> {
    return this.client.list<GraphObject>(`${PROFILES_PATH}/${policyId}/assignments`, { version: "beta" });
  }

  /** Replaces the profile's whole assignment list (Intune's assign action). */
  assign(policyId: string, assignments: GraphObject[]): Promise<void> {
    return this.client
      .post(`${PROFILES_PATH}/${policyId}/assign`, { assignments }, { version: "beta", idempotent: true })
      .then(() => undefined);
  }
}
