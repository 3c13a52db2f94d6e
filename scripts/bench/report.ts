/** Turns the measurements into Markdown sections, each row with the command that measures it. */
import type { FirstUseFigures } from "./firstUse";
import type { FloorFigures } from "./floor";
import { isShaped, type LifecycleResult, type OperationFigure, type RequestCounts } from "./lifecycle";
import type { Section } from "./markdown";
import type { NpmTestResult } from "./npmTest";
import { modeCommand, type ProgramPhaseResult } from "./programPhase";
import { PROVIDERS } from "./providers";
import type { SerializationResult } from "./serialization";
import type { SettingsReadFigure } from "./settingsReads";
import { formatBytes, formatMs, formatRatio } from "./stats";

export const BENCH_COMMAND = "npm run bench";

/** The command that re-measures one section. */
export function sectionCommand(section: string, extra = ""): string {
  return `\`${BENCH_COMMAND} -- --only ${section}${extra}\``;
}

export function programPhaseSection(results: readonly ProgramPhaseResult[], runs: number): Section {
  const reference = results.find((result) => result.mode.key === "typecheck");
  const ms = (figures: readonly number[]): string =>
    figures.map((value) => Math.round(value).toLocaleString("en-US")).join(", ") + " ms";
  return {
    title: "1. Program phase of `preview` (Pulumi.dev.yaml, no Graph)",
    description: [
      "The program runs under the SDK's own language runtime (`@pulumi/pulumi/cmd/run`, spawned with the " +
        "arguments and environment the CLI's Node.js language host passes: `--pwd infra/`, `--dry-run`, " +
        "`PULUMI_CONFIG`, `PULUMI_NODEJS_TYPESCRIPT=true`), talking gRPC to a resource monitor and an engine " +
        "on 127.0.0.1 (`test/engine/languageRuntime.ts`). **Program phase**: from the runtime setting the root " +
        "stack resource (it runs the program right after) to the program's last resource registration: " +
        "loading the program and its modules (`@pulumi/pulumi`, `@pulumi/azuread`), reading the config, " +
        "serializing the providers, registering. **Runtime start**: spawn to that instant, the same for any " +
        "program. **Minimal program**: a program that imports `@pulumi/pulumi` and registers one component, " +
        `in the same mode: what any TypeScript program pays. Median of ${runs} runs per mode, modes interleaved.`,
      "**Reports type errors**: a one-line program with a type error run in that mode; yes when it failed with TS2322.",
    ],
    headers: [
      "Mode",
      "Reports type errors",
      "Program phase (median)",
      "Program phase, runs",
      "vs type-checked",
      "Runtime start (median)",
      "Spawn → last registration (median)",
      "Minimal program: program phase / spawn → last",
      "Command",
    ],
    rows: results.map((result) => [
      result.mode.label,
      result.reportsTypeErrors ? "yes" : "no",
      formatMs(result.median.programMs),
      ms(result.runs.map((run) => run.programMs)),
      reference === undefined || reference === result
        ? "—"
        : formatRatio(result.median.programMs, reference.median.programMs),
      formatMs(result.median.runtimeStartMs),
      formatMs(result.median.wholeMs),
      `${formatMs(result.minimal.programMs)} / ${formatMs(result.minimal.wholeMs)}`,
      `\`${modeCommand(result.mode)}\``,
    ]),
    notes: [
      ...results
        .filter((result) => result.mode.transpileOnlyEnv === "false" && !result.reportsTypeErrors)
        .map(
          (result) =>
            `${result.mode.label}: ts-node is registered without transpileOnly, yet no type error is reported, ` +
            "because `noCheck: true` still reaches ts-node as a compiler option and its language service then " +
            "reports no semantic errors; ts-node compiles through the language service (slower) without checking.",
        ),
      `Registered in every run: ${results[0]?.registered.length ?? 0} resources (${(results[0]?.registered ?? []).map((r) => r.split("::")[1]).join(", ")}), the root stack included.`,
    ],
  };
}

