/**
 * `azuread.ConditionalAccessPolicy` as @pulumi/azuread 6.9.1 runs it: terraform-provider-azuread
 * @38d1993a (internal/services/conditionalaccess/conditional_access_policy_resource.go) behind
 * pulumi-terraform-bridge v3.130.0.
 *
 * | Step   | Graph requests (all v1.0, `/identity/conditionalAccess/policies`)                          |
 * | ------ | ------------------------------------------------------------------------------------------ |
 * | create | `POST` the whole policy → `GET /{id}` until 200 ×5 (5 s apart) → only then the id is set → read (:612-667) |
 * | update | `PATCH /{id}` with the whole policy → `GET` until displayName and state match ×5; no read: the state is the plan (:669-737) |
 * | read   | `GET /{id}` (404 → gone) (:739-771)                                                        |
 * | delete | `GET /{id}` (404 → already deleted: success) → `DELETE` → `GET` until 404 ×5 (:773-808)    |
 *
 * Lists are ordered (TF lists): an input whose order differs from Graph's is a diff after refresh.
 * Nothing forces a replacement.
 */
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
import { wasNotFound } from "../graphClient";
import { resourceOutputs } from "../outputs";
import { diffPlan, normalizeAfterApply, planObject, withoutUnknowns } from "../plan";
import { CONDITIONAL_ACCESS_POLICY_ID, formatResourceId, parseResourceId } from "../resourceIds";
import { isObject, PropertyMap } from "../schema";
import { waitForDeletion, waitForState, waitForUpdate } from "../stateChange";
import { validateConfig } from "../validate";
import { policyPlanError, sessionControlsAdditionSuppressed } from "./customizeDiff";
import { flattenPolicy, policyBody, policyIdText } from "./graph";
import {
  CONDITIONAL_ACCESS_POLICY_SCHEMA as SCHEMA,
  CONDITIONAL_ACCESS_POLICY_SCHEMA_VERSION,
  CONDITIONAL_ACCESS_POLICY_TIMEOUTS as TIMEOUTS,
  CONDITIONAL_ACCESS_POLICY_TYPE,
} from "./schema";

const MINUTE = 60_000;
const META = metaOutput(TIMEOUTS, CONDITIONAL_ACCESS_POLICY_SCHEMA_VERSION);
const COLLECTION = "/identity/conditionalAccess/policies";

function inputsOf(map: PropertyMap): PropertyMap {
  const { __defaults: _defaults, ...rest } = map;
  return rest;
}

function text(value: unknown): string {
  return typeof value === "string" && value !== UNKNOWN ? value : "";
}

/** A create that failed before the id was set: the bridge returns the provider's error as it is. */
function unwrapped(error: unknown): Error {
  return error instanceof DiagnosticsError
    ? new Error(error.message)
    : error instanceof Error
      ? error
      : new Error(String(error));
}

export class ConditionalAccessPolicyProvider implements NativeProvider {
  readonly type = CONDITIONAL_ACCESS_POLICY_TYPE;

  constructor(private readonly az: AzureadContext) {}

  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<NativeCheckResult> {
    const inputs = checkedInputs(SCHEMA, Object.keys(olds).length ? olds : undefined, news);
    const failures = validateConfig(SCHEMA, inputsOf(news)).map((d) => checkFailure(urn, SCHEMA, d));
    return Promise.resolve({ inputs, failures });
  }

  diff(urn: string, _id: string, olds: PropertyMap, news: PropertyMap): Promise<NativeDiffResult> {
    const planned = this.plan(urn, olds, news);
    const { diffs } = diffPlan(SCHEMA, olds, planned);
    const shown = sessionControlsAdditionSuppressed(olds, planned)
      ? diffs.filter((d) => d !== "sessionControls")
      : diffs;
    return Promise.resolve({
      changes: shown.length > 0,
      diffs: shown,
      replaces: [],
      deleteBeforeReplace: false,
    });
  }

  async create(
    urn: string,
    inputs: PropertyMap,
    preview: boolean,
  ): Promise<{ id: string; outputs: PropertyMap }> {
    const planned = this.plan(urn, undefined, inputs);
    if (preview) return { id: "", outputs: resourceOutputs(planned, UNKNOWN, META) };

    const ctx = new OperationContext(this.az.clock, TIMEOUTS.create * MINUTE);
    let objectId: string;
    try {
      const body = policyBody(planned);
      let created: unknown;
      try {
        created = (
          await this.az.graph.request(ctx, {
            method: "POST",
            version: "v1.0",
            path: COLLECTION,
            body,
            expected: [201],
          })
        ).body;
      } catch (error) {
        throw errorDiag(error, "Could not create conditional access policy");
      }
      objectId = isObject(created) ? text(created.id) : "";
      if (objectId === "")
        throw errorDiag("Bad API response", "Object ID returned for conditional access policy is nil/empty");
      try {
        await waitForUpdate(ctx, () => this.exists(ctx, objectId));
      } catch (error) {
        // The policy exists in the tenant, but the id is only set after this wait (:651-664).
        throw errorDiag(error, `Waiting for creation of ${policyIdText(objectId)}`);
      }
    } catch (error) {
      throw unwrapped(error);
    }
    const id = formatResourceId(CONDITIONAL_ACCESS_POLICY_ID, objectId);
    let read: PropertyMap | undefined;
    try {
      read = await this.readPolicy(ctx, objectId);
    } catch (error) {
      throw new NativeInitError(
        bridgeError("creating", urn, error),
        id,
        resourceOutputs(withoutUnknowns(planned) as PropertyMap, id, META),
      );
    }
    if (!read) throw new Error(`expected non-nil error with nil state during Create of ${urn}`);
    return { id, outputs: resourceOutputs(normalizeAfterApply(SCHEMA, read, planned), id, META) };
  }

