/**
 * Intune settings-catalog policies (beta only): POST 201 without settings, GET with or without
 * `$expand=settings`, GET .../settings paged at 25, list with `$filter=name eq '...'` paged at
 * 25, PATCH 204 for metadata only (400 when `settings` is sent), PUT 204 replacing everything,
 * DELETE 204 (404 Intune NotFound when absent).
 */
import { randomUUID } from "node:crypto";
import { describeJson, expectStringArray, isObject, JsonObject, requireObjectBody } from "./bodies";
import { intuneBadRequest, intuneNotFound, odataBadRequest, SandboxGraphError } from "./graphErrors";
import { applyFilter, applySelect, page, parseTop } from "./odata";
import type { GraphRequest, Route } from "./router";
import { normalizeSettings } from "./settingInstances";
import { graphTimestamp, SandboxState, StoredConfigurationPolicy } from "./state";

export const POLICIES_TEMPLATE = "/deviceManagement/configurationPolicies";
export const POLICY_TEMPLATE = "/deviceManagement/configurationPolicies/{id}";
export const INTUNE_READ = [
  ["DeviceManagementConfiguration.Read.All"],
  ["DeviceManagementConfiguration.ReadWrite.All"],
];
export const INTUNE_WRITE = [["DeviceManagementConfiguration.ReadWrite.All"]];
export const PAGE_SIZE = 25;

const ENTITY_TYPE = "microsoft.management.services.api.deviceManagementConfigurationPolicy";
const PLATFORMS = [
  "none",
  "android",
  "iOS",
  "macOS",
  "windows10X",
  "windows10",
  "linux",
  "unknownFutureValue",
  "androidEnterprise",
  "aosp",
  "visionOS",
  "tvOS",
];
const TECHNOLOGIES = [
  "none",
  "mdm",
  "windows10XManagement",
  "configManager",
  "intuneManagementExtension",
  "thirdParty",
  "documentGateway",
  "appleRemoteManagement",
  "microsoftSense",
  "exchangeOnline",
  "mobileApplicationManagement",
  "linuxMdm",
  "enrollment",
  "endpointPrivilegeManagement",
  "unknownFutureValue",
  "windowsOsRecovery",
  "android",
  "extensibility",
];
const METADATA = ["name", "description", "platforms", "technologies", "roleScopeTagIds", "templateReference"];
/** Server-managed properties a client may echo back; ignored on write. */
const READ_ONLY = [
  "id",
  "createdDateTime",
  "lastModifiedDateTime",
  "settingCount",
  "creationSource",
  "isAssigned",
  "priorityMetaData",
  "disableEntraGroupPolicyAssignment",
];

function checkFlags(value: unknown, members: readonly string[], property: string): string {
  if (typeof value !== "string" || value === "")
    throw intuneBadRequest(
      `${property} is required: a comma-separated list of ${members.join(", ")}; found ${describeJson(value)}.`,
    );
  for (const flag of value.split(",")) {
    if (!members.includes(flag.trim()))
      throw intuneBadRequest(
        `${property}: '${flag.trim()}' is not a member of ${property === "platforms" ? "deviceManagementConfigurationPlatforms" : "deviceManagementConfigurationTechnologies"}.`,
      );
  }
  return value;
}

function templateReference(value: unknown): JsonObject {
  if (value !== undefined && value !== null && !isObject(value))
    throw intuneBadRequest(`templateReference must be an object, found ${describeJson(value)}.`);
  const templateId = isObject(value) ? (value.templateId ?? "") : "";
  if (templateId !== "") {
    throw intuneBadRequest(
      `templateReference.templateId '${JSON.stringify(templateId)}' is not a template the sandbox knows; only plain settings-catalog policies (templateId "") are supported.`,
    );
  }
  return { templateId: "", templateFamily: "none", templateDisplayName: null, templateDisplayVersion: null };
}

