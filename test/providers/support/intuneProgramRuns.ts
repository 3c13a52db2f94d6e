/**
 * One run of the program with Pulumi.dev.yaml, shared by the Intune program tests: a mock run
 * serializes every dynamic provider and takes seconds, so it is done once per mocha process.
 */
import { loadStackConfig, runProgram, type ProgramRun } from "../../program/runProgram";

let devStackRun: Promise<ProgramRun> | undefined;

export function runDevStack(): Promise<ProgramRun> {
  devStackRun ??= runProgram(loadStackConfig("Pulumi.dev.yaml"));
  return devStackRun;
}
