/**
 * CSV and TSV through PapaParse (delimiter detected, quotes, CRLF). The header row is mapped by
 * our vocabulary (table.import.ts); each data row becomes a record or a rejected row with its
 * line number. Canonical CSVs written by csv.write.ts read back exactly.
 */
import Papa from 'papaparse';
import type { RejectedRow, ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { ParseContext, ParsedInput } from './parsed.types';
import { completeRecord, convertRow, planColumns, planHasMetric } from './table.import';
import { matchHeader } from './vocab';

export interface DelimitedOutcome extends ParsedInput {
  delimiter: string;
}

function isBlank(row: readonly string[]): boolean {
  for (let i = 0; i < row.length; i++) if (row[i] !== '' && row[i]!.trim() !== '') return false;
  return true;
}

/** Line breaks inside a row's quoted cells (so that later rows keep their true line numbers). */
function breaksIn(row: readonly string[]): number {
  let n = 0;
  for (const c of row) {
    if (c.length === 0) continue;
    let i = c.indexOf('\n');
    if (i < 0) {
      // A lone CR also ends a line in PapaParse's eyes.
      for (let k = c.indexOf('\r'); k >= 0; k = c.indexOf('\r', k + 1)) n++;
      continue;
    }
    for (; i >= 0; i = c.indexOf('\n', i + 1)) n++;
  }
  return n;
}

const HEADER_SEARCH_ROWS = 10;

/** Parses delimited text. `delimiter` '' lets PapaParse detect it. */
export function parseDelimited(
  text: string,
  ctx: ParseContext,
  delimiter = '',
): Result<DelimitedOutcome> {
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const rows = parsed.data;
  const rowErrors = new Map<number, string>();
  for (const e of parsed.errors)
    if (e.row !== undefined && e.row !== null && !rowErrors.has(e.row))
      rowErrors.set(e.row, `${e.message} (${e.code})`);

  // Line number of each row (1-based); rows can span lines through quoted line breaks.
  const hasQuotes = text.includes('"');
  const lineOf = (i: number, prevLine: number, prevRow: readonly string[] | undefined): number =>
    i === 0 ? 1 : prevLine + 1 + (hasQuotes && prevRow ? breaksIn(prevRow) : 0);

  // Header: the first row (of the first few non-blank ones) that names known fields.
  let headerIdx = -1;
  let firstNonBlank = -1;
  for (let i = 0, seen = 0; i < rows.length && seen < HEADER_SEARCH_ROWS; i++) {
    const row = rows[i]!;
    if (isBlank(row)) continue;
    seen++;
    if (firstNonBlank < 0) firstNonBlank = i;
    let known = 0;
    for (const c of row) if (matchHeader(c).field !== null) known++;
    if (known >= 2) {
      headerIdx = i;
      break;
    }
  }
  if (firstNonBlank < 0)
    return fail(
      'empty input: expected a CSV/TSV header row naming fields such as rw, aio, iops, lat_mean_us (English or Chinese) and data rows',
    );
  if (headerIdx < 0)
    return fail(
      'not a result table: no header row names known fields; expected columns such as storage, medium, aio, rw, iops, lat_mean_us (or 存储类型, 存储介质, 已开启内核aio, 读写模型, IOPS, 延迟)',
    );
  const header = rows[headerIdx]!;
  const sample: string[][] = [];
  for (let i = headerIdx + 1; i < rows.length && sample.length < 200; i++)
    if (!isBlank(rows[i]!)) sample.push(rows[i]!);
  const notes: string[] = [];
  const plan = planColumns([header], sample, notes);
  if (!planHasMetric(plan))
    return fail(
      `not a result table: the header (${header.filter((h) => h.trim() !== '').join(', ')}) has no metric column; expected iops, iops_total, lat_mean_us, lat_p99_us or bw_kib_s (or IOPS, 延迟, 带宽)`,
    );
  if (headerIdx > firstNonBlank)
    notes.push(`${headerIdx - firstNonBlank} line(s) above the header row skipped`);

  const records: ResultRecord[] = [];
  const rejected: RejectedRow[] = [];
  let read = 0;
  let line = 1;
  const total = rows.length;
  const step = total > 20000 ? Math.ceil(total / 20) : 0;
  const prefix = `${ctx.file}:`;
  for (let i = 0; i < total; i++) {
    line = lineOf(i, line, rows[i - 1]);
    if (i <= headerIdx) continue;
    const row = rows[i]!;
    if (step > 0 && i % step === 0) ctx.onProgress?.(i / total);
    if (row.length === 1 && (row[0] === '' || row[0]!.trim() === '')) continue;
    const papaError = rowErrors.get(i);
    if (papaError !== undefined) {
      read++;
      rejected.push({ file: ctx.file, line, reason: `malformed row: ${papaError}` });
      continue;
    }
    const out = convertRow(plan, row, ctx.set, prefix + line);
    if (out.kind === 'blank') continue;
    read++;
    if (out.kind === 'error') {
      rejected.push({ file: ctx.file, line, reason: out.reason });
      continue;
    }
    completeRecord(out.record);
    records.push(out.record);
  }
  ctx.onProgress?.(1);
  return ok({ records, rejected, read, notes, delimiter: parsed.meta.delimiter });
}
