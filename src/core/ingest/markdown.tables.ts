/**
 * Reading markdown pipe tables out of a document: the tables found (header rows above the
 * `|---|` separator, body rows below, each with its line), cells as plain text, and body rows
 * that are really a second header row.
 */
import { parseCount } from './units.parse';
import { matchHeader } from './vocab.headers';
import { parseRw } from './vocab.values';

export interface MdRow {
  line: number;
  cells: string[];
}
export interface MdTable {
  line: number;
  header: MdRow[];
  body: MdRow[];
}

/** Plain text of a markdown cell: images dropped, links to their text, emphasis and HTML removed. */
export function cleanCell(raw: string): string {
  // Link and image patterns can backtrack on huge cells of brackets; such cells are not wiki markup.
  const markup = raw.length <= 10_000 && raw.includes('](');
  return (
    markup ? raw.replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') : raw
  )
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\\|/g, '|')
    .replace(/\s+/g, ' ')
    .trim();
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  return s.split(/(?<!\\)\|/).map(cleanCell);
}

const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

export function findTables(lines: readonly string[]): MdTable[] {
  const tables: MdTable[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!lines[i]!.trimStart().startsWith('|')) {
      i++;
      continue;
    }
    const start = i;
    const block: MdRow[] = [];
    let sep = -1;
    while (i < lines.length && lines[i]!.trimStart().startsWith('|')) {
      if (sep < 0 && lines[i]!.length < 10_000 && SEPARATOR.test(lines[i]!)) sep = block.length;
      else block.push({ line: i + 1, cells: splitRow(lines[i]!) });
      i++;
    }
    const headerCount = sep < 0 ? 1 : sep;
    tables.push({
      line: start + 1,
      header: block.slice(0, headerCount),
      body: block.slice(headerCount),
    });
  }
  return tables;
}

/** A body row that is really another header row (the seed's second header line). */
export function isHeaderLike(cells: readonly string[]): boolean {
  let known = 0;
  let filled = 0;
  for (const c of cells) {
    if (c === '') continue;
    filled++;
    if (matchHeader(c).field !== null) known++;
    else if (parseCount(c) !== null || parseRw(c) !== null) return false;
  }
  return known >= 2 && known * 2 >= filled;
}
