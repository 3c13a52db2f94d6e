/**
 * The GitHub Actions workflows, read as YAML: triggers, least permissions, secretless OIDC sign-in,
 * no runs for forks, a drift check that never writes state, acceptance tests run only by hand
 * without secrets, pinned actions and concurrency.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TENANT_ID_VARIABLES } from "../deployment/acceptance/acceptanceEnvironment";
import {
  PACKAGE_JSON,
  STACKS_JOB,
  WORKFLOW_FILES,
  allJobs,
  load,
  rawText,
  stepUsing,
  type Job,
  type Mapping,
  type Step,
  type Workflow,
  type WorkflowName,
} from "./workflowFiles";

/** Jobs that sign in to a tenant: all but CI's and the stacks jobs, which only read the checkout. */
function tenantJobs(): ReturnType<typeof allJobs> {
  return allJobs().filter(({ workflow, name }) => workflow !== "ci" && name !== STACKS_JOB);
}

describe("GitHub workflows", () => {
  describe("all of them", () => {
    it("grant nothing at the top level and declare least permissions per job", () => {
      const expected: Record<WorkflowName, Mapping> = {
        ci: { contents: "read" },
        preview: { contents: "read", "id-token": "write", "pull-requests": "write" },
        deploy: { contents: "read", "id-token": "write" },
        drift: { contents: "read", "id-token": "write", issues: "write" },
        acceptance: { contents: "read", "id-token": "write" },
      };
      for (const workflow of WORKFLOW_FILES) assert.deepEqual(load(workflow).permissions, {}, workflow);
      for (const { workflow, name, job } of allJobs()) {
        const least = name === STACKS_JOB ? { contents: "read" } : expected[workflow];
        assert.deepEqual(job.permissions, least, `${workflow}.${name}`);
      }
    });

    it("pin every action to a version tag or commit, never a branch, and the same one everywhere", () => {
      const refs = new Map<string, Set<string>>();
      for (const { workflow, job } of allJobs()) {
        for (const step of job.steps) {
          if (!step.uses) continue;
          assert.match(
            step.uses,
            /^[\w.-]+\/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/,
            `${workflow}: ${step.uses}`,
          );
          const [action, ref] = step.uses.split("@");
          refs.set(action, (refs.get(action) ?? new Set()).add(ref));
        }
      }
      for (const [action, versions] of refs)
        assert.equal(versions.size, 1, `${action} pinned as ${[...versions].join(", ")}`);
      assert.deepEqual([...refs.keys()].sort(), [
        "actions/checkout",
        "actions/setup-node",
        "azure/login",
        "pulumi/actions",
      ]);
    });

    it("use no client secret or stored credential anywhere", () => {
      for (const workflow of WORKFLOW_FILES) {
        const text = rawText(workflow);
        for (const forbidden of [/client[-_]secret/i, /\bcreds:/, /AZURE_CREDENTIALS/, /ARM_OIDC_TOKEN:/]) {
          assert.ok(!forbidden.test(text), `${workflow}.yml mentions ${forbidden}`);
        }
      }
    });

    it("check out without keeping the token and set up Node 20, with npm ci and its cache where dependencies are used", () => {
      for (const { workflow, name, job } of allJobs()) {
        const where = `${workflow}.${name}`;
        assert.deepEqual(stepUsing(job, "actions/checkout").with, { "persist-credentials": false }, where);
        // The stacks jobs run a dependency-free script, so every other job waits for no npm ci.
        const installs = name !== STACKS_JOB;
        assert.deepEqual(
          stepUsing(job, "actions/setup-node").with,
          installs ? { "node-version": 20, cache: "npm" } : { "node-version": 20 },
          where,
        );
        assert.equal(
          job.steps.some((step) => step.run === "npm ci"),
          installs,
          `${where} ${installs ? "runs" : "skips"} npm ci`,
        );
      }
    });

    it("install the same Pulumi CLI version as package.json", () => {
      const cli = PACKAGE_JSON.devDependencies.pulumi;
      assert.match(cli, /^\d+\.\d+\.\d+$/, "package.json devDependencies.pulumi is an exact version");
      for (const { workflow, name, job } of tenantJobs()) {
        assert.equal(stepUsing(job, "pulumi/actions").with?.["pulumi-version"], cli, `${workflow}.${name}`);
      }
    });

    it("sign in with OIDC only: ARM_USE_OIDC, ids from variables, azure/login without secrets", () => {
      for (const { workflow, name, job } of tenantJobs()) {
        const where = `${workflow}.${name}`;
        assert.equal(job.env?.ARM_USE_OIDC, "true", where);
        assert.match(String(job.env?.ARM_CLIENT_ID), /^\$\{\{ vars[.[]/, where);
        assert.match(String(job.env?.ARM_TENANT_ID), /^\$\{\{ vars[.[]/, where);
        assert.deepEqual(
          stepUsing(job, "azure/login").with,
          {
            "client-id": "${{ env.ARM_CLIENT_ID }}",
            "tenant-id": "${{ env.ARM_TENANT_ID }}",
            "allow-no-subscriptions": true,
          },
          where,
        );
      }
    });

    it("keep the real stacks' state and secrets key in the shared backend (all but the acceptance tests, which throw theirs away)", () => {
      for (const { workflow, name, job } of tenantJobs().filter(
        ({ workflow }) => workflow !== "acceptance",
      )) {
        const where = `${workflow}.${name}`;
        assert.equal(job.env?.PULUMI_BACKEND_URL, "${{ vars.PULUMI_BACKEND_URL }}", where);
        assert.equal(job.env?.PULUMI_CONFIG_PASSPHRASE, "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}", where);
        // The bootstrap's azurekeyvault:// secrets provider: Pulumi's Key Vault keeper takes the CLI session.
        assert.equal(job.env?.AZURE_KEYVAULT_AUTH_VIA_CLI, "true", where);
      }
    });
  });

  describe("ci.yml", () => {
    it("runs on every push and pull request: what .ci/run runs (both projects' install, lint, tests)", () => {
      const workflow = load("ci");
      assert.deepEqual(Object.keys(workflow.on).sort(), ["pull_request", "push"]);
      assert.equal(workflow.on.push, null, "push is not limited to some branches");
      const runs = workflow.jobs.test.steps.filter((step) => step.run).map((step) => step.run);
      const ciRun = readFileSync(join(__dirname, "..", "..", ".ci", "run"), "utf8")
        .split("\n")
        .filter((line) => line.startsWith("npm "))
        .map((line) => line.replace(" --no-audit --no-fund", ""));
      assert.deepEqual(runs, ciRun);
      assert.deepEqual(runs, [
        "npm ci",
        "npm ci --prefix bootstrap",
        "npm run lint",
        "npm test",
        "npm run test:scenarios",
        "npm test --prefix bootstrap",
        "npm run test:package",
      ]);
      assert.match(workflow.concurrency?.group ?? "", /github\.ref/);
    });
  });

  describe("preview.yml", () => {
    const job = (): Job => load("preview").jobs.preview;

    it("runs on pull requests only, never for forks, without an environment (OIDC subject pull_request)", () => {
      assert.deepEqual(Object.keys(load("preview").on), ["pull_request"]);
      const forkGuard = "github.event.pull_request.head.repo.full_name == github.repository";
      for (const [name, each] of Object.entries(load("preview").jobs)) {
        assert.ok(each.if === forkGuard || each.if?.startsWith(`${forkGuard} && `), `${name}: ${each.if}`);
        assert.equal(each.environment, undefined, name);
      }
    });

    it("previews every stack of the derived matrix with refresh and diff, editing one comment per stack", () => {
      assert.equal(job().strategy?.matrix, "${{ fromJSON(needs.stacks.outputs.matrix-1) }}");
      assert.equal(job().strategy?.["fail-fast"], false);
      assert.deepEqual(stepUsing(job(), "pulumi/actions").with, {
        command: "preview",
        "stack-name": "${{ matrix.stack }}",
        "cloud-url": "${{ vars.PULUMI_BACKEND_URL }}",
        "pulumi-version": PACKAGE_JSON.devDependencies.pulumi,
        refresh: true,
        diff: true,
        "comment-on-pr": true,
        "edit-pr-comment": true,
        "always-include-summary": true,
        "comment-on-summary": true,
        "suppress-progress": true,
      });
    });

    it("reads per-stack identities from repository variables and cancels superseded previews per stack", () => {
      assert.equal(job().env?.ARM_CLIENT_ID, "${{ vars[format('AZURE_CLIENT_ID_{0}', matrix.suffix)] }}");
      assert.equal(job().env?.ARM_TENANT_ID, "${{ vars[format('AZURE_TENANT_ID_{0}', matrix.suffix)] }}");
      assert.deepEqual(job().concurrency, {
        group: "preview-${{ github.event.pull_request.number }}-${{ matrix.stack }}",
        "cancel-in-progress": true,
      });
    });
  });

  describe("preview.yml preflight", () => {
    const job = (): Job => load("preview").jobs.preview;
    const index = (predicate: (step: Step) => boolean, what: string): number => {
      const found = job().steps.findIndex(predicate);
      assert.ok(found >= 0, `no step ${what}`);
      return found;
    };
    const preflightIndex = (): number => index((step) => step.id === "preflight", "with id preflight");
    const previewIndex = (): number =>
      index((step) => step.uses?.split("@")[0] === "pulumi/actions", "using pulumi/actions");

    it("runs preflight as the reader for the matrix stack, writing Markdown and JSON, before the preview", () => {
      const preflight = job().steps[preflightIndex()];
      assert.equal(job().env?.STACK, "${{ matrix.stack }}");
      assert.equal(
        preflight.run,
        'npm run --silent preflight -- --stack "$STACK" --identity reader --markdown preflight.md --json preflight.json',
      );
      assert.ok(!preflight.run?.includes("${{"), "the stack comes through the environment");
      assert.equal(preflight.uses, undefined);
      const login = index((step) => step.uses?.split("@")[0] === "azure/login", "using azure/login");
      const install = index((step) => step.run === "npm ci", "running npm ci");
      assert.ok(install < preflightIndex() && login < preflightIndex(), "after npm ci and sign-in");
      assert.ok(preflightIndex() < previewIndex(), "before pulumi preview");
      assert.equal(PACKAGE_JSON.scripts.preflight, "ts-node --transpile-only scripts/preflight/main.ts");
    });

    it("lets the preview run after a failed preflight, appending the report to the job summary", () => {
      const preflight = job().steps[preflightIndex()];
      assert.equal(preflight["continue-on-error"], true);
      assert.equal(preflight.if, undefined);
      assert.equal(job().steps[previewIndex()].if, undefined, "the preview runs whatever preflight said");
      const steps = job().steps;
      const summary = steps.find((step) => step.run?.includes("GITHUB_STEP_SUMMARY"));
      assert.ok(summary, "no step writes the job summary");
      assert.equal(summary.if, "always()");
      assert.match(
        summary.run ?? "",
        /if \[ -f preflight\.md \]; then\s+cat preflight\.md >> "\$GITHUB_STEP_SUMMARY"\s+fi/,
      );
      assert.ok(steps.indexOf(summary) > preflightIndex(), "after preflight");
    });

    it("fails the job at the end when preflight's outcome was failure", () => {
      const steps = job().steps;
      const last = steps[steps.length - 1];
      assert.ok(steps.indexOf(last) > previewIndex(), "after the preview");
      assert.equal(last.if, "${{ !cancelled() && steps.preflight.outcome == 'failure' }}");
      assert.equal(last["continue-on-error"], undefined);
      assert.match(last.run ?? "", /^echo "::error::Preflight failed for stack \$STACK[^\n]*\nexit 1\s*$/);
      // `outcome` is the result before continue-on-error; `conclusion` would always be success.
      assert.ok(!rawText("preview").includes("steps.preflight.conclusion"));
      assert.equal(
        steps.filter((step) => step["continue-on-error"] !== undefined).length,
        1,
        "only preflight may fail without failing the job",
      );
    });
  });

  describe("deploy.yml", () => {
    const workflow = (): Workflow => load("deploy");
    const STAGES = ["dev", "test", "prod"] as const;
    const after = (earlier: string): string =>
      "${{ !cancelled() && !contains(needs.*.result, 'failure') && !contains(needs.*.result, 'cancelled') && " +
      `${earlier} }}`;

    it("runs on pushes to the default branch and on demand; every job waits for the stacks job", () => {
      assert.deepEqual(workflow().on, { push: { branches: ["main"] }, workflow_dispatch: null });
      const jobs = workflow().jobs;
      assert.equal(
        jobs.stacks.if,
        "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)",
      );
      for (const [name, job] of Object.entries(jobs).filter(([name]) => name !== STACKS_JOB)) {
        assert.ok([job.needs ?? []].flat().includes(STACKS_JOB), name);
      }
    });

    it("runs pulumi up on dev, then test, then prod, each behind its environment, never cancelled midway", () => {
      const jobs = workflow().jobs;
      assert.deepEqual(Object.keys(jobs), ["stacks", ...STAGES, "fleet", "fleet-2"]);
      assert.equal(jobs.dev.needs, STACKS_JOB);
      assert.deepEqual(jobs.test.needs, ["stacks", "dev"]);
      assert.deepEqual(jobs.prod.needs, ["stacks", "dev", "test"]);
      for (const stack of STAGES) {
        const job = jobs[stack];
        assert.equal(job.environment, stack);
        assert.equal(job.env?.STACK, stack);
        assert.deepEqual(job.concurrency, { group: `pulumi-${stack}`, "cancel-in-progress": false });
        const pulumi = stepUsing(job, "pulumi/actions").with;
        assert.equal(pulumi?.command, "up");
        assert.equal(pulumi?.["stack-name"], "${{ env.STACK }}");
        assert.equal(job.env?.ARM_CLIENT_ID, "${{ vars.AZURE_CLIENT_ID }}");
      }
    });

    it("runs a stage only when its stack file exists, and never after a failed or cancelled earlier one", () => {
      const jobs = workflow().jobs;
      assert.equal(jobs.dev.if, "needs.stacks.outputs.stage-dev == 'true'");
      assert.equal(jobs.test.if, after("needs.stacks.outputs.stage-test == 'true'"));
      assert.equal(jobs.prod.if, after("needs.stacks.outputs.stage-prod == 'true'"));
    });

    it("deploys every other stack after prod, each in its own environment, at most STACKS_MAX_PARALLEL at once, a failure stopping no other", () => {
      const jobs = workflow().jobs;
      for (const [name, output] of [
        ["fleet", "matrix-1"],
        ["fleet-2", "matrix-2"],
      ] as const) {
        const job = jobs[name];
        assert.deepEqual(job.needs, ["stacks", ...STAGES], name);
        assert.equal(job.if, after(`needs.stacks.outputs.${output} != ''`), name);
        assert.equal(job.environment, "${{ matrix.stack }}", name);
        assert.equal(job.env?.STACK, "${{ matrix.stack }}", name);
        assert.deepEqual(job.concurrency, {
          group: "pulumi-${{ matrix.stack }}",
          "cancel-in-progress": false,
        });
        assert.deepEqual(job.strategy, {
          "fail-fast": false,
          "max-parallel": "${{ fromJSON(vars.STACKS_MAX_PARALLEL || '10') }}",
          matrix: `\${{ fromJSON(needs.stacks.outputs.${output}) }}`,
        });
        assert.deepEqual(job.steps, jobs.dev.steps, `${name} deploys as the stages do`);
      }
    });

    it("checks the deployer's environment variables first, failing with the stack's name", () => {
      for (const stack of [...STAGES, "fleet", "fleet-2"]) {
        const first = workflow().jobs[stack].steps[0];
        assert.equal(first.name, "Check the deployer identity's variables", stack);
        assert.match(first.run ?? "", /echo "::error::Stack \$STACK: [^\n]*"\n\s*exit 1/, stack);
      }
    });

    it("says that prod has required reviewers, and why stages and a fleet", () => {
      assert.match(rawText("deploy"), /prod: required reviewers/);
      assert.match(rawText("deploy"), /^# Trade-off: /m);
    });
  });

  describe("drift.yml", () => {
    const job = (): Job => load("drift").jobs.drift;
    const runs = (): string =>
      job()
        .steps.map((step) => step.run ?? "")
        .join("\n");

    it("runs on a schedule and on demand, from the default branch only", () => {
      const on = load("drift").on as { schedule: Array<{ cron: string }>; workflow_dispatch: null };
      assert.deepEqual(Object.keys(on), ["schedule", "workflow_dispatch"]);
      assert.match(on.schedule[0].cron, /^\S+ \S+ \S+ \S+ \S+$/);
      const defaultBranch = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";
      for (const [name, each] of Object.entries(load("drift").jobs)) {
        assert.ok(
          each.if === defaultBranch || each.if?.startsWith(`${defaultBranch} && `),
          `${name}: ${each.if}`,
        );
        assert.equal(
          each.environment,
          undefined,
          "an environment would make scheduled runs wait for reviewers",
        );
      }
      assert.equal(job().strategy?.matrix, "${{ fromJSON(needs.stacks.outputs.matrix-1) }}");
    });

    it("only ever previews a refresh, expecting no changes, as JSON", () => {
      const refreshCommands = runs()
        .split("\n")
        .filter((line) => /\bpulumi refresh\b/.test(line));
      assert.equal(refreshCommands.length, 1);
      for (const flag of ["--preview-only", "--expect-no-changes", "--json", '--stack "$STACK"']) {
        assert.ok(refreshCommands[0].includes(flag), `missing ${flag}: ${refreshCommands[0]}`);
      }
      assert.ok(
        !/^\s*pulumi (up|destroy|import)\b|--yes|--skip-preview/m.test(runs()),
        "the drift check must not write",
      );
      assert.ok(
        runs().includes('pulumi preview --stack "$STACK" --refresh --json'),
        "the details come from a preview, which never writes state",
      );
      assert.equal(
        stepUsing(job(), "pulumi/actions").with?.command,
        undefined,
        "the action only installs the CLI",
      );
    });

    it("shares the per-stack concurrency group of deploy and never cancels a check", () => {
      assert.deepEqual(job().concurrency, {
        group: "pulumi-${{ matrix.stack }}",
        "cancel-in-progress": false,
      });
    });

    it("writes the drift report to the job summary and fails when the refresh preview found changes", () => {
      assert.match(
        runs(),
        /npm run --silent drift-report -- refresh\.json --kind refresh .*--fail-on-drift > drift-report\.md/,
      );
      assert.ok(runs().includes('cat drift-report.md >> "$GITHUB_STEP_SUMMARY"'));
      const fail = job().steps.find((step) => step.name === "Fail on drift");
      assert.equal(fail?.if, "steps.refresh.outputs.exit-code != '0'");
      assert.match(fail?.run ?? "", /exit 1\s*$/);
    });

    it("keeps one issue per stack: edits the open one by title and label, creates one only when none is open", () => {
      const issue = job().steps.find((step) => step.name === "Open or update the drift issue");
      assert.equal(issue?.if, "steps.report.outputs.drifted == 'true'");
      assert.equal(issue?.env?.GH_TOKEN, "${{ github.token }}");
      assert.equal(job().env?.ISSUE_TITLE, "Drift detected in stack ${{ matrix.stack }}");
      const script = issue?.run ?? "";
      assert.match(script, /gh issue list --state open --label drift/);
      assert.match(script, /gh issue edit "\$number" --body-file issue-body\.md/);
      assert.match(
        script,
        /gh issue create --title "\$ISSUE_TITLE" --label drift --body-file issue-body\.md/,
      );
    });
  });

  describe("acceptance.yml", () => {
    const workflow = (): Workflow => load("acceptance");
    const job = (): Job => workflow().jobs.acceptance;
    const step = (name: string): Step => {
      const found = job().steps.find((candidate) => candidate.name === name);
      assert.ok(found, `no step named ${name}`);
      return found;
    };

    it("runs only by hand, asking for the stack name and an optional scenario filter", () => {
      assert.deepEqual(Object.keys(workflow().on), ["workflow_dispatch"]);
      const inputs = (workflow().on.workflow_dispatch as { inputs: Record<string, Mapping> }).inputs;
      assert.deepEqual(Object.keys(inputs), ["stack", "grep"]);
      assert.equal(inputs.stack.default, "acceptance");
      assert.equal(inputs.grep.default, "");
      assert.equal(job().env?.PASSWORDLESS_ACCEPTANCE_STACK, "${{ inputs.stack }}");
    });

    it("runs in the environment acceptance (its reviewers and variables), one run at a time, never cancelled midway", () => {
      assert.deepEqual(Object.keys(workflow().jobs), ["acceptance"]);
      assert.equal(job().environment, "acceptance");
      assert.deepEqual(job().concurrency, { group: "pulumi-acceptance", "cancel-in-progress": false });
      assert.equal(job().env?.ARM_CLIENT_ID, "${{ vars.AZURE_CLIENT_ID }}");
      assert.equal(job().env?.ARM_TENANT_ID, "${{ vars.AZURE_TENANT_ID }}");
    });

    it("uses no secret: tenant object ids from variables, state and passphrase made on the runner", () => {
      assert.ok(!/\bsecrets\./.test(rawText("acceptance")), "acceptance.yml reads a secret");
      for (const { variable } of TENANT_ID_VARIABLES) {
        assert.equal(job().env?.[variable], `\${{ vars.${variable} }}`, variable);
      }
      assert.equal(job().env?.PULUMI_BACKEND_URL, undefined, "never the real stacks' backend");
      const backend = step("Throw-away state backend on the runner").run ?? "";
      assert.match(backend, /echo "PULUMI_BACKEND_URL=file:\/\/\$RUNNER_TEMP\/pulumi-state"/);
      assert.match(backend, /passphrase="\$\(openssl rand -hex 32\)"\n\s*echo "::add-mask::\$passphrase"/);
    });

    it("runs npm run test:acceptance with PASSWORDLESS_ACCEPTANCE=1, the filter passed through the environment", () => {
      assert.equal(job().env?.PASSWORDLESS_ACCEPTANCE, "1");
      const run = step("Run the deployment scenarios against the test tenant");
      assert.equal(run.env?.SCENARIO_GREP, "${{ inputs.grep }}");
      assert.match(run.run ?? "", /npm run test:acceptance -- --grep "\$SCENARIO_GREP"/);
      assert.match(run.run ?? "", /^\s*npm run test:acceptance$/m);
      for (const { name, run: script } of job().steps) {
        assert.ok(!script?.includes("${{"), `${name ?? "a step"} puts an expression into its script`);
      }
      assert.equal(
        stepUsing(job(), "pulumi/actions").with?.command,
        undefined,
        "the action only installs the CLI",
      );
    });

    it("always destroys what is left in every stack of the throw-away backend, even after a failure", () => {
      const cleanup = job().steps[job().steps.length - 1];
      assert.equal(cleanup.name, "Destroy whatever a failed scenario left in the tenant");
      assert.equal(cleanup.if, "always() && steps.backend.outcome == 'success'");
      assert.match(cleanup.run ?? "", /for stack in \$\(pulumi stack ls --json \| jq -r '\.\[\]\.name'\)/);
      assert.match(
        cleanup.run ?? "",
        /pulumi destroy --stack "\$stack" --yes --skip-preview --non-interactive/,
      );
    });

    it("has an npm script that runs the deployment scenarios with a timeout long enough for a tenant", () => {
      assert.equal(
        PACKAGE_JSON.scripts["test:acceptance"],
        'ts-node --transpile-only test/run.ts "test/deployment/scenarios/**/*.test.ts" --timeout 1800000',
      );
    });
  });
});
