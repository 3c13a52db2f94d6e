/**
 * The `pulumi-nodejs` plugin processes for the offline engine's operations. The engine gives
 * every operation a fresh plugin process, started through the `pulumi-resource-pulumi-nodejs`
 * shim in the program's `main` directory (infra/ for this project, examples/fleet/ for the fleet
 * example: project.ts) with the CLI's environment plus the variables the engine adds (pulumi/pulumi
 * plugin.go, provider_plugin.go @ v3.248.0). The directory matters to the stored provider code: it
 * finds the project by walking up from its working directory (infra/providers/thinProvider.ts).
 * The pool does the same, but starts processes ahead, so their start-up (about a second of loading
 * `@pulumi/pulumi`) overlaps earlier operations instead of adding to each. A process is used by one operation only.
 * Unlike the CLI's, these processes wait 100 times less for Graph (fastWaits.js).
 */
import * as path from "node:path";
import { ProviderHost } from "../../engine/providerHost";
import { programDirectory, ROOT_PROJECT, type ProgramProject } from "./project";

/** Makes the hosts' Graph waits 100 times shorter (see fastWaits.js). */
const FAST_WAITS = path.join(__dirname, "fastWaits.js");

/** Processes kept started beyond the one an operation takes. */
const STARTED_AHEAD = 2;

export class HostPool {
  private readonly starting: Promise<ProviderHost>[] = [];

  /**
   * @param connectionEnv The Graph connection settings (and anything else) the CLI's environment would hold.
   * @param project The program whose plugins these are (default this repository's).
   */
  constructor(
    private readonly connectionEnv: Record<string, string>,
    private readonly project: ProgramProject = ROOT_PROJECT,
  ) {}

  /** A started host no other operation has used; the caller configures and stops it. */
  take(): Promise<ProviderHost> {
    while (this.starting.length < STARTED_AHEAD + 1) {
      const host = this.start();
      host.catch(() => undefined);
      this.starting.push(host);
    }
    return this.starting.shift() as Promise<ProviderHost>;
  }

  /** Stops the processes started ahead. */
  async dispose(): Promise<void> {
    const pending = this.starting.splice(0);
    await Promise.all(pending.map(async (host) => (await host.catch(() => undefined))?.stop()));
  }

  private start(): Promise<ProviderHost> {
    return ProviderHost.start({
      viaShim: true,
      cwd: programDirectory(this.project),
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        ...this.connectionEnv,
        ...Object.fromEntries(
          Object.entries(this.project.runtimeOptions).map(([key, value]) => [
            `PULUMI_RUNTIME_${key.toUpperCase()}`,
            value,
          ]),
        ),
        PULUMI_NODEJS_PROJECT: this.project.name,
        PULUMI_PROJECT: this.project.name,
        PULUMI_CONFIG: "{}",
        NODE_OPTIONS: `--require ${JSON.stringify(FAST_WAITS)}`,
      },
    });
  }
}
