/**
 * What a provider records when an operation changed the tenant and then failed (a "partial"
 * failure: an error carrying `id` and `properties`).
 *
 * Pulumi's dynamic-provider host stores those properties as the resource's outputs exactly as
 * given, and `read` and `delete` load the provider from `__provider` in the stored outputs. The
 * host adds `__provider` itself only to successful results (cmd/dynamic-provider/index.ts,
 * `resultIncludingProvider` vs `grpcResponseFromError`, @pulumi/pulumi 3.248), so without one every
 * later `refresh`, `preview --refresh`, `up --refresh` and `destroy` fails with "code must be a
 * string".
 *
 * The program's own serialized provider cannot be used there: the host sends the properties in
 * the gRPC status trailer (`grpc-status-details-bin`), and Node's HTTP/2 refuses header blocks over
 * 64 KB, while each provider serializes to about 80 KB; the response is then never delivered and
 * nothing is recorded. So a partial failure records a small loader instead, which takes the
 * provider class from this project's checkout (TypeScript, through ts-node, as Pulumi runs the
 * program). The next `pulumi up` updates the resource (a partial failure forces it) and stores the
 * program's provider again.
 */
import { providerVersionOf } from "./providerVersion";

/** The package whose root holds the provider sources (the loader finds it from the host's directory). */
const PACKAGE_NAME = "passwordless-onboarding";

/**
 * Provider code (the text `__provider` holds) that loads `exportName` from `modulePath` (relative
 * to the project root) and runs it with default options. The host runs in the program's `main`
 * directory (infra/), so the root is found by walking up to this package's package.json.
 */
export function checkoutProviderCode(modulePath: string, exportName: string): string {
  const target = JSON.stringify({ modulePath, exportName, packageName: PACKAGE_NAME });
  return `exports.handler = () => {
  const fs = require("fs");
  const path = require("path");
  const target = ${target};
  let root = process.cwd();
  for (;;) {
    const manifest = path.join(root, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === target.packageName) break;
    const parent = path.dirname(root);
    if (parent === root) throw new Error("cannot find the " + target.packageName + " project above " + process.cwd() + " to load " + target.exportName);
    root = parent;
  }
  if (!require.extensions[".ts"]) require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
  const Provider = require(path.join(root, target.modulePath))[target.exportName];
  return new Provider();
};
`;
}

/** `properties` plus the loader of the failed provider's class and the version from the inputs. */
export function withProviderCode(
  properties: Record<string, unknown>,
  inputs: Record<string, unknown>,
  providerCode: string,
): Record<string, unknown> {
  return { ...properties, ...providerVersionOf(inputs), __provider: providerCode };
}
