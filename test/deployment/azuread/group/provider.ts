/**
 * `azuread.Group` as @pulumi/azuread 6.9.1 runs it: terraform-provider-azuread @38d1993a
 * (internal/services/groups/group_resource.go) behind pulumi-terraform-bridge v3.130.0.
 *
 * | Step    | Graph requests (all beta)                                                              |
 * | ------- | -------------------------------------------------------------------------------------- |
 * | check   | none                                                                                   |
 * | diff    | `GET /groups?$filter=displayName eq '<new name>'` only for an existing group whose name changes with preventDuplicateNames (CustomizeDiff :343-360) |
 * | create  | [duplicate-name list] → `POST /groups` → `PATCH` `TERRAFORM_UPDATE_<uuid>` → `PATCH` real name → `GET` ×5 (5 s apart) → read (:433-917) |
 * | update  | [plan-time list if the name changes] → [duplicate-name list] → one `PATCH` of the managed set → read, no wait (:919-1213) |
 * | read    | `GET /groups/{id}` (404 → gone), `GET …/owners`, `…/members`, `…/memberOf` (:1218-1357) |
 * | delete  | `GET /groups/{id}` (404 → error) → `DELETE` → `GET` until 404 ×5 (:1359-1394)           |
 *
 * Not emulated (check throws): `owners`, `members`, `administrativeUnitIds` inputs and Unified
 * (Microsoft 365) groups, which need requests the Graph sandbox does not serve.
 */
import { randomUUID } from "node:crypto";
import {
  NativeInitError,
  UNKNOWN,
  type NativeCheckResult,
  type NativeDiffResult,
  type NativeProvider,
  type NativeReadResult,
} from "../../nativeProvider";
import {
  bridgeError,
  checkedInputs,
  checkFailure,
  metaOutput,
  readInputs,
  validateImportId,
} from "../bridge";
import { OperationContext } from "../clock";
import type { AzureadContext } from "../context";
import { DiagnosticsError, errorDiag, plainDiag } from "../diagnostics";
import { GraphResponseError, odataMatches, wasNotFound } from "../graphClient";
import { resourceOutputs } from "../outputs";
import { diffPlan, normalizeAfterApply, planObject, withoutUnknowns } from "../plan";
import { formatResourceId, GROUP_ID, parseResourceId } from "../resourceIds";
import { waitForDeletion, waitForUpdate } from "../stateChange";
import { isObject, PropertyMap } from "../schema";
import { validateConfig } from "../validate";
import { groupPlanError, visibilityForcesNew } from "./customizeDiff";
import {
  createGroupBody,
  duplicateGroupDiagnostic,
  findGroupsByName,
  groupIdText,
  randomMailNickname,
  readGroup,
  updateGroupBody,
} from "./graph";
import { GROUP_SCHEMA, GROUP_SCHEMA_VERSION, GROUP_TIMEOUTS, GROUP_TYPE, GROUP_TYPE_UNIFIED } from "./schema";

const MINUTE = 60_000;
const META = metaOutput(GROUP_TIMEOUTS, GROUP_SCHEMA_VERSION);
/** groupDuplicateValueError (internal/services/groups/constants.go:8). */
const DUPLICATE_VALUE_ERROR = "Request contains a property with duplicate values";

function inputsOf(map: PropertyMap): PropertyMap {
  const { __defaults: _defaults, ...rest } = map;
  return rest;
}

function text(value: unknown): string {
  return typeof value === "string" && value !== UNKNOWN ? value : "";
}

export class GroupProvider implements NativeProvider {
  readonly type = GROUP_TYPE;

  constructor(private readonly az: AzureadContext) {}

  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<NativeCheckResult> {
    for (const name of ["owners", "members", "administrativeUnitIds"]) {
      if (news[name] !== undefined && news[name] !== null)
        throw new Error(`azuread emulation: \`${name}\` on ${GROUP_TYPE} is not emulated (${urn})`);
    }
    if (Array.isArray(news.types) && news.types.includes(GROUP_TYPE_UNIFIED))
      throw new Error(`azuread emulation: Unified (Microsoft 365) groups are not emulated (${urn})`);
    const inputs = checkedInputs(GROUP_SCHEMA, Object.keys(olds).length ? olds : undefined, news);
    const failures = validateConfig(GROUP_SCHEMA, inputsOf(news)).map((d) =>
      checkFailure(urn, GROUP_SCHEMA, d),
    );
    return Promise.resolve({ inputs, failures });
  }