export function serializationSection(result: SerializationResult): Section {
  const command = sectionCommand("serialization");
  const byValue = new Map(
    result.figures.filter((f) => f.form === "class instance by value").map((f) => [f.provider, f]),
  );
  const rows = result.figures.map((figure) => {
    const spec = PROVIDERS.find((p) => p.label === figure.provider)!;
    const old = byValue.get(figure.provider);
    const thin = figure.form === "thin entry";
    const programBytes = result.programBytes[spec.type];
    return [
      figure.provider,
      thin
        ? "thin entry text (`thinProviderText`), as the program stores it"
        : "class instance by value (before)",
      formatBytes(figure.bytes),
      thin ? (programBytes === undefined ? "missing" : formatBytes(programBytes)) : "—",
      formatMs(figure.firstMs),
      `${formatMs(figure.cachedMs)}${figure.cacheHit ? "" : " (no cache hit)"}`,
      thin && old !== undefined ? formatRatio(figure.bytes, old.bytes) : "—",
      thin && old !== undefined ? formatRatio(figure.firstMs, old.firstMs) : "—",
      command,
    ];
  });
  rows.unshift([
    "(serializer start-up)",
    "first `serializeFunction` in the process (a trivial function); the program no longer calls it",
    "—",
    "—",
    formatMs(result.warmUpMs),
    "—",
    "—",
    "—",
    command,
  ]);
  return {
    title: "2. Provider serialization",
    description: [
      "In one fresh worker process. The resource classes store the thin entry's text made by " +
        "`thinProviderText` (infra/providers/thinProvider.ts), without Pulumi's closure serializer: " +
        "**First** is the first call for the class, **Cached** a second one (the same text). For the " +
        "class instance by value (how the providers were stored before), after the serializer's " +
        "start-up: **First** is `test/engine/serializeProvider.ts` (what `pulumi.dynamic.Resource` " +
        "runs) on a provider object not serialized before; **Cached** a second `new " +
        "pulumi.dynamic.Resource` with the same provider object, timed until its `__provider` text is " +
        "available (Pulumi's per-object cache returns the first resource's Output, checked). **In " +
        "program**: UTF-8 size of `__provider` of the real program's resources (Pulumi.dev.yaml under " +
        "mocks).",
    ],
    headers: [
      "Provider",
      "Serialized",
      "Bytes",
      "In program",
      "First",
      "Cached",
      "Bytes ÷ by value",
      "First ÷ by value",
      "Command",
    ],
    rows,
  };
}

const CREDENTIALS: { key: LifecycleResult["input"]["credential"]; label: string }[] = [
  { key: "secret", label: "client secret" },
  { key: "oidc-token", label: "ARM_OIDC_TOKEN" },
  { key: "github-oidc", label: "GitHub Actions OIDC" },
];

function sum(figures: readonly OperationFigure[]): RequestCounts {
  return figures.reduce(
    (total, f) => ({
      graph: total.graph + f.graph,
      signIn: total.signIn + f.signIn,
      token: total.token + f.token,
      idToken: total.idToken + f.idToken,
    }),
    { graph: 0, signIn: 0, token: 0, idToken: 0 },
  );
}

function tokenCell(counts: RequestCounts): string {
  const discovery = counts.signIn - counts.token;
  return discovery > 0 ? `${counts.token} (+${discovery} discovery)` : String(counts.token);
}

export function requestsSection(results: readonly LifecycleResult[]): Section {
  const byCredential = CREDENTIALS.map(({ key, label }) => {
    const result = results.find((r) => r.input.credential === key && !isShaped(r.input));
    if (result === undefined) throw new Error(`no ${key} lifecycle`);
    return { label, result };
  });
  const command = sectionCommand("requests");
  const row = (
    label: string,
    operation: string,
    pick: (ops: readonly OperationFigure[]) => OperationFigure[],
  ) => {
    const counts = byCredential.map(({ result }) => sum(pick(result.operations)));
    const graphs = [...new Set(counts.map((c) => c.graph))];
    return [
      label,
      operation,
      graphs.length === 1 ? String(graphs[0]) : counts.map((c) => c.graph).join(" / "),
      ...counts.map(tokenCell),
      String(counts[2].idToken),
      command,
    ];
  };
  const rows: string[][] = [];
  for (const spec of PROVIDERS) {
    for (const operation of ["create", "read", "update", "delete"] as const) {
      rows.push(
        row(spec.label, operation, (ops) =>
          ops.filter((o) => o.provider === spec.key && o.operation === operation),
        ),
      );
    }
  }
  rows.push(
    row("all three", "check ×6, diff ×3", (ops) =>
      ops.filter((o) => o.operation === "check" || o.operation === "diff"),
    ),
  );
  rows.push(row("**lifecycle**", "all of the above", (ops) => [...ops]));
  const notes = byCredential.flatMap(({ label, result }) =>
    result.unsuccessful.length > 0 ? [`${label}: answers ≥ 300: ${result.unsuccessful.join(", ")}`] : [],
  );
  return {
    title: "3. Requests per operation and per lifecycle (three providers, one process)",
    description: [
      "One fresh worker process per credential runs the provider classes directly " +
        "(fast retry options) against the Graph sandbox, with the sandbox's connection in " +
        "`process.env`, strictly one operation after the other: `up` (check, create: TAP, profile, " +
        "assignment), `refresh` (read), a changed `up` (check, diff, update) and `destroy` (delete, " +
        "reverse order). Token requests are POSTs to the token endpoint; discovery is the " +
        "OpenID configuration GET. GitHub Actions OIDC uses a fake id-token service on 127.0.0.1.",
    ],
    headers: [
      "Provider",
      "Operation",
      "Graph requests",
      ...byCredential.map(({ label }) => `Token requests (${label})`),
      "id-token fetches (GitHub Actions OIDC)",
      "Command",
    ],
    rows,
    notes: notes.length > 0 ? notes : ["Every answer was a success (no retry, no lookup after a failure)."],
  };
}

