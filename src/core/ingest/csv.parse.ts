/**
 * CSV and TSV through PapaParse (delimiter detected, quotes, CRLF). The header row is mapped by
 * our vocabulary (table.import.ts); each data row becomes a record or a rejected row with its
 * line number. Canonical CSVs written by csv.write.ts read back exactly.
 *
 * Rows are converted as PapaParse produces them (its `step` mode): the parsed string arrays die
 * young instead of piling up, which makes the whole ingest cheaper than holding Papa's full
 * result array (measured in bench/run.ts against bare `Papa.parse(text)`).
 */
import Papa from 'papaparse';
import type { RejectedRow, ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { ParseContext, ParsedInput } from './parsed.types';
import type { ColumnPlan, PlanSplit } from './table.import';
import { completeRecord, convertRow, planColumns, planHasMetric, splitPlan } from './table.import';
import { matchHeader } from './vocab';

export interface DelimitedOutcome extends ParsedInput {
  delimiter: string;
}

function isBlank(row: readonly string[]): boolean {
  for (let i = 0; i < row.length; i++) if (row[i] !== '' && row[i]!.trim() !== '') return false;
  return true;
}

const HEADER_SEARCH_ROWS = 10;
const SAMPLE_ROWS = 200;

interface Pending {
  row: string[];
  line: number;
  error: string | null;
}

const HEADER_DELIMITERS = [',', '\t', ';', '|'];

/**
 * The delimiter under which the first non-blank line reads as a header of known fields, or ''.
 * PapaParse's own guess weighs field-count consistency and can pick ';' for a canonical CSV whose
 * rows hold `a;b` flag lists; a header naming our fields is the stronger evidence.
 */
export function headerDelimiter(text: string): string {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + 8192)).replace(/\r$/, '');
    if (line.trim() !== '') {
      let best = '';
      let bestKnown = 1;
      for (const d of HEADER_DELIMITERS) {
        let known = 0;
        for (const c of line.split(d))
          if (matchHeader(c.trim().replace(/^"(.*)"$/, '$1')).field !== null) known++;
        if (known > bestKnown) {
          best = d;
          bestKnown = known;
        }
      }
      return best;
    }
    start = end + 1;
  }
  return '';
}

/** Parses delimited text. `delimiter` '' detects it (from the header, else by PapaParse). */
export function parseDelimited(
  text: string,
  ctx: ParseContext,
  delimiter = '',
): Result<DelimitedOutcome> {
  if (delimiter === '') delimiter = headerDelimiter(text);
  // Line numbers: without quotes every row is one line; with quotes, count breaks up to each row.
  const hasQuotes = text.includes('"');
  const breakChar = text.includes('\n') ? '\n' : '\r';
  let rowIndex = 0;
  let scanPos = 0;
  let breaksBefore = 0;

  let headerIdx = -1;
  let header: string[] | null = null;
  let nonBlankSeen = 0;
  let firstNonBlankIdx = -1;
  let notAResultSet: string | null = null;
  const buffered: Pending[] = [];
  let sampleCount = 0;
  let plan: ColumnPlan[] | null = null;
  const notes: string[] = [];
  let detected = delimiter;

  const records: ResultRecord[] = [];
  const rejected: RejectedRow[] = [];
  let read = 0;
  const prefix = `${ctx.file}:`;
  const total = text.length;
  const progressEvery = total > 2_000_000 ? 5000 : 0;

  let split: PlanSplit | null = null;
  let prevRow: string[] | null = null;
  let prevRec: ResultRecord | null = null;
  const process = (row: string[], line: number, error: string | null): void => {
    if (row.length === 1 && (row[0] === '' || row[0]!.trim() === '')) return;
    if (error !== null) {
      read++;
      rejected.push({ file: ctx.file, line, reason: `malformed row: ${error}` });
      return;
    }
    const out = convertRow(plan!, row, ctx.set, '', prevRow, prevRec, split);
    if (out === null) return;
    read++;
    if (typeof out === 'string') {
      rejected.push({ file: ctx.file, line, reason: out });
      return;
    }
    if (out.origin === '') out.origin = prefix + line;
    completeRecord(out);
    records.push(out);
    prevRow = row;
    prevRec = out;
  };

  const startPlan = (): boolean => {
    const sample: string[][] = [];
    for (const p of buffered) if (!isBlank(p.row)) sample.push(p.row);
    plan = planColumns([header!], sample, notes);
    split = splitPlan(plan);
    if (!planHasMetric(plan)) {
      notAResultSet = `not a result table: the header (${header!.filter((h) => h.trim() !== '').join(', ')}) has no metric column; expected iops, iops_total, lat_mean_us, lat_p99_us or bw_kib_s (or IOPS, 延迟, 带宽)`;
      return false;
    }
    for (const p of buffered) process(p.row, p.line, p.error);
    buffered.length = 0;
    return true;
  };

  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step(res, parser) {
      const row = res.data;
      const i = rowIndex++;
      let line = i + 1;
      if (hasQuotes) {
        line = breaksBefore + 1;
        const end = res.meta.cursor;
        for (
          let k = text.indexOf(breakChar, scanPos);
          k >= 0 && k < end;
          k = text.indexOf(breakChar, k + 1)
        )
          breaksBefore++;
        scanPos = end;
      }
      if (detected === '') detected = res.meta.delimiter;
      const error =
        res.errors.length > 0 ? `${res.errors[0]!.message} (${res.errors[0]!.code})` : null;
      if (progressEvery > 0 && i % progressEvery === 0) ctx.onProgress?.(res.meta.cursor / total);
      if (plan !== null) {
        process(row, line, error);
        return;
      }
      if (header === null) {
        if (isBlank(row)) return;
        if (firstNonBlankIdx < 0) firstNonBlankIdx = i;
        let known = 0;
        for (const c of row) if (matchHeader(c).field !== null) known++;
        if (known >= 2) {
          header = row;
          headerIdx = i;
          if (headerIdx > firstNonBlankIdx)
            notes.push(`${nonBlankSeen} line(s) above the header row skipped`);
        } else if (++nonBlankSeen >= HEADER_SEARCH_ROWS) parser.abort();
        return;
      }
      buffered.push({ row, line, error });
      if (!isBlank(row) && ++sampleCount >= SAMPLE_ROWS && !startPlan()) parser.abort();
    },
  });
  if (header === null) {
    if (firstNonBlankIdx < 0)
      return fail(
        'empty input: expected a CSV/TSV header row naming fields such as rw, aio, iops, lat_mean_us (English or Chinese) and data rows',
      );
    return fail(
      'not a result table: no header row names known fields; expected columns such as storage, medium, aio, rw, iops, lat_mean_us (or 存储类型, 存储介质, 已开启内核aio, 读写模型, IOPS, 延迟)',
    );
  }
  if (plan === null && notAResultSet === null) startPlan();
  if (notAResultSet !== null) return fail(notAResultSet);
  ctx.onProgress?.(1);
  return ok({ records, rejected, read, notes, delimiter: detected || ',' });
}