  async read(urn: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<NativeReadResult> {
    const ctx = new OperationContext(this.az.clock, TIMEOUTS.read * MINUTE);
    if (Object.keys(outputs).length === 0) validateImportId(CONDITIONAL_ACCESS_POLICY_ID, id);
    let attributes: PropertyMap | undefined;
    try {
      attributes = await this.readPolicy(ctx, this.objectId(id));
    } catch (error) {
      throw new Error(bridgeError("refreshing", urn, error), { cause: error });
    }
    if (!attributes) return { id: "", outputs: {}, inputs: {} };
    const read = resourceOutputs(attributes, id, META);
    return { id, outputs: read, inputs: readInputs(SCHEMA, inputs, read, Object.keys(outputs).length > 0) };
  }

  async update(
    urn: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    _oldInputs: PropertyMap,
    preview: boolean,
  ): Promise<PropertyMap> {
    const planned = this.plan(urn, olds, news);
    const outputs = resourceOutputs(withoutUnknowns(planned) as PropertyMap, id, META);
    if (preview) return resourceOutputs(planned, id, META);

    const ctx = new OperationContext(this.az.clock, TIMEOUTS.update * MINUTE);
    try {
      const objectId = this.objectId(id);
      try {
        await this.az.graph.request(ctx, {
          method: "PATCH",
          version: "v1.0",
          path: `${COLLECTION}/${objectId}`,
          body: policyBody(planned),
          expected: [204],
        });
      } catch (error) {
        throw errorDiag(error, `Could not update conditional access policy with ID: ${JSON.stringify(id)}`);
      }
      try {
        // Five matching reads of displayName and state only (:699-733); a GET error ends the wait.
        await waitForState(ctx, {
          pending: ["Pending"],
          target: ["Done"],
          timeoutMs: ctx.remainingMs(),
          minTimeoutMs: 5_000,
          continuousTargetOccurence: 5,
          refresh: async () => {
            const policy = await this.get(ctx, objectId);
            return policy.displayName === text(planned.displayName) && policy.state === text(planned.state)
              ? "Done"
              : "Pending";
          },
        });
      } catch (error) {
        throw errorDiag(
          error,
          `waiting for update of conditional access policy with ID ${JSON.stringify(id)}`,
        );
      }
    } catch (error) {
      // SDKv2 keeps the planned values as the new state when Update fails.
      throw new NativeInitError(bridgeError("updating", urn, error), id, outputs);
    }
    // No read after an update: the state is the plan.
    return outputs;
  }

  async delete(urn: string, id: string): Promise<void> {
    const ctx = new OperationContext(this.az.clock, TIMEOUTS.delete * MINUTE);
    try {
      const objectId = this.objectId(id);
      const idText = policyIdText(objectId);
      try {
        await this.get(ctx, objectId);
      } catch (error) {
        if (wasNotFound(error)) return; // "already deleted" (:781-786)
        throw errorDiag(error, `retrieving ${idText}`, "id");
      }
      try {
        await this.az.graph.request(ctx, {
          method: "DELETE",
          version: "v1.0",
          path: `${COLLECTION}/${objectId}`,
          expected: [204],
        });
      } catch (error) {
        throw errorDiag(error, `Deleting ${idText}`, "id");
      }
      try {
        await waitForDeletion(ctx, () => this.exists(ctx, objectId));
      } catch (error) {
        throw errorDiag(error, `Waiting for deletion of ${idText}`);
      }
    } catch (error) {
      throw new Error(bridgeError("deleting", urn, error), { cause: error });
    }
  }

  /** The plan and its CustomizeDiff (errors as the bridge's `diffing <urn>: ...`). */
  private plan(urn: string, olds: PropertyMap | undefined, news: PropertyMap): PropertyMap {
    const planned = planObject(SCHEMA, olds, inputsOf(news));
    const problem = policyPlanError(planned);
    if (problem) throw new Error(bridgeError("diffing", urn, plainDiag(problem)));
    return planned;
  }

  /** A GET that tells whether the policy is there (404 → false); other errors end the wait. */
  private async exists(ctx: OperationContext, objectId: string): Promise<boolean> {
    try {
      await this.get(ctx, objectId);
      return true;
    } catch (error) {
      if (wasNotFound(error)) return false;
      throw error;
    }
  }

  private async get(ctx: OperationContext, objectId: string): Promise<Record<string, unknown>> {
    const response = await this.az.graph.request(ctx, {
      method: "GET",
      version: "v1.0",
      path: `${COLLECTION}/${objectId}`,
      expected: [200],
    });
    return isObject(response.body) ? response.body : {};
  }

  /** `conditionalAccessPolicyResourceRead`: undefined when Graph answers 404. */
  private async readPolicy(ctx: OperationContext, objectId: string): Promise<PropertyMap | undefined> {
    try {
      return flattenPolicy(await this.get(ctx, objectId));
    } catch (error) {
      if (wasNotFound(error)) return undefined;
      throw errorDiag(error, `retrieving ${policyIdText(objectId)}`, "id");
    }
  }

  private objectId(id: string): string {
    try {
      return parseResourceId(CONDITIONAL_ACCESS_POLICY_ID, id);
    } catch (error) {
      throw errorDiag(error, "Parsing Conditional Access Policy ID", "id");
    }
  }
}
