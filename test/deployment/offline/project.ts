/**
 * The Pulumi project the offline engine runs: its name (in every URN, and PULUMI_PROJECT of the
 * plugins), its main module, and the runtime options of its Pulumi.yaml. The CLI starts the program
 * and every plugin in the main module's directory (pkg/engine/project.go:45-72 `getPwdMain`,
 * sdk/go/common/resource/plugin/plugin.go:599 @ v3.248.0) and passes each `runtime.options` key to
 * the plugins as PULUMI_RUNTIME_<KEY> (provider_plugin.go:240-258).
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PROJECT_NAME, REPO_ROOT } from "../../program/runProgram";

export interface ProgramProject {
  name: string;
  /** The main module (absolute), loaded afresh for every run. */
  main: string;
  /** Pulumi.yaml's `runtime.options`, as text. */
  runtimeOptions: Record<string, string>;
}

/**
 * This repository's project. Its Pulumi.yaml names infra/index.js, a JavaScript entry that loads
 * infra/index.ts; the offline engine loads the TypeScript directly (the test process runs ts-node).
 */
export const ROOT_PROJECT: ProgramProject = {
  name: PROJECT_NAME,
  main: path.join(REPO_ROOT, "infra", "index.ts"),
  runtimeOptions: { typescript: "true", packagemanager: "npm" },
};

/** The directory the CLI runs the program and its plugins in. */
export function programDirectory(project: ProgramProject): string {
  return path.dirname(project.main);
}

/** The project in `directory`, from its Pulumi.yaml (`main` must name a file). */
export function readProject(directory: string): ProgramProject {
  const file = path.join(directory, "Pulumi.yaml");
  const document = parse(readFileSync(file, "utf8")) as {
    name?: unknown;
    main?: unknown;
    runtime?: { options?: Record<string, unknown> } | string;
  };
  if (typeof document.name !== "string") throw new Error(`${file}: no project name`);
  const main = path.resolve(directory, typeof document.main === "string" ? document.main : "index.ts");
  if (!existsSync(main)) throw new Error(`${file}: the main module ${main} does not exist`);
  const options = typeof document.runtime === "object" ? (document.runtime.options ?? {}) : {};
  return {
    name: document.name,
    main,
    runtimeOptions: Object.fromEntries(Object.entries(options).map(([key, value]) => [key, String(value)])),
  };
}