export function latencySection(
  delayed: LifecycleResult,
  delayedFirst: LifecycleResult,
  undelayed: LifecycleResult,
  floors: readonly FloorFigures[],
  firstUse: FirstUseFigures,
): Section {
  const floor = floors.find((figures) => figures.transport === "fetch");
  const httpsFloor = floors.find((figures) => figures.transport === "https");
  const delayMs = delayed.input.latencyMs ?? 0;
  const requests = delayed.totals.graph + delayed.totals.signIn;
  const critical = delayMs * requests;
  const command = sectionCommand("latency");
  const signInCount = delayed.totals.signIn;
  const first = delayed.operations.find((operation) => operation.graph + operation.signIn > 0);
  const firstClientMs = first?.clientMs ?? 0;
  const firstRequests = first === undefined ? 0 : first.graph + first.signIn;
  const restClientMs = delayed.inFlight.betweenMs - firstClientMs;
  const rows: string[][] = [
    [
      "Requests on the critical path (Graph + sign-in; all sequential)",
      `${requests} (${delayed.totals.graph} Graph + ${signInCount} sign-in)`,
      command,
    ],
    [
      "Requests the latency shaped",
      `${delayed.delayed.graph} of ${delayed.totals.graph} Graph, ${delayed.delayed.signIn} of ${signInCount} sign-in`,
      command,
    ],
    [`${delayMs} ms × critical-path requests`, formatMs(critical), command],
    [`Lifecycle wall time, ${delayMs} ms latency on every request`, formatMs(delayed.wallMs), command],
    ["**Ratio** wall time ÷ (latency × requests)", formatRatio(delayed.wallMs, critical), command],
    ...(floor === undefined
      ? []
      : [
          [
            `**Floor**: the same ${floor.requests} requests from a bare fetch client in a fresh worker, same latency (\`floor.ts\`)`,
            `${formatMs(floor.wallMs)} (${formatRatio(floor.wallMs, critical)} of ${delayMs} ms × requests)`,
            command,
          ],
          [
            "**The providers' own share** (lifecycle wall − floor) ÷ (latency × requests)",
            formatRatio(delayed.wallMs - floor.wallMs, critical),
            command,
          ],
        ]),
    ...(httpsFloor === undefined
      ? []
      : [
          [
            `**Harness floor**: the same ${httpsFloor.requests} requests over \`node:https\` (one keep-alive agent, nothing to load), fresh worker, same latency`,
            `${formatMs(httpsFloor.wallMs)} (${formatRatio(httpsFloor.wallMs, critical)} of ${delayMs} ms × requests)`,
            command,
          ],
        ]),
    [
      `Wall time beyond the injected latency (wall − ${delayMs} ms × requests)`,
      formatMs(delayed.wallMs - critical),
      command,
    ],
    [
      `Time with a request in flight (the ${delayMs} ms, TLS handshakes, handling that outlasted the ${delayMs} ms)`,
      `${formatMs(delayed.inFlight.inFlightMs)} over ${delayed.inFlight.requests} requests`,
      command,
    ],
    [
      "Client time between requests (providers, Graph client, token request; first-use set-up included)",
      formatMs(delayed.inFlight.betweenMs),
      command,
    ],
    [
      `**Client-side ratio** (${delayMs} ms × requests + client time between requests) ÷ (${delayMs} ms × requests)`,
      formatRatio(critical + delayed.inFlight.betweenMs, critical),
      command,
    ],
    [
      "… of which the first operation (TAP create: the process's first sign-in and Graph request, loading the Graph SDK and fetch)",
      formatMs(firstClientMs),
      command,
    ],
    [
      "… loading Node's `fetch` and `@microsoft/microsoft-graph-client` in a fresh worker (`firstUse.ts`): what any process pays once before its first Graph request through the SDK",
      `${formatMs(firstUse.fetchMs)} + ${formatMs(firstUse.graphSdkMs)} = ${formatMs(firstUse.fetchMs + firstUse.graphSdkMs)} (${formatRatio(firstUse.fetchMs + firstUse.graphSdkMs, critical)} of ${delayMs} ms × requests)`,
      command,
    ],
    [
      `… of which the other ${delayed.operations.length - 1} operations (${requests - firstRequests} requests)`,
      `${formatMs(restClientMs)} (${formatMs(restClientMs / Math.max(1, requests - firstRequests))} per request)`,
      command,
    ],
    [
      `Client-side ratio without the first operation's one-time set-up ((${delayMs} ms × requests + client time of the other operations) ÷ (${delayMs} ms × requests))`,
      formatRatio(critical + restClientMs, critical),
      command,
    ],
    [
      `For comparison: the same lifecycle with a ${delayedFirst.input.delayMs ?? 0} ms wait before the sandbox handles each request (\`delayMs\`, its handling on top; how this section measured before), another worker`,
      `${formatMs(delayedFirst.wallMs)} (${formatRatio(delayedFirst.wallMs, critical)})`,
      command,
    ],
    [
      "Lifecycle wall time without latency (client secret, another worker, same run)",
      formatMs(undelayed.wallMs),
      command,
    ],
  ];
  return {
    title: `4. Lifecycle wall time with ${delayMs} ms latency`,
    description: [
      `The client-secret lifecycle of section 3 in a fresh worker, with \`sandbox.fault({ latencyMs: ${delayMs}, ` +
        "times: 100000 })` (no path: every request, sign-in included) before the first operation. " +
        "Wall time runs from the first check to the last delete, so it includes the process's first " +
        "sign-in (its one-time set-up as well as its request).",
      `\`latencyMs\` is a round trip: the sandbox handles each request when it arrives and sends the answer ${delayMs} ms ` +
        "after its arrival, so its own handling (routing, JSON, token signing, in the worker's process) " +
        "falls inside those milliseconds, as Graph's own time is part of a real round trip. A wait before " +
        "the handling (`delayMs`) charges the sandbox's cold code to every request; the comparison row " +
        "shows what that adds. The split below comes from Node's diagnostics channels " +
        "(`scripts/bench/inFlight.ts`): a request is in flight from its creation to its response; the time " +
        "between requests is the client's own work. The client-side ratio charges the client with that " +
        "time only.",
      "The floor is what this harness allows any client: the lifecycle's requests (recorded with their " +
        "bodies) sent again in order by plain `fetch` from a fresh worker to a fresh, identically seeded " +
        "sandbox, each answer read whole. It pays what every client pays here (Node loading fetch on first " +
        "use, the TLS handshake, timers waking the process) and nothing else; every answer's status " +
        "must equal the recording's. The harness floor replays them over `node:https` instead, which " +
        "loads nothing on first use: no HTTP client can answer these requests here in less.",
    ],
    headers: ["Measure", "Value", "Command"],
    rows,
  };
}

