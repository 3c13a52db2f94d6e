/** Markdown output: tables per section, and the marked regions of BENCHMARKS.md they replace. */

export interface Section {
  title: string;
  /** Paragraphs printed above the table (how the figures were taken). */
  description: string[];
  headers: string[];
  rows: string[][];
  /** Lines printed under the table as a bullet list. */
  notes?: string[];
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A GitHub-flavoured Markdown table; Prettier aligns the columns when the file is formatted. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  for (const row of rows) {
    if (row.length !== headers.length) {
      throw new Error(`table row has ${row.length} cells, expected ${headers.length}: ${row.join(" | ")}`);
    }
  }
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

export function renderSection(section: Section): string {
  const parts = [`### ${section.title}`, ...section.description, renderTable(section.headers, section.rows)];
  if (section.notes !== undefined && section.notes.length > 0) {
    parts.push(section.notes.map((note) => `- ${note}`).join("\n"));
  }
  return parts.join("\n\n");
}

export function beginMarker(name: string): string {
  return `<!-- bench:${name}:begin -->`;
}

export function endMarker(name: string): string {
  return `<!-- bench:${name}:end -->`;
}

/** The document with the text between `name`'s markers replaced; appends the markers when absent. */
export function replaceBetweenMarkers(document: string, name: string, content: string): string {
  const begin = beginMarker(name);
  const end = endMarker(name);
  const block = `${begin}\n\n${content.trim()}\n\n${end}`;
  const from = document.indexOf(begin);
  const to = document.indexOf(end);
  if (from === -1 && to === -1) return `${document.trimEnd()}\n\n${block}\n`;
  if (from === -1 || to === -1 || to < from) {
    throw new Error(`BENCHMARKS.md has a broken ${name} marker pair; fix or remove ${begin} / ${end}`);
  }
  return document.slice(0, from) + block + document.slice(to + end.length);
}