  async diff(urn: string, id: string, olds: PropertyMap, news: PropertyMap): Promise<NativeDiffResult> {
    const planned = planObject(GROUP_SCHEMA, olds, inputsOf(news));
    await this.customizeDiff(urn, id, olds, planned);
    const { diffs, replaces } = diffPlan(GROUP_SCHEMA, olds, planned);
    if (visibilityForcesNew(olds, planned) && !replaces.includes("visibility")) replaces.push("visibility");
    return { changes: diffs.length > 0, diffs, replaces, deleteBeforeReplace: false };
  }

  async create(
    urn: string,
    inputs: PropertyMap,
    preview: boolean,
  ): Promise<{ id: string; outputs: PropertyMap }> {
    const planned = planObject(GROUP_SCHEMA, undefined, inputsOf(inputs));
    await this.customizeDiff(urn, "", undefined, planned);
    if (preview) return { id: "", outputs: resourceOutputs(planned, UNKNOWN, META) };

    const ctx = new OperationContext(this.az.clock, GROUP_TIMEOUTS.create * MINUTE);
    let objectId: string;
    try {
      objectId = await this.post(ctx, planned);
    } catch (error) {
      // No id yet: the bridge returns the provider's error as it is (provider.go:1341-1347).
      throw error instanceof DiagnosticsError ? new Error(error.message) : error;
    }
    const id = formatResourceId(GROUP_ID, objectId);
    let read: PropertyMap | undefined;
    try {
      await this.replicate(ctx, objectId, text(planned.displayName));
      read = await readGroup(ctx, this.az, objectId, planned);
    } catch (error) {
      // The id is set: the bridge keeps the resource in state with the SDK's state at the
      // failure, i.e. the planned values with unknowns as null (provider.go:1349-1395).
      const outputs = resourceOutputs(withoutUnknowns(planned) as PropertyMap, id, META);
      throw new NativeInitError(bridgeError("creating", urn, error), id, outputs);
    }
    // A 404 in the final read clears the id: the SDK returns no state and no error.
    if (!read) throw new Error(`expected non-nil error with nil state during Create of ${urn}`);
    return { id, outputs: resourceOutputs(normalizeAfterApply(GROUP_SCHEMA, read, planned), id, META) };
  }

