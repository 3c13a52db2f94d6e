/**
 * The batch's pass file: CSV, created new (never overwriting) with mode 0600 so only its owner can
 * read it, opened before the first pass is created, and written one pass at a time as each is
 * issued, so a run that stops half-way still holds every pass it created.
 */
import { closeSync, fchmodSync, openSync, unlinkSync, writeSync } from "node:fs";
import { csvLine } from "./csv";
import type { PassResult } from "./results";
import { UsageError } from "./usageError";

export const PASS_FILE_MODE = 0o600;

export function passFileExists(path: string): UsageError {
  return new UsageError(
    `--out ${path}: the file exists (it may hold passes from an earlier run); remove it or name another`,
  );
}

const HEADER = [
  "source",
  "user",
  "userPrincipalName",
  "objectId",
  "temporaryAccessPass",
  "startDateTime",
  "endDateTime",
  "lifetimeInMinutes",
  "isUsableOnce",
];

export class PassFile {
  private written = 0;

  private constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  /** Creates the file (refusing one that exists) and writes the header. */
  static create(path: string): PassFile {
    let fd: number;
    try {
      fd = openSync(path, "wx", PASS_FILE_MODE);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST") throw passFileExists(path);
      throw new UsageError(`--out ${path}: cannot create it (${code ?? String(error)})`);
    }
    // The umask can only take permissions away; set the mode outright anyway.
    fchmodSync(fd, PASS_FILE_MODE);
    writeSync(fd, csvLine(HEADER));
    return new PassFile(path, fd);
  }

  get count(): number {
    return this.written;
  }

  add(result: Extract<PassResult, { outcome: "issued" }>): void {
    const { request, user, pass } = result;
    writeSync(
      this.fd,
      csvLine([
        request.source,
        request.user,
        user.userPrincipalName,
        user.id,
        pass.value,
        pass.startDateTime,
        pass.endDateTime,
        pass.lifetimeInMinutes,
        pass.isUsableOnce,
      ]),
    );
    this.written += 1;
  }

  /** Closes the file; one that holds no pass is removed. Returns whether it was kept. */
  close(): boolean {
    closeSync(this.fd);
    if (this.written > 0) return true;
    unlinkSync(this.path);
    return false;
  }
}
