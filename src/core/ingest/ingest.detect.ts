/**
 * Input format detection from content (CSV, TSV, JSON, fio JSON, markdown) and the default set
 * name from a file name: what ingest decides before any parser runs.
 */
import type { ColumnMap } from './column-map';
import { isKnownHeader } from './csv.parse';
import type { InputFormat } from './ingest.types';

/** Base name of a path (either separator). */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** Default set name: the file name without directory and extension. */
export function defaultSetName(fileName: string): string {
  const b = baseName(fileName);
  const dot = b.lastIndexOf('.');
  return dot > 0 ? b.slice(0, dot) : b;
}

/** A pipe-table row followed by a separator row (line by line: no regex over the whole text). */
function hasMarkdownTable(text: string): boolean {
  let prevRow = false;
  let start = 0;
  const limit = Math.min(text.length, 2_000_000);
  while (start < limit) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + 4096)).trim();
    if (prevRow && line.length > 2 && /^\|?\s*:?-{2,}/.test(line)) return true;
    prevRow = line.length > 1 && line.startsWith('|') && line.endsWith('|');
    start = end + 1;
  }
  return false;
}

/** detectFormat reads the first line within this many characters. */
export const HEAD_CHARS = 4096;

/**
 * The format when the first line within the first 4096 characters is a delimited header row
 * (CSV/TSV, decided without the rest of the text), else null. `head` is the text or a prefix
 * of it longer than 4096 characters.
 */
export function delimitedFromHead(head: string, map?: ColumnMap): 'csv' | 'tsv' | null {
  const t = head.length > HEAD_CHARS ? head.slice(0, HEAD_CHARS).trimStart() : head.trimStart();
  const nl = t.indexOf('\n');
  const firstLine = nl < 0 ? t : t.slice(0, nl);
  if (firstLine.startsWith('|') || firstLine.startsWith('{') || firstLine.startsWith('['))
    return null;
  for (const d of ['\t', ',', ';']) {
    const cells = firstLine.split(d);
    if (cells.length < 2) continue;
    let known = 0;
    for (const c of cells) if (isKnownHeader(c.replace(/^"|"$/g, '').trim(), map)) known++;
    if (known >= 2) return d === '\t' ? 'tsv' : 'csv';
  }
  return null;
}

/** Guesses the format from the content (the file extension only breaks ties). */
export function detectFormat(text: string, fileName = '', map?: ColumnMap): InputFormat | null {
  const t = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS).trimStart() : text.trimStart();
  if (t === '') return text.trim() === '' ? null : detectFormat(text.trimStart(), fileName, map);
  // A first line that is a delimited header row: CSV/TSV without scanning the whole text.
  const delimited = delimitedFromHead(text, map);
  if (delimited !== null) return delimited;
  const nl = t.indexOf('\n');
  const firstLine = nl < 0 ? t : t.slice(0, nl);
  if (
    text.includes('"fio version"') ||
    /"jobs"\s*:\s*\[\s*\{[\s\S]*"jobname"/.test(text.slice(0, 200000))
  )
    return 'fio-json';
  if (t.startsWith('[') || t.startsWith('{')) return 'json';
  if (hasMarkdownTable(text)) return 'markdown';
  if (firstLine.includes('\t') || /\.tsv$/i.test(fileName)) return 'tsv';
  return 'csv';
}
