// Runs a consumer program (argv[2]) under Pulumi's mocks and prints what it declared as JSON:
// { resources: [{ type, name, inputs }], error }. Plain JavaScript, run from the consumer's
// directory, so every module comes from the consumer's node_modules.
"use strict";
const pulumi = require("@pulumi/pulumi");

const resources = [];
pulumi.runtime
  .setMocks(
    {
      newResource(args) {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: { ...args.inputs, objectId: `${args.name}-object-id` } };
      },
      call() {
        return {};
      },
    },
    "consumer",
    "dev",
    false,
  )
  .then(async () => {
    let error;
    try {
      const exported = require(require("node:path").resolve(process.argv[2]));
      await exported.tapPolicyId.promise();
      await require("@pulumi/pulumi/runtime/settings").waitForRPCs();
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    process.stdout.write(JSON.stringify({ resources, error }));
  });
