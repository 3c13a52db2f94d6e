// The same consumer in plain JavaScript (CommonJS).
"use strict";
const { PasswordlessOnboarding } = require("passwordless-onboarding");

const config = JSON.parse(process.env.CONSUMER_CONFIG || "{}");
const onboarding = new PasswordlessOnboarding("contoso", {
  config,
  connection: { tenantId: "0f0e0d0c-0b0a-4909-8807-060504030201", useOidc: true },
});
exports.tapPolicyId = onboarding.temporaryAccessPassPolicyId;
