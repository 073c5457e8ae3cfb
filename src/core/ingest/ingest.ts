/**
 * Entry points of the ingestion layer (pure: shared by the web app, its worker and the CLI).
 *   ingestBytes(bytes, opts) — detects the encoding, then ingestText
 *   ingestText(text, opts)   — detects the format (csv, tsv, json, fio-json, markdown), parses,
 *                              applies --set/--label, computes quality flags, accounts for rows.
 * `{ok:false}` means the input is not a result set at all; row problems are `report.rejected`.
 */
import type { IngestReport, ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import { parseDelimited } from './csv.parse';
import { decodeBytes } from './decode';
import { applyFlags } from './flags';
import type { IngestOptions, IngestOutcome, InputFormat } from './ingest.types';
import { parseFio } from './fio.parse';
import { parseJsonRecords } from './json.parse';
import { parseMarkdown } from './markdown.parse';
import type { ParseContext, ParsedInput } from './parsed.types';
import { applyLabels, completeRecord } from './table.import';
import type { TableField } from './vocab';
import { DEFAULT_UNIT, intern, matchHeader, setField } from './vocab';
import { emptyRecord } from './record.build';

export { recordsToCsv, csvColumns } from './csv.write';
export { explainFlags, applyFlags } from './flags';
export type { FlagExplanation, Lang } from './flags';

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

/** Guesses the format from the content (the file extension only breaks ties). */
export function detectFormat(text: string, fileName = ''): InputFormat | null {
  const t = text.length > 4096 ? text.slice(0, 4096).trimStart() : text.trimStart();
  if (t === '') return text.trim() === '' ? null : detectFormat(text.trimStart(), fileName);
  // A first line that is a delimited header row: CSV/TSV without scanning the whole text.
  const nl = t.indexOf('\n');
  const firstLine = nl < 0 ? t : t.slice(0, nl);
  if (!firstLine.startsWith('|') && !firstLine.startsWith('{') && !firstLine.startsWith('[')) {
    for (const d of ['\t', ',', ';']) {
      const cells = firstLine.split(d);
      if (cells.length < 2) continue;
      let known = 0;
      for (const c of cells) if (matchHeader(c.replace(/^"|"$/g, '')).field !== null) known++;
      if (known >= 2) return d === '\t' ? 'tsv' : 'csv';
    }
  }
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

/** Parses `--label key=value` facts; fails on a value the key's field cannot take. */
export function parseLabels(
  labels: Record<string, string>,
): Result<[TableField | null, string, string][]> {
  const out: [TableField | null, string, string][] = [];
  for (const [key, value] of Object.entries(labels)) {
    const field = matchHeader(key).field;
    if (field === 'origin' || field === 'flags')
      return fail(`--label ${key}: ${field} cannot be set by a label`);
    if (field !== null) {
      const err = setField(emptyRecord('', ''), field, value, DEFAULT_UNIT);
      if (err !== null) return fail(`--label ${key}=${value}: ${err}`);
    }
    out.push([field, key, value]);
  }
  return ok(out);
}

function runParser(
  format: InputFormat,
  text: string,
  ctx: ParseContext,
): Result<ParsedInput & { format: InputFormat }> {
  switch (format) {
    case 'markdown': {
      const r = parseMarkdown(text, ctx);
      return r.ok ? ok({ ...r.value, format }) : r;
    }
    case 'csv':
    case 'tsv': {
      const r = parseDelimited(text, ctx, format === 'tsv' ? '\t' : '');
      if (!r.ok) return r;
      return ok({ ...r.value, format: r.value.delimiter === '\t' ? 'tsv' : 'csv' });
    }
    case 'json': {
      let value: unknown;
      try {
        value = JSON.parse(text) as unknown;
      } catch (e) {
        return fail(
          `not valid JSON (${e instanceof Error ? e.message : String(e)}): expected an array of records or { "results": [ … ] }`,
        );
      }
      const r = parseJsonRecords(text, value, ctx);
      return r.ok ? ok({ ...r.value, format }) : r;
    }
    case 'fio-json': {
      const r = parseFio(text, ctx);
      return r.ok ? ok({ ...r.value, format }) : r;
    }
  }
}

/** Ingests decoded text. Never throws on bad input. */
export function ingestText(
  text: string,
  opts: IngestOptions,
  extraNotes: readonly string[] = [],
): Result<IngestOutcome> {
  const format = opts.format ?? detectFormat(text, opts.fileName);
  if (format === null)
    return fail(
      'empty input: expected a result set (CSV/TSV, JSON records, fio JSON output or a markdown table)',
    );
  const labels = parseLabels(opts.labels ?? {});
  if (!labels.ok) return labels;
  const file = baseName(opts.fileName);
  const set = opts.set ?? defaultSetName(opts.fileName);
  const ctx: ParseContext = {
    file,
    set,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  };
  let parsed: Result<ParsedInput & { format: InputFormat }>;
  try {
    parsed = runParser(format, text, ctx);
  } catch (e) {
    // Parsers are written not to throw; this keeps a bug from taking the whole app down.
    return fail(`could not read ${format}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!parsed.ok) {
    // fio's human-readable output is a common mistake: say how to get the machine-readable one.
    if (format !== 'fio-json' && /(^|\n)\s*(read|write)\s*: IOPS=/.test(text.slice(0, 100_000)))
      return fail(
        'this is fio normal (text) output: rerun fio with --output-format=json (or json+) and load that file',
      );
    return parsed;
  }
  const { records, notes } = parsed.value;
  const rejected = parsed.value.rejected.map((r) => ({ ...r, file: opts.fileName }));
  if (opts.set !== undefined) {
    const set = intern(opts.set);
    for (const r of records) r.set = set;
  }
  let kept: ResultRecord[] = records;
  if (labels.value.length > 0) {
    kept = [];
    for (const r of records) {
      const err = applyLabels(r, labels.value);
      if (err !== null) {
        rejected.push({ file: opts.fileName, line: lineOfOrigin(r.origin), reason: err });
        continue;
      }
      completeRecord(r);
      kept.push(r);
    }
  }
  applyFlags(kept);
  let flagged = 0;
  for (const r of kept) if (r.flags.length > 0) flagged++;
  const report: IngestReport = {
    file: opts.fileName,
    format: parsed.value.format,
    read: kept.length + rejected.length,
    accepted: kept.length,
    rejected,
    flagged,
    notes: [...extraNotes, ...notes],
  };
  if (parsed.value.read !== report.read)
    report.notes.push(`accounting: parser read ${parsed.value.read} rows, reported ${report.read}`);
  return ok({ records: kept, report });
}

function lineOfOrigin(origin: string): number {
  const m = /:(\d+)$/.exec(origin);
  return m ? Number(m[1]) : 0;
}

/** Ingests raw bytes: detects the encoding (BOM, UTF-16, UTF-8, GB18030), then the format. */
export function ingestBytes(bytes: Uint8Array, opts: IngestOptions): Result<IngestOutcome> {
  const d = decodeBytes(bytes);
  const note =
    d.encoding === 'utf-8' && !d.bom
      ? []
      : [`decoded as ${d.encoding.toUpperCase()}${d.bom ? ' (BOM)' : ''}`];
  return ingestText(d.text, opts, note);
}

/**
 * Reads a canonical CSV (as written by recordsToCsv) back into records:
 * csvToRecords(recordsToCsv(rs)) deep-equals rs for records produced by ingest.
 */
export function csvToRecords(text: string, fileName = 'data.csv'): Result<ResultRecord[]> {
  const r = ingestText(text, { fileName, format: 'csv' });
  if (!r.ok) return r;
  if (r.value.report.rejected.length > 0) {
    const first = r.value.report.rejected[0]!;
    return fail(`${first.file}:${first.line}: ${first.reason}`);
  }
  return ok(r.value.records);
}