function rejectUnknown(body: JsonObject, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (key.includes("@") || allowed.includes(key) || READ_ONLY.includes(key)) continue;
    throw odataBadRequest(
      `The property '${key}' does not exist on type '${ENTITY_TYPE}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    );
  }
}

function metadataFrom(body: JsonObject): JsonObject {
  if (typeof body.name !== "string" || body.name.trim() === "")
    throw intuneBadRequest(
      `name is required and must be a non-empty string; found ${describeJson(body.name)}.`,
    );
  if (body.description !== undefined && body.description !== null && typeof body.description !== "string")
    throw intuneBadRequest(`description must be a string; found ${describeJson(body.description)}.`);
  return {
    name: body.name,
    description: body.description ?? "",
    platforms: checkFlags(body.platforms, PLATFORMS, "platforms"),
    technologies: checkFlags(body.technologies, TECHNOLOGIES, "technologies"),
    roleScopeTagIds:
      body.roleScopeTagIds === undefined
        ? ["0"]
        : [...expectStringArray(body.roleScopeTagIds, "roleScopeTagIds")],
    templateReference: templateReference(body.templateReference),
  };
}

/** A stored policy from a POST body (or a seed): properties in the order Intune returns them. */
export function createConfigurationPolicy(body: unknown, now: Date): StoredConfigurationPolicy {
  const input = requireObjectBody(body, ENTITY_TYPE);
  rejectUnknown(input, [...METADATA, "settings"]);
  const metadata = metadataFrom(input);
  const settings = normalizeSettings(input.settings);
  const stamp = graphTimestamp(now);
  const policy: JsonObject = {
    id: randomUUID(),
    name: metadata.name,
    description: metadata.description,
    platforms: metadata.platforms,
    technologies: metadata.technologies,
    createdDateTime: stamp,
    lastModifiedDateTime: stamp,
    settingCount: settings.length,
    creationSource: null,
    roleScopeTagIds: metadata.roleScopeTagIds,
    templateReference: metadata.templateReference,
    priorityMetaData: null,
  };
  return { policy, settings, assignments: [] };
}

/** PUT: replaces metadata and the whole settings collection (assignments are kept). */
export function replaceConfigurationPolicy(
  stored: StoredConfigurationPolicy,
  body: unknown,
  now: Date,
): void {
  const input = requireObjectBody(body, ENTITY_TYPE);
  rejectUnknown(input, [...METADATA, "settings"]);
  const metadata = metadataFrom(input);
  const settings = normalizeSettings(input.settings);
  stored.policy = {
    ...stored.policy,
    ...metadata,
    settingCount: settings.length,
    lastModifiedDateTime: graphTimestamp(now),
  };
  stored.settings = settings;
}

/** PATCH: metadata only. */
export function patchConfigurationPolicy(stored: StoredConfigurationPolicy, body: unknown, now: Date): void {
  const input = requireObjectBody(body, ENTITY_TYPE);
  if (input.settings !== undefined) {
    throw new SandboxGraphError(
      400,
      "BadRequest",
      `Cannot apply PATCH to navigation property 'settings' on entity type '${ENTITY_TYPE}'`,
    );
  }
  rejectUnknown(input, METADATA);
  const next = { ...stored.policy };
  if (input.name !== undefined) {
    if (typeof input.name !== "string" || input.name.trim() === "")
      throw intuneBadRequest(`name must be a non-empty string; found ${describeJson(input.name)}.`);
    next.name = input.name;
  }
  if (input.description !== undefined) {
    if (input.description !== null && typeof input.description !== "string")
      throw intuneBadRequest(`description must be a string; found ${describeJson(input.description)}.`);
    next.description = input.description ?? "";
  }
  if (input.roleScopeTagIds !== undefined)
    next.roleScopeTagIds = [...expectStringArray(input.roleScopeTagIds, "roleScopeTagIds")];
  for (const fixed of ["platforms", "technologies"]) {
    if (input[fixed] !== undefined && input[fixed] !== next[fixed]) {
      throw intuneBadRequest(
        `${fixed} cannot be changed on an existing policy (is ${JSON.stringify(next[fixed])}, PATCH asked for ${JSON.stringify(input[fixed])}).`,
      );
    }
  }
  if (input.templateReference !== undefined) templateReference(input.templateReference);
  next.lastModifiedDateTime = graphTimestamp(now);
  stored.policy = next;
}

export function notFoundPolicy(id: string): SandboxGraphError {
  return intuneNotFound(`Resource not found: configurationPolicies('${id}') does not exist.`);
}

export function findPolicy(state: SandboxState, id: string): StoredConfigurationPolicy {
  const stored = state.configurationPolicies.get(id.toLowerCase());
  if (!stored) throw notFoundPolicy(id);
  return stored;
}

function metadataUrl(request: Pick<GraphRequest, "origin">): string {
  return `${request.origin}/beta/$metadata`;
}

export function assignmentsContext(request: Pick<GraphRequest, "origin">, id: string): string {
  return `${metadataUrl(request)}#deviceManagement/configurationPolicies('${id}')/assignments`;
}

function parseExpand(expand: string | undefined): Set<string> {
  const wanted = new Set<string>();
  if (expand === undefined || expand.trim() === "") return wanted;
  for (const raw of expand.split(",")) {
    const name = raw.trim().toLowerCase();
    if (name !== "settings" && name !== "assignments") {
      throw odataBadRequest(
        `Could not find a property named '${raw.trim()}' on type '${ENTITY_TYPE}' to expand (the sandbox expands settings and assignments).`,
      );
    }
    wanted.add(name);
  }
  return wanted;
}

/** A policy as GET returns it: `isAssigned` only when selected, navigations only when expanded. */
function render(stored: StoredConfigurationPolicy, request: GraphRequest): JsonObject {
  const id = String(stored.policy.id);
  const select = request.query.$select;
  let body: JsonObject = structuredClone(stored.policy);
  if (select !== undefined && select.split(",").some((s) => s.trim().toLowerCase() === "isassigned"))
    body.isAssigned = stored.assignments.length > 0;
  body = applySelect(body, select);
  const expand = parseExpand(request.query.$expand);
  if (expand.has("settings")) {
    body["settings@odata.context"] =
      `${metadataUrl(request)}#deviceManagement/configurationPolicies('${id}')/settings`;
    body.settings = structuredClone(stored.settings);
  }
  if (expand.has("assignments")) {
    body["assignments@odata.context"] = assignmentsContext(request, id);
    body.assignments = structuredClone(stored.assignments);
  }
  return body;
}

function filterable(stored: StoredConfigurationPolicy): JsonObject {
  return { ...stored.policy, isAssigned: stored.assignments.length > 0 };
}

export function configurationPolicyRoutes(state: SandboxState): Route[] {
  const beta = ["beta"] as const;
  return [
    {
      method: "GET",
      template: POLICIES_TEMPLATE,
      versions: beta,
      permissions: INTUNE_READ,
      handle: (request) => {
        const now = Date.now();
        const all = [...state.configurationPolicies.values()].filter(
          (stored) => stored.listedFrom === undefined || stored.listedFrom <= now,
        );
        const kept = new Set(
          applyFilter(all.map(filterable), request.query.$filter, intuneBadRequest).map((p) => p.id),
        );
        const items = all.filter((stored) => kept.has(stored.policy.id));
        const top = parseTop(request.query.$top);
        const result = page(items, Math.min(top ?? PAGE_SIZE, PAGE_SIZE), request);
        return {
          status: 200,
          body: {
            "@odata.context": `${metadataUrl(request)}#deviceManagement/configurationPolicies`,
            value: result.value.map((stored) => render(stored, request)),
            ...(result.nextLink ? { "@odata.nextLink": result.nextLink } : {}),
          },
        };
      },
    },
    {
      method: "POST",
      template: POLICIES_TEMPLATE,
      versions: beta,
      permissions: INTUNE_WRITE,
      handle: (request) => {
        const stored = createConfigurationPolicy(request.body, state.now());
        if (state.profileListLagMs > 0) stored.listedFrom = Date.now() + state.profileListLagMs;
        state.configurationPolicies.set(String(stored.policy.id), stored);
        return {
          status: 201,
          body: {
            "@odata.context": `${metadataUrl(request)}#deviceManagement/configurationPolicies/$entity`,
            ...structuredClone(stored.policy),
          },
        };
      },
    },
    {
      method: "GET",
      template: POLICY_TEMPLATE,
      versions: beta,
      permissions: INTUNE_READ,
      handle: (request) => {
        const stored = findPolicy(state, request.params.id);
        const expanded = request.query.$expand !== undefined && request.query.$expand.trim() !== "";
        const context = expanded
          ? `${metadataUrl(request)}#deviceManagement/configurationPolicies(${[...parseExpand(request.query.$expand)].map((n) => `${n}()`).join(",")})/$entity`
          : `${metadataUrl(request)}#deviceManagement/configurationPolicies/$entity`;
        return { status: 200, body: { "@odata.context": context, ...render(stored, request) } };
      },
    },
    {
      method: "GET",
      template: `${POLICY_TEMPLATE}/settings`,
      versions: beta,
      permissions: INTUNE_READ,
      handle: (request) => {
        const stored = findPolicy(state, request.params.id);
        const result = page(stored.settings, PAGE_SIZE, request);
        return {
          status: 200,
          body: {
            "@odata.context": `${metadataUrl(request)}#deviceManagement/configurationPolicies('${String(stored.policy.id)}')/settings`,
            value: structuredClone(result.value),
            ...(result.nextLink ? { "@odata.nextLink": result.nextLink } : {}),
          },
        };
      },
    },
    {
      method: "PATCH",
      template: POLICY_TEMPLATE,
      versions: beta,
      permissions: INTUNE_WRITE,
      handle: (request) => {
        patchConfigurationPolicy(findPolicy(state, request.params.id), request.body, state.now());
        return { status: 204 };
      },
    },
    {
      method: "PUT",
      template: POLICY_TEMPLATE,
      versions: beta,
      permissions: INTUNE_WRITE,
      handle: (request) => {
        replaceConfigurationPolicy(findPolicy(state, request.params.id), request.body, state.now());
        return { status: 204 };
      },
    },
    {
      method: "DELETE",
      template: POLICY_TEMPLATE,
      versions: beta,
      permissions: INTUNE_WRITE,
      handle: (request) => {
        const stored = findPolicy(state, request.params.id);
        state.configurationPolicies.delete(String(stored.policy.id));
        return { status: 204 };
      },
    },
  ];
}
