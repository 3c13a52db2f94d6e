/**
 * The provider code Pulumi stores in state: a small entry that loads the project's provider class
 * from the checkout when the dynamic-provider host first needs it, instead of the whole provider
 * serialized by value (about 80 KB per provider, 1 s to serialize).
 *
 * The entry is module text made here, not by Pulumi's closure serializer: `thinEntry` captures
 * nothing, so its own source (`Function.prototype.toString`) called with the target as JSON is the
 * whole entry. The host only runs `requireFromString(text).handler()` (pulumi/pulumi
 * sdk/nodejs/cmd/dynamic-provider/index.ts), however the text was made; skipping the serializer
 * saves its first-use cost in every program run (an inspector session and a parser, about half a
 * second) and 40-70 ms per provider. dynamicResource.ts gives the text to the engine.
 *
 * The host runs in the program's `main` directory (infra/), without ts-node, and loads the entry
 * from its text (`require-from-string`: no file name, so relative requires and `__dirname` are
 * useless). The entry finds the project root by walking up from its working directory to the
 * package.json named `passwordless-onboarding`, and has `infra/providers/hostLoader.js` there
 * load the provider class (transpiling the TypeScript, with a cache). In a program that installed
 * the package instead, it finds the package from its working directory and loads the compiled
 * JavaScript under the package's `dist/` the same way. It keeps one instance per
 * class and options on `globalThis`, so the three providers share one Graph layer in a process.
 *
 * The contract is frozen: the entry requires `<root>/infra/providers/hostLoader.js`, calls its
 * `loadProvider(root, { modulePath, exportName, options, packageName })`, and forwards every method's
 * arguments unchanged to the instance's method of the same name, so the entry never has to change
 * when the providers do. `refresh` and `destroy` therefore run the checkout's current code,
 * whatever version wrote the state (until 8b9be89 the program stored the same entry as the
 * closure serializer printed it); each release's providers must read every state an earlier one wrote.
 * Without the project directory (and its node_modules) the host cannot load the providers, and the
 * operation fails naming it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { GraphProviderOptions } from "./graphProviderOptions";

/** Where a provider class lives: a module path relative to the project root, and its export. */
export interface ProviderClassLocation {
  modulePath: string;
  exportName: string;
}

type Props = Record<string, unknown>;

const PACKAGE_NAME = "passwordless-onboarding";

/** What the entry loads: a provider class, its options and the package it belongs to (plain data). */
interface EntryTarget extends ProviderClassLocation {
  options: GraphProviderOptions;
  packageName: string;
}

/**
 * The entry itself. It runs in the host from its source text, so it must capture nothing: only
 * its parameter, globals and `require`.
 */
function thinEntry(target: EntryTarget): pulumi.dynamic.ResourceProvider {
  const load = (): pulumi.dynamic.ResourceProvider & Record<string, unknown> => {
    const fs = require("fs") as typeof import("fs");
    const path = require("path") as typeof import("path");
    const key = JSON.stringify(target);
    const cache = ((globalThis as Record<string, unknown>).__passwordlessOnboardingProviders ??=
      {}) as Record<string, pulumi.dynamic.ResourceProvider & Record<string, unknown>>;
    if (cache[key] !== undefined) return cache[key];
    let root: string | undefined = process.cwd();
    for (;;) {
      const manifest = path.join(root, "package.json");
      if (fs.existsSync(manifest)) {
        const { name } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: unknown };
        if (name === target.packageName) break;
      }
      const parent = path.dirname(root);
      if (parent === root) {
        root = undefined;
        break;
      }
      root = parent;
    }
    if (root === undefined) {
      // Not this project's checkout: a program that installed the package runs its compiled build.
      try {
        const manifest = require.resolve(`${target.packageName}/package.json`, { paths: [process.cwd()] });
        root = path.join(path.dirname(manifest), "dist");
      } catch {
        throw new Error(
          `Cannot load the ${target.exportName} provider: no ${target.packageName} project (package.json) ` +
            `in ${process.cwd()} or above it, and no ${target.packageName} package installed there. Run pulumi ` +
            "in the program's directory, with its dependencies installed (npm ci).",
        );
      }
    }
    const loader = require(path.join(root, "infra/providers/hostLoader.js")) as {
      loadProvider(
        root: string,
        location: EntryTarget,
      ): pulumi.dynamic.ResourceProvider & Record<string, unknown>;
    };
    cache[key] = loader.loadProvider(root, target);
    return cache[key];
  };
  return {
    configure: (request: pulumi.dynamic.ConfigureRequest) => load().configure!(request),
    check: (olds: Props, news: Props) => load().check!(olds, news),
    diff: (id: string, olds: Props, news: Props) => load().diff!(id, olds, news),
    create: (inputs: Props) => load().create(inputs),
    read: (id: string, props?: Props) => load().read!(id, props),
    update: (id: string, olds: Props, news: Props) => load().update!(id, olds, news),
    delete: (id: string, props: Props) => load().delete!(id, props),
  };
}

const texts = new Map<string, string>();

/**
 * The entry's module text for a class and options, as the engine stores it in `__provider`:
 * `exports.handler` returns the entry, as the host expects. The same text for equal arguments.
 */
export function thinProviderText(
  location: ProviderClassLocation,
  options: GraphProviderOptions | undefined,
): string {
  const target: EntryTarget = { ...location, options: options ?? {}, packageName: PACKAGE_NAME };
  const key = JSON.stringify(target);
  let text = texts.get(key);
  if (text === undefined) {
    text = `exports.handler = function () {\n  return (${thinEntry.toString()})(${key});\n};\n`;
    texts.set(key, text);
  }
  return text;
}
