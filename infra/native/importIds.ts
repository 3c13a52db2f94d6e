/**
 * The ids the azuread provider imports an existing object by: its own resource id forms, never
 * the bare object id (azuread-provider-facts.md §0, §2.7, §3.6: a bare GUID fails with "the number
 * of segments didn't match").
 */

/** `azuread.ConditionalAccessPolicy` import id: `/identity/conditionalAccess/policies/<id>`. */
export function conditionalAccessPolicyImportId(objectId: string): string {
  return `/identity/conditionalAccess/policies/${objectId}`;
}

/** `azuread.Group` import id: `/groups/<id>`. */
export function groupImportId(objectId: string): string {
  return `/groups/${objectId}`;
}
