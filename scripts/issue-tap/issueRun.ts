/**
 * The two ways to run: one user (the pass on standard output, once) or a batch (a table of
 * results, the passes in the owner-only file). Users are handled one after another; a refusal by
 * the policy as a whole skips every user without asking Graph about any of them.
 */
import type { GraphClient } from "../../infra/graph/types";
import { EXIT_FINDINGS, EXIT_OK, type CommandIo } from "../cli/command";
import type { IssueTapOptions } from "./options";
import { PassFile } from "./passFile";
import type { PassRequest } from "./passRequest";
import { issuePass, type IssueContext } from "./issuePass";
import { batchSummary, singlePass, singleProblem, TABLE_HEADER, tableRow } from "./report";
import type { PassResult } from "./results";
import { policyRefusal, type TapPolicy } from "./tapPolicy";

function contextFor(policy: TapPolicy, options: IssueTapOptions): IssueContext {
  return {
    policy,
    // A policy with isUsableOnce: true gets only one-time passes; ask for what it will give.
    usableOnce: options.usableOnce || policy.isUsableOnce,
    replace: options.replace,
    handled: new Map(),
  };
}

async function resultFor(
  client: GraphClient,
  request: PassRequest,
  context: IssueContext,
  policyProblem: string | undefined,
): Promise<PassResult> {
  if (policyProblem !== undefined) return { outcome: "skipped", request, reason: policyProblem };
  return issuePass(client, request, context);
}

export async function issueSingle(
  client: GraphClient,
  policy: TapPolicy,
  options: IssueTapOptions,
  request: PassRequest,
  io: CommandIo,
): Promise<number> {
  const result = await resultFor(
    client,
    request,
    contextFor(policy, options),
    policyRefusal(policy, options),
  );
  if (result.outcome !== "issued") {
    io.stderr(singleProblem(result));
    return EXIT_FINDINGS;
  }
  io.stdout(singlePass(result));
  return EXIT_OK;
}

export async function issueBatch(
  client: GraphClient,
  policy: TapPolicy,
  options: IssueTapOptions,
  out: string,
  requests: readonly PassRequest[],
  io: CommandIo,
): Promise<number> {
  const policyProblem = policyRefusal(policy, options);
  const context = contextFor(policy, options);
  const passFile = policyProblem === undefined ? PassFile.create(out) : undefined;
  const results: PassResult[] = [];
  io.stdout(TABLE_HEADER);
  try {
    for (const request of requests) {
      const result = await resultFor(client, request, context, policyProblem);
      if (result.outcome === "issued") passFile?.add(result);
      results.push(result);
      io.stdout(tableRow(result));
    }
  } finally {
    const kept = passFile?.close() ?? false;
    io.stdout(batchSummary(results, { path: out, kept }));
  }
  return results.every((result) => result.outcome === "issued") ? EXIT_OK : EXIT_FINDINGS;
}
