/** Application permissions (the `roles` claim) the sandbox knows about. */

/** Least-privilege application permissions this project needs; the sandbox's default grant. */
export const DEFAULT_PERMISSIONS: readonly string[] = [
  "Policy.Read.All",
  "Policy.ReadWrite.AuthenticationMethod",
  "Policy.ReadWrite.ConditionalAccess",
  "Group.ReadWrite.All",
  "DeviceManagementConfiguration.ReadWrite.All",
];

export class PermissionGrant {
  private readonly granted: Set<string>;

  constructor(initial: readonly string[]) {
    this.granted = new Set(initial);
  }

  grant(permissions: readonly string[]): void {
    for (const permission of permissions) this.granted.add(permission);
  }

  revoke(permissions: readonly string[]): void {
    for (const permission of permissions) this.granted.delete(permission);
  }

  /** Replaces the whole grant with exactly `permissions`. */
  set(permissions: readonly string[]): void {
    this.granted.clear();
    this.grant(permissions);
  }

  current(): ReadonlySet<string> {
    return this.granted;
  }

  list(): string[] {
    return [...this.granted].sort();
  }
}
