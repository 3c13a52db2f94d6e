import { registrationPolicyDisabled } from "./registrationPolicyDisabled";
import { registrationStrengthOffTrustedNetwork } from "./registrationStrengthOffTrustedNetwork";
import { registrationStrengthWithoutPass } from "./registrationStrengthWithoutPass";
import { registrationUnreachable } from "./registrationUnreachable";
import { registrationWithoutBreakGlass } from "./registrationWithoutBreakGlass";
import { tapDisabled } from "./tapDisabled";
import { tapForAllUsers } from "./tapForAllUsers";
import { tapLifetimeTooShort } from "./tapLifetimeTooShort";
import { tapLongLived } from "./tapLongLived";
import { tapSingleUse } from "./tapSingleUse";
import { tapTargetsNobody } from "./tapTargetsNobody";
import type { GuardrailRule } from "./types";
import { webSignInHybridDevices } from "./webSignInHybridDevices";
import { webSignInUnassigned } from "./webSignInUnassigned";

/** Every guardrail, in the order findings are reported. */
export const ALL_RULES: readonly GuardrailRule[] = [
  tapSingleUse,
  tapLifetimeTooShort,
  tapTargetsNobody,
  tapForAllUsers,
  tapDisabled,
  tapLongLived,
  registrationWithoutBreakGlass,
  registrationUnreachable,
  registrationPolicyDisabled,
  registrationStrengthWithoutPass,
  registrationStrengthOffTrustedNetwork,
  webSignInUnassigned,
  webSignInHybridDevices,
];