export function settingsSection(figures: readonly SettingsReadFigure[]): Section {
  const command = sectionCommand("settings");
  return {
    title: "5. Settings read requests for large profiles",
    description: [
      "`SettingsCatalogPolicyProvider.read` of a profile seeded in the sandbox with n distinct " +
        "choice settings, in a fresh worker. Graph cuts `$expand=settings` and links to the rest; " +
        "the sandbox answers it whole, so the first GET is given Graph's cut shape by a fault (the " +
        "first 25 settings and `settings@odata.nextLink` into the sandbox's `/settings`, paged at " +
        "25), as `test/providers/settingsCatalogPaging.test.ts` does. The uncut column is the same " +
        "read with the sandbox's whole answer.",
    ],
    headers: [
      "Settings",
      "Read requests (cut as Graph cuts)",
      "ceil(n/25)",
      "Ratio",
      "Read requests (uncut)",
      "Settings returned",
      "Command",
    ],
    rows: figures.map((f) => [
      String(f.settings),
      String(f.cutRequests),
      String(f.pages),
      formatRatio(f.cutRequests, f.pages),
      String(f.uncutRequests),
      `${f.returned}${f.complete ? " (all, in order)" : " (NOT the stored settings)"}`,
      command,
    ]),
  };
}

export function npmTestSection(results: readonly NpmTestResult[], when: string): Section {
  return {
    title: "6. `npm test` and `npm run test:scenarios`",
    description: [
      "`npm test`: `tsc --noEmit` over the project alongside every mocha test but the deployment " +
        "scenarios; `npm run test:scenarios`: the scenarios. Each timed from spawn to exit, one after " +
        "the other. Not run by default; `npm run bench -- --npm-test` (or `--only npm-test`) runs them.",
    ],
    headers: ["Command", "Wall time", "Exit status", "mocha", "Measured"],
    rows: results.map((result) => [
      `\`npm ${result.command.join(" ")}\` (timed by \`npm run bench -- --npm-test\`)`,
      formatMs(result.wallMs),
      String(result.exitCode),
      result.summary.join(", ") || "no summary",
      when,
    ]),
  };
}
