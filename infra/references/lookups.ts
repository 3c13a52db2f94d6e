/** How references by name are looked up in the tenant: the resolver's only dependency. */

/** What looking one name up gave; `detail` is the lookup's own words, for the message. */
export type LookupOutcome =
  { status: "found"; objectId: string } | { status: "notFound" | "several" | "failed"; detail: string };

/** Looks names up in the tenant. The resolver calls each method once per distinct name. */
export interface ReferenceLookups {
  /** The group whose display name is exactly `displayName`. */
  group(displayName: string): Promise<LookupOutcome>;
  /** The user whose user principal name is `userPrincipalName`. */
  user(userPrincipalName: string): Promise<LookupOutcome>;
}
