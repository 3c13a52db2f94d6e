/**
 * Lock-out what-if for "Register security information": evaluate a tenant's Conditional Access
 * policies for a persona offline, the way Entra combines them. Pure: no Pulumi, no I/O.
 */
export { evaluateRegistration } from "./evaluateRegistration";
export { standardPersonas, type StandardPersonasInput } from "./personas";
export {
  BUILT_IN_STRENGTHS,
  MFA_STRENGTH_ID,
  PASSWORDLESS_MFA_STRENGTH_ID,
  PHISHING_RESISTANT_MFA_STRENGTH_ID,
  TAP_MULTI_USE,
  TAP_ONE_TIME,
  allowsMode,
  builtInStrength,
  findStrength,
  normalizeStrengthId,
} from "./strengths";
export type {
  AuthenticationStrength,
  ConditionalAccessConditionSet,
  ConditionalAccessGrantControls,
  ConditionalAccessPolicyDocument,
  ConditionalAccessUsers,
  WhatIfAuthMethod,
  WhatIfPersona,
  WhatIfPolicyVerdict,
  WhatIfResult,
} from "./types";
