/**
 * `azuread.getUser` (data source `azuread_user`) as @pulumi/azuread 6.9.1 runs it:
 * terraform-provider-azuread @38d1993a internal/services/users/user_data_source.go behind the
 * bridge's Invoke (bridge.ts `invokeFailures`, `invokeError`).
 *
 * | Lookup            | Graph requests (all v1.0)                                                   |
 * | ----------------- | --------------------------------------------------------------------------- |
 * | userPrincipalName | `GET /users?$filter=userPrincipalName eq '<upn>'`, `'` doubled (`odata.EscapeSingleQuote`) (:333-354) |
 * | objectId          | `GET /users/{id}` (:356-371)                                                |
 * | mail              | `GET /users?$filter=mail eq '<mail>'` (:373-394)                            |
 * | mailNickname      | `GET /users?$filter=mailNickname eq '<alias>'` (:396-417)                   |
 * | employeeId        | `GET /users?$filter=employeeId eq '<id>'` (:419-440)                        |
 * | then              | `GET /users/{id}?$select=<the 42 properties below>` (:446-504), `GET /users/{id}/manager` (404 → `managerId: ""`) (:556-566) |
 *
 * Errors are the provider's, verbatim, including the 6.9.1 bug of the `mail` lookup, whose
 * messages print the (empty) UPN variable: `[mail] User not found with mail: ""` (:387-389; fixed
 * later upstream in f0169e0ec).
 *
 * Result (NPM @pulumi/azuread getUser.d.ts): `id` `/users/<guid>` (stable.NewUserID), `objectId`,
 * every property flattened with nulls as "" / false / []; `costCenter` and `division` only when
 * Graph returns `employeeOrgData` (:548-551), otherwise null **[inferred]**, as for getGroup's
 * writeback fields.
 */
import { OperationContext } from "../clock";
import type { AzureadContext } from "../context";
import { findExactlyOne, getByObjectId, invokeDataSource, lookupArgument } from "../dataSource";
import { errorDiag } from "../diagnostics";
import { wasNotFound } from "../graphClient";
import { strings, text, type Json } from "../graphJson";
import { isObject, isUUID, PropertyMap, Schema, stringIsNotEmpty } from "../schema";
import type { NativeFunction, NativeInvokeResult } from "../../offline/nativeFunction";

export const GET_USER_TOKEN = "azuread:index/getUser:getUser";

/** The data source's Read timeout (user_data_source.go:28-30): 5 minutes. */
const READ_TIMEOUT_MS = 5 * 60_000;
const LOOKUPS = ["employee_id", "mail", "mail_nickname", "object_id", "user_principal_name"];

/** The arguments of the data source schema (user_data_source.go:33-72). */
const ARGS: Schema = {
  employeeId: lookupArgument("employee_id", LOOKUPS, [stringIsNotEmpty]),
  mail: lookupArgument("mail", LOOKUPS, [stringIsNotEmpty]),
  mailNickname: lookupArgument("mail_nickname", LOOKUPS, [stringIsNotEmpty]),
  objectId: lookupArgument("object_id", LOOKUPS, [isUUID]),
  userPrincipalName: lookupArgument("user_principal_name", LOOKUPS, [stringIsNotEmpty]),
};

/** The `$select` the provider sends, in its order ("Users API changes which fields it sends by default"). */
export const USER_SELECT = [
  "accountEnabled",
  "ageGroup",
  "businessPhones",
  "city",
  "companyName",
  "consentProvidedForMinor",
  "country",
  "creationType",
  "department",
  "displayName",
  "employeeHireDate",
  "employeeId",
  "employeeOrgData",
  "employeeType",
  "externalUserState",
  "faxNumber",
  "givenName",
  "id",
  "imAddresses",
  "jobTitle",
  "mail",
  "mailNickname",
  "mobilePhone",
  "officeLocation",
  "onPremisesDistinguishedName",
  "onPremisesDomainName",
  "onPremisesImmutableId",
  "onPremisesSamAccountName",
  "onPremisesSecurityIdentifier",
  "onPremisesSyncEnabled",
  "onPremisesUserPrincipalName",
  "otherMails",
  "postalCode",
  "preferredLanguage",
  "proxyAddresses",
  "showInAddressList",
  "state",
  "streetAddress",
  "surname",
  "usageLocation",
  "userPrincipalName",
  "userType",
];

/** `stable.UserId.String()`. */
function userIdText(objectId: string): string {
  return `User (User: ${JSON.stringify(objectId)})`;
}

/** A lookup by `$filter`: the Graph property, the TF attribute, the value and the provider's wording. */
interface ListLookup {
  property: string;
  attribute: string;
  value: string;
  finding: string;
  several: string;
  none: string;
}

/**
 * The provider's wording for a `$filter` lookup on `noun` (e.g. "email alias"); `printed` is the
 * value its "several" and "none" messages print.
 */
function listLookup(
  property: string,
  attribute: string,
  noun: string,
  value: string,
  printed = value,
): ListLookup {
  const q = JSON.stringify;
  return {
    property,
    attribute,
    value,
    finding: `Finding user with ${noun}: ${q(value)}`,
    several: `More than one user found with ${noun}: ${q(printed)}`,
    none: `User not found with ${noun}: ${q(printed)}`,
  };
}

