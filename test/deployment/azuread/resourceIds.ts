/**
 * The resource ids the provider uses and the parser errors it gives for malformed ones
 * (go-azure-helpers resourcemanager/resourceids parse.go, error_number_of_segments_didnt_match.go,
 * error_segment_not_specified.go; id types in go-azure-sdk microsoft-graph/common-types; all
 * vendored in terraform-provider-azuread @38d1993a).
 */

interface Segment {
  name: string;
  /** A fixed segment's literal, or undefined for the user-specified one. */
  fixed?: string;
}

export interface ResourceIdType {
  /** Type name without `Id`, e.g. `Group`, `PolicyAuthenticationStrengthPolicy`. */
  name: string;
  segments: readonly Segment[];
}

export const GROUP_ID: ResourceIdType = {
  name: "Group",
  segments: [{ name: "groups", fixed: "groups" }, { name: "groupId" }],
};

export const CONDITIONAL_ACCESS_POLICY_ID: ResourceIdType = {
  name: "IdentityConditionalAccessPolicy",
  segments: [
    { name: "identity", fixed: "identity" },
    { name: "conditionalAccess", fixed: "conditionalAccess" },
    { name: "policies", fixed: "policies" },
    { name: "conditionalAccessPolicyId" },
  ],
};

export const AUTHENTICATION_STRENGTH_POLICY_ID: ResourceIdType = {
  name: "PolicyAuthenticationStrengthPolicy",
  segments: [
    { name: "policies", fixed: "policies" },
    { name: "authenticationStrengthPolicies", fixed: "authenticationStrengthPolicies" },
    { name: "authenticationStrengthPolicyId" },
  ],
};

function expectedId(type: ResourceIdType): string {
  return `/${type.segments.map((s) => s.fixed ?? s.name).join("/")}`;
}

function describe(segment: Segment): string {
  return segment.fixed !== undefined
    ? `should be the literal value "${segment.fixed}"`
    : `should be the user specified value for this ${segment.name.replace(/Name$/, "")} [for example "${segment.name}"]`;
}

function segmentCountError(type: ResourceIdType, input: string, parsed: Record<string, string>): string {
  const description = type.segments.map((s, i) => `* Segment ${i} - this ${describe(s)}`).join("\n");
  const summary = type.segments
    .map((s, i) =>
      s.name in parsed ? `* Segment ${i} - parsed as "${parsed[s.name]}"` : `* Segment ${i} - not found`,
    )
    .join("\n");
  return `parsing the ${type.name} ID: the number of segments didn't match

Expected a ${type.name} ID that matched (containing ${type.segments.length} segments):

> ${expectedId(type)}

However this value was provided (which was parsed into ${Object.keys(parsed).length} segments):

> ${input}

The following Segments are expected:

${description}

The following Segments were parsed:

${summary}
`;
}

function segmentNotSpecifiedError(type: ResourceIdType, input: string, position: number): string {
  return `parsing the ${type.name} ID: the segment at position ${position} didn't match

Expected a ${type.name} ID that matched:

> ${expectedId(type)}

However this value was provided:

> ${input}

The parsed Resource ID was missing a value for the segment at position ${position}
(which ${describe(type.segments[position])}).

`;
}

/**
 * `Parse<Type>ID(input)`: the user-specified segment's value, or throws the SDK's error
 * (`parsing "<input>": <details>`).
 */
export function parseResourceId(type: ResourceIdType, input: string): string {
  const fail = (details: string): never => {
    throw new Error(`parsing ${JSON.stringify(input)}: ${details}`);
  };
  if (input === "") fail("cannot parse an empty string");
  const split = input.replace(/^\//, "").split("/");
  if (split.length < type.segments.length) fail(segmentCountError(type, input, {}));
  const parsed: Record<string, string> = {};
  let rest = input.replace(/^\//, "");
  type.segments.forEach((segment, i) => {
    const raw = split[i];
    if (segment.fixed !== undefined && raw !== segment.fixed) fail(segmentNotSpecifiedError(type, input, i));
    parsed[segment.name] = raw;
    rest = rest.slice(raw.length).replace(/^\//, "");
  });
  if (rest !== "")
    fail(
      `unexpected segment ${JSON.stringify(rest)} present at the end of the URI (input ${JSON.stringify(input)})`,
    );
  const value = parsed[type.segments[type.segments.length - 1].name];
  if (value === "") fail(segmentNotSpecifiedError(type, input, type.segments.length - 1));
  return value;
}

/** The id string of a resource (`/groups/<guid>` ...). */
export function formatResourceId(type: ResourceIdType, value: string): string {
  return `/${type.segments.map((s) => s.fixed ?? value).join("/")}`;
}
