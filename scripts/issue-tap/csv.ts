/**
 * CSV in and out (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes
 * doubled and line breaks). Reading keeps each record's line number for error messages.
 */
import { UsageError } from "./usageError";

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

/** The records of `text`; blank lines are skipped. `name` names the file in errors. */
export function parseCsv(text: string, name: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark, as spreadsheets save it
  const endRecord = (): void => {
    cells.push(cell);
    if (cells.length > 1 || cells[0].trim() !== "") records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
  };
  for (; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line += 1;
        cell += char;
      }
    } else if (char === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (char === ",") {
      cells.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else cell += char;
  }
  if (quoted) throw new UsageError(`${name} line ${recordLine}: a quoted field is not closed`);
  if (cell !== "" || cells.length > 0) endRecord();
  return records;
}

/** One CSV line (with its line break): every field quoted, so no value can split a column. */
export function csvLine(fields: readonly (string | number | boolean)[]): string {
  return `${fields.map((field) => `"${String(field).replace(/"/g, '""')}"`).join(",")}\n`;
}
