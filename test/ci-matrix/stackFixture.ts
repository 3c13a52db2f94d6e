/**
 * A throw-away project root holding a `Pulumi.<stack>.yaml` per stack (and any other files), the way
 * a checkout of this repository looks to the workflows' first job.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface StackFixture {
  dir: string;
  remove(): void;
}

/** `tenant-000` .. `tenant-<count - 1>`, numbered with three digits so they sort by number. */
export function tenantNames(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `tenant-${String(index).padStart(3, "0")}`);
}

/** A directory with one stack file per stack, plus `otherFiles` (empty files) and `otherDirs`. */
export function stackFixture(
  stacks: readonly string[],
  other: { files?: readonly string[]; dirs?: readonly string[] } = {},
): StackFixture {
  const dir = mkdtempSync(join(tmpdir(), "ci-matrix-"));
  for (const stack of stacks) {
    writeFileSync(join(dir, `Pulumi.${stack}.yaml`), "config: {}\n");
  }
  for (const file of other.files ?? []) writeFileSync(join(dir, file), "");
  for (const sub of other.dirs ?? []) mkdirSync(join(dir, sub));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