  async read(urn: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<NativeReadResult> {
    const ctx = new OperationContext(this.az.clock, GROUP_TIMEOUTS.read * MINUTE);
    const isRefresh = Object.keys(outputs).length > 0;
    if (!isRefresh) validateImportId(GROUP_ID, id);
    let attributes: PropertyMap | undefined;
    try {
      attributes = await readGroup(ctx, this.az, this.objectId(id), outputs);
    } catch (error) {
      throw new Error(bridgeError("refreshing", urn, error), { cause: error });
    }
    if (!attributes) return { id: "", outputs: {}, inputs: {} };
    const read = resourceOutputs(attributes, id, META);
    return { id, outputs: read, inputs: readInputs(GROUP_SCHEMA, inputs, read, isRefresh) };
  }

  async update(
    urn: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    _oldInputs: PropertyMap,
    preview: boolean,
  ): Promise<PropertyMap> {
    const planned = planObject(GROUP_SCHEMA, olds, inputsOf(news));
    await this.customizeDiff(urn, id, olds, planned);
    if (preview) return resourceOutputs(planned, id, META);

    const ctx = new OperationContext(this.az.clock, GROUP_TIMEOUTS.update * MINUTE);
    let read: PropertyMap | undefined;
    try {
      const objectId = this.objectId(id);
      const displayName = text(planned.displayName);
      if (planned.preventDuplicateNames === true)
        // The update's wording and attribute path differ from create's (group_resource.go:937-954).
        await this.refuseDuplicateName(
          ctx,
          displayName,
          objectId,
          "Could not check for existing group(s)",
          "display_name",
        );
      try {
        await this.az.graph.request(ctx, {
          method: "PATCH",
          version: "beta",
          path: `/groups/${objectId}`,
          body: updateGroupBody(olds, planned),
          expected: [204],
        });
      } catch (error) {
        throw errorDiag(error, `Updating ${groupIdText(objectId)}`);
      }
      read = await readGroup(ctx, this.az, objectId, planned);
    } catch (error) {
      // SDKv2 keeps the planned values as the new state when Update fails (ResourceData.State()).
      const outputs = resourceOutputs(withoutUnknowns(planned) as PropertyMap, id, META);
      throw new NativeInitError(bridgeError("updating", urn, error), id, outputs);
    }
    if (!read)
      throw new Error(
        `Resource provider reported that the resource did not exist while updating ${urn}.\n\n` +
          "This is usually a result of the resource having been deleted outside of Pulumi, and can often be " +
          "fixed by running `pulumi refresh` before updating.",
      );
    return resourceOutputs(normalizeAfterApply(GROUP_SCHEMA, read, planned), id, META);
  }

  async delete(urn: string, id: string): Promise<void> {
    const ctx = new OperationContext(this.az.clock, GROUP_TIMEOUTS.delete * MINUTE);
    try {
      const objectId = this.objectId(id);
      const idText = groupIdText(objectId);
      const path = `/groups/${objectId}`;
      try {
        await this.az.graph.request(ctx, { method: "GET", version: "beta", path, expected: [200] });
      } catch (error) {
        throw errorDiag(wasNotFound(error) ? "group was not found" : error, `Retrieving ${idText}`, "id");
      }
      try {
        await this.az.graph.request(ctx, { method: "DELETE", version: "beta", path, expected: [204] });
      } catch (error) {
        throw errorDiag(error, `Deleting ${idText}`);
      }
      try {
        await waitForDeletion(ctx, async () => {
          try {
            await this.az.graph.request(ctx, { method: "GET", version: "beta", path, expected: [200] });
            return true;
          } catch (error) {
            if (wasNotFound(error)) return false;
            throw error;
          }
        });
      } catch (error) {
        throw errorDiag(error, `Waiting for deletion of ${idText}`);
      }
    } catch (error) {
      throw new Error(bridgeError("deleting", urn, error), { cause: error });
    }
  }

  /** The CustomizeDiff, as PlanResourceChange runs it (diff, and create/update before applying). */
  private async customizeDiff(
    urn: string,
    id: string,
    prior: PropertyMap | undefined,
    planned: PropertyMap,
  ): Promise<void> {
    try {
      const oldName = text(prior?.displayName);
      const newName = planned.displayName;
      if (
        id !== "" &&
        planned.preventDuplicateNames === true &&
        typeof newName === "string" &&
        newName !== UNKNOWN &&
        (oldName === "" || oldName !== newName)
      ) {
        const ctx = new OperationContext(this.az.clock, 5 * MINUTE);
        try {
          // The provider compares the resource id (`/groups/<guid>`) with each hit's bare object
          // id, so this query can never report a duplicate (group_resource.go:343-360).
          await findGroupsByName(ctx, this.az, newName);
        } catch (error) {
          throw plainDiag(
            `could not check for existing group(s): ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      const problem = groupPlanError(planned);
      if (problem) throw plainDiag(problem);
    } catch (error) {
      throw new Error(bridgeError("diffing", urn, error), { cause: error });
    }
  }

  /**
   * The `preventDuplicateNames` guard: lists groups with the name and fails on any other than
   * `ownId` with the provider's duplicate diagnostic; a failed list fails with `listFailure`.
   */
  private async refuseDuplicateName(
    ctx: OperationContext,
    displayName: string,
    ownId: string | undefined,
    listFailure: string,
    path: string,
  ): Promise<void> {
    let found: Record<string, unknown>[];
    try {
      found = await findGroupsByName(ctx, this.az, displayName);
    } catch (error) {
      throw errorDiag(error, listFailure, path);
    }
    const other = found.find((group) => group.id !== ownId);
    if (other) throw new DiagnosticsError([duplicateGroupDiagnostic(text(other.id), displayName)]);
  }

  /** Steps 1-4 of create: duplicate check, nickname, owners, POST. Resolves with the object id. */
  private async post(ctx: OperationContext, planned: PropertyMap): Promise<string> {
    const displayName = text(planned.displayName);
    if (planned.preventDuplicateNames === true)
      // "groups(s)" and the path `name` are the provider's own text (group_resource.go:446-458).
      await this.refuseDuplicateName(
        ctx,
        displayName,
        undefined,
        "Could not check for existing groups(s)",
        "name",
      );
    const nickname = text(planned.mailNickname) !== "" ? text(planned.mailNickname) : randomMailNickname();
    const { objectId: callerId } = await this.az.credentials.token();
    const callerBind = `${this.az.graph.baseUri("beta")}/directoryObjects/${callerId}`;
    const post = (owners: string[] | undefined, withRetry: boolean) =>
      this.az.graph.request(ctx, {
        method: "POST",
        version: "beta",
        path: "/groups",
        body: createGroupBody(planned, nickname, owners),
        expected: [201],
        retryFunc: withRetry
          ? (status, odata) =>
              status === 404 ||
              (status === 400 &&
                (odataMatches(odata, "One or more property values specified are invalid") ||
                  odataMatches(
                    odata,
                    "does not exist or one of its queried reference-property objects are not present",
                  )))
          : undefined,
      });
    let created;
    try {
      created = await post([callerBind], true);
    } catch (error) {
      const duplicate =
        error instanceof GraphResponseError &&
        error.status === 400 &&
        new RegExp(DUPLICATE_VALUE_ERROR).test(error.message);
      if (!duplicate) throw errorDiag(error, `Creating group ${JSON.stringify(displayName)}`);
      // Graph refused the caller as an explicit owner: retry once without it (:676-703).
      try {
        created = await post(undefined, false);
      } catch (retryError) {
        throw errorDiag(retryError, `Creating group ${JSON.stringify(displayName)}`);
      }
    }
    const objectId = isObject(created.body) ? text(created.body.id) : "";
    if (objectId === "")
      throw errorDiag("unable to obtain group object ID", `Creating group ${JSON.stringify(displayName)}`);
    return objectId;
  }

  /** Steps 5-6: the two PATCHes of the display name (404 retried), then 5 matching GETs. */
  private async replicate(ctx: OperationContext, objectId: string, displayName: string): Promise<void> {
    const idText = groupIdText(objectId);
    const path = `/groups/${objectId}`;
    for (const name of [`TERRAFORM_UPDATE_${randomUUID()}`, displayName]) {
      try {
        await this.az.graph.request(ctx, {
          method: "PATCH",
          version: "beta",
          path,
          body: { "@odata.type": "#microsoft.graph.group", displayName: name },
          expected: [204],
          retryFunc: (status) => status === 404,
        });
      } catch (error) {
        if (wasNotFound(error))
          throw errorDiag(error, `Timed out whilst waiting for new ${idText} to be replicated in Azure AD`);
        throw errorDiag(error, `Failed to patch ${idText} after creating`);
      }
    }
    try {
      await waitForUpdate(ctx, async () => {
        try {
          const group = (
            await this.az.graph.request(ctx, { method: "GET", version: "beta", path, expected: [200] })
          ).body;
          return isObject(group) && group.displayName === displayName;
        } catch (error) {
          if (wasNotFound(error)) return false;
          throw error;
        }
      });
    } catch (error) {
      throw errorDiag(error, `Waiting for update of \`display_name\` for ${idText}`);
    }
  }

  private objectId(id: string): string {
    try {
      return parseResourceId(GROUP_ID, id);
    } catch (error) {
      throw errorDiag(error, "Parsing ID", "id");
    }
  }
}
