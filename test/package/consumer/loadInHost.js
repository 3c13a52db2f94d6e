// Loads a serialized dynamic provider as Pulumi's dynamic-provider host does
// (@pulumi/pulumi cmd/dynamic-provider: requireFromString(text).handler()), in this process's
// working directory, and prints what its `check` answers for the inputs given.
"use strict";
const fs = require("node:fs");
const requireFromString = require("require-from-string");

const [textFile, inputsJson] = process.argv.slice(2);
const provider = requireFromString(fs.readFileSync(textFile, "utf8")).handler();
provider.check({}, JSON.parse(inputsJson)).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (error) => {
    process.stdout.write(JSON.stringify({ error: error.message }));
  },
);
