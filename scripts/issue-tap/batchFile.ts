/**
 * The batch CSV (`--from`): a header naming the columns `user` (required), `start` and
 * `lifetime` (optional, in any order), then one user per row; an empty cell takes the default
 * (start now, the policy's default lifetime). Every row is checked before anything is issued.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseCsv } from "./csv";
import { parseLifetime, parseStart, parseUser, type PassRequest } from "./passRequest";
import { UsageError } from "./usageError";

const COLUMNS = ["user", "start", "lifetime"] as const;
type Column = (typeof COLUMNS)[number];

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--from ${path}: cannot read it (${code ?? String(error)})`);
  }
}

function columnIndexes(header: string[], name: string): Map<Column, number> {
  const indexes = new Map<Column, number>();
  header.forEach((raw, index) => {
    const column = raw.trim().toLowerCase();
    if (!(COLUMNS as readonly string[]).includes(column))
      throw new UsageError(
        `${name} line 1: expected the columns user, start, lifetime, found column ${JSON.stringify(raw)}`,
      );
    if (indexes.has(column as Column)) throw new UsageError(`${name} line 1: column ${column} appears twice`);
    indexes.set(column as Column, index);
  });
  if (!indexes.has("user"))
    throw new UsageError(`${name} line 1: expected a user column, found ${header.join(",")}`);
  return indexes;
}

/** The passes a batch asks for, in file order; throws a UsageError naming the line and column. */
export function readBatch(path: string, now: Date): PassRequest[] {
  const name = basename(path);
  const [header, ...rows] = parseCsv(readText(path), name);
  if (header === undefined)
    throw new UsageError(`${name}: expected a header line (user,start,lifetime), found an empty file`);
  const indexes = columnIndexes(header.cells, name);
  if (rows.length === 0)
    throw new UsageError(`${name}: expected at least one user after the header, found none`);
  const seen = new Map<string, number>();
  return rows.map(({ line, cells }) => {
    if (cells.length !== header.cells.length)
      throw new UsageError(
        `${name} line ${line}: expected ${header.cells.length} columns, found ${cells.length}`,
      );
    const cell = (column: Column): string => {
      const index = indexes.get(column);
      return index === undefined ? "" : cells[index].trim();
    };
    const where = (column: Column) => `${name} line ${line} column ${column}`;
    const user = parseUser(cell("user"), where("user"));
    const earlier = seen.get(user.toLowerCase());
    if (earlier !== undefined)
      // A second POST for the same user would replace the pass the first one issued.
      throw new UsageError(`${where("user")}: ${user} is already on line ${earlier}; give each user once`);
    seen.set(user.toLowerCase(), line);
    const request: PassRequest = { source: `line ${line}`, user };
    if (cell("lifetime") !== "")
      request.lifetimeInMinutes = parseLifetime(cell("lifetime"), where("lifetime"));
    if (cell("start") !== "") request.startDateTime = parseStart(cell("start"), where("start"), now);
    return request;
  });
}
