/**
 * Just enough Markdown for the documentation tests: sections by heading, fenced code blocks with
 * the `<!-- run: … -->` marker written on the line before them, table rows, relative links.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const PROJECT_ROOT = join(__dirname, "..", "..");

export interface CodeBlock {
  /** The fence's language, e.g. `sh`. */
  language: string;
  body: string;
  /** The `run:` marker's text (`offline`, `skip, needs …`), or undefined when there is none. */
  marker?: string;
  /** The heading the block sits under. */
  section: string;
  /** 1-based line of the opening fence. */
  line: number;
}

const MARKER = /^<!--\s*run:\s*(.*?)\s*-->$/;

export function readDoc(relativePath: string): string {
  return readFileSync(join(PROJECT_ROOT, relativePath), "utf8");
}

/** The text under a `## ` heading (up to the next `## `), or undefined. */
export function section(markdown: string, heading: string): string | undefined {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line === `## ${heading}`);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && line.startsWith("## "));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split("\n");
  const blocks: CodeBlock[] = [];
  let heading = "";
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, "");
    const fence = /^```(\S*)$/.exec(line);
    if (!fence) continue;
    const end = lines.findIndex((candidate, at) => at > index && candidate === "```");
    if (end < 0) throw new Error(`unclosed code block at line ${index + 1}`);
    const previous = lines
      .slice(0, index)
      .reverse()
      .find((candidate) => candidate.trim() !== "");
    blocks.push({
      language: fence[1],
      body: lines.slice(index + 1, end).join("\n"),
      marker: previous === undefined ? undefined : MARKER.exec(previous.trim())?.[1],
      section: heading,
      line: index + 1,
    });
    index = end;
  }
  return blocks;
}

/** The cells of every table row in `markdown` (header and separator rows left out), unescaped `\|` kept as `\|`. */
export function tableRows(markdown: string): string[][] {
  const rows: string[][] = [];
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) continue;
    const cells = line
      .slice(1, line.trimEnd().endsWith("|") ? line.trimEnd().length - 1 : undefined)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    rows.push(cells);
  }
  // The first row of each table is its header; tables here are told apart by their first cell.
  return rows;
}

/** The text of every inline code span (`…`) in `text`. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}

/** Relative link targets (`[text](target)`), without their `#anchor`. */
export function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith("#"))
    .map((target) => target.split("#")[0]);
}