export class GetUserFunction implements NativeFunction {
  readonly token = GET_USER_TOKEN;

  constructor(private readonly az: AzureadContext) {}

  invoke(args: PropertyMap): Promise<NativeInvokeResult> {
    return invokeDataSource(GET_USER_TOKEN, ARGS, args, (checked) => this.read(checked));
  }

  private lookup(args: PropertyMap): ListLookup | { objectId: string } {
    const upn = text(args.userPrincipalName);
    if (upn !== "")
      return {
        ...listLookup("userPrincipalName", "user_principal_name", "UPN", upn),
        none: `User with UPN ${JSON.stringify(upn)} was not found`,
      };
    if (text(args.objectId) !== "") return { objectId: text(args.objectId) };
    const mail = text(args.mail);
    // 6.9.1 prints the UPN variable in "several" and "none", which is empty on this path (:387-389).
    if (mail !== "") return listLookup("mail", "mail", "mail", mail, upn);
    const alias = text(args.mailNickname);
    if (alias !== "") return listLookup("mailNickname", "mail_nickname", "email alias", alias);
    return listLookup("employeeId", "employee_id", "employee ID", text(args.employeeId));
  }

  private async read(args: PropertyMap): Promise<PropertyMap> {
    const ctx = new OperationContext(this.az.clock, READ_TIMEOUT_MS);
    const lookup = this.lookup(args);
    const found =
      "objectId" in lookup
        ? await getByObjectId(ctx, this.az, {
            version: "v1.0",
            path: `/users/${lookup.objectId}`,
            notFound: `User not found with object ID: ${JSON.stringify(lookup.objectId)}`,
            failed: `Retrieving user with object ID: ${JSON.stringify(lookup.objectId)}`,
          })
        : await findExactlyOne(ctx, this.az, {
            version: "v1.0",
            path: "/users",
            filter: `${lookup.property} eq '${lookup.value.replace(/'/g, "''")}'`,
            failed: (error) => errorDiag(error, lookup.finding),
            attribute: lookup.attribute,
            several: lookup.several,
            none: lookup.none,
          });
    const objectId = text(found.id);
    if (objectId === "") throw errorDiag("API returned user with nil object ID", "Bad API Response");

    const path = `/users/${objectId}`;
    let user: Json;
    try {
      user = (
        await this.az.graph.request(ctx, {
          method: "GET",
          version: "v1.0",
          path,
          query: { $select: USER_SELECT.join(",") },
          expected: [200],
        })
      ).body as Json;
    } catch (error) {
      throw errorDiag(error, `Retrieving ${userIdText(objectId)}`);
    }
    let managerId = "";
    try {
      const manager = (
        await this.az.graph.request(ctx, {
          method: "GET",
          version: "v1.0",
          path: `${path}/manager`,
          expected: [200],
        })
      ).body as Json;
      managerId = text(manager.id);
    } catch (error) {
      if (!wasNotFound(error))
        throw errorDiag(error, `Could not retrieve manager for ${userIdText(objectId)}`);
    }
    const bool = (value: unknown) => value === true;
    const orgData = isObject(user.employeeOrgData) ? user.employeeOrgData : undefined;
    return {
      accountEnabled: bool(user.accountEnabled),
      ageGroup: text(user.ageGroup),
      businessPhones: strings(user.businessPhones),
      city: text(user.city),
      companyName: text(user.companyName),
      consentProvidedForMinor: text(user.consentProvidedForMinor),
      costCenter: orgData ? text(orgData.costCenter) : null,
      country: text(user.country),
      creationType: text(user.creationType),
      department: text(user.department),
      displayName: text(user.displayName),
      division: orgData ? text(orgData.division) : null,
      employeeHireDate: text(user.employeeHireDate),
      employeeId: text(user.employeeId),
      employeeType: text(user.employeeType),
      externalUserState: text(user.externalUserState),
      faxNumber: text(user.faxNumber),
      givenName: text(user.givenName),
      id: `/users/${objectId}`,
      imAddresses: strings(user.imAddresses),
      jobTitle: text(user.jobTitle),
      mail: text(user.mail),
      mailNickname: text(user.mailNickname),
      managerId,
      mobilePhone: text(user.mobilePhone),
      objectId,
      officeLocation: text(user.officeLocation),
      onpremisesDistinguishedName: text(user.onPremisesDistinguishedName),
      onpremisesDomainName: text(user.onPremisesDomainName),
      onpremisesImmutableId: text(user.onPremisesImmutableId),
      onpremisesSamAccountName: text(user.onPremisesSamAccountName),
      onpremisesSecurityIdentifier: text(user.onPremisesSecurityIdentifier),
      onpremisesSyncEnabled: bool(user.onPremisesSyncEnabled),
      onpremisesUserPrincipalName: text(user.onPremisesUserPrincipalName),
      otherMails: strings(user.otherMails),
      postalCode: text(user.postalCode),
      preferredLanguage: text(user.preferredLanguage),
      proxyAddresses: strings(user.proxyAddresses),
      showInAddressList: bool(user.showInAddressList),
      state: text(user.state),
      streetAddress: text(user.streetAddress),
      surname: text(user.surname),
      usageLocation: text(user.usageLocation),
      userPrincipalName: text(user.userPrincipalName),
      userType: text(user.userType),
    };
  }
}
