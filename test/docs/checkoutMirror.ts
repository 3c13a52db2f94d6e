/**
 * A copy of the checkout made of symbolic links, in a temporary directory: commands from the docs
 * run there as they would in a user's clone (`npm run …` finds package.json, `cp Pulumi.dev.yaml …`
 * works), and every file they write lands in the temporary directory, never in the repository.
 */
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "./markdown";

/** What the documented commands need from the checkout. */
const LINKED = [
  "package.json",
  "tsconfig.json",
  "Pulumi.yaml",
  "Pulumi.dev.yaml",
  "infra",
  "policies",
  "scripts",
  "test",
  "node_modules",
];

export interface CheckoutMirror {
  dir: string;
  remove(): void;
}

export function checkoutMirror(): CheckoutMirror {
  const dir = mkdtempSync(join(tmpdir(), "docs-checkout-"));
  for (const entry of LINKED) symlinkSync(join(PROJECT_ROOT, entry), join(dir, entry));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
