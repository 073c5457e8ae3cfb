/**
 * Ingest of a whole decoded text and the finishing step shared with the streaming CSV path:
 * `--label` parsing, the parser per format, set override, path facts, labels, quality flags and
 * the row accounting of the report.
 */
import type { IngestReport, ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import { parseDelimited } from './csv.parse';
import { applyFlags } from './flags';
import { defaultSetName, detectFormat } from './ingest.detect';
import type { IngestOptions, IngestOutcome, InputFormat } from './ingest.types';
import { parseFio } from './fio.parse';
import { parseJsonRecords } from './json.parse';
import { parseMarkdown } from './markdown.parse';
import type { ParseContext, ParsedInput } from './parsed.types';
import { applyPathFacts, originPath, pathFacts } from './path.facts';
import { applyLabels, completeRecord } from './table.import';
import type { TableField } from './vocab';
import { DEFAULT_UNIT, intern } from './vocab';
import { matchHeader } from './vocab.headers';
import { setField } from './vocab.set-field';
import { emptyRecord } from './record.build';
import { StringPool } from './string.pool';

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

export const EMPTY_INPUT =
  'empty input: expected a result set (CSV/TSV, JSON records, fio JSON output or a markdown table)';
export const FIO_TEXT_HINT =
  'this is fio normal (text) output: rerun fio with --output-format=json (or json+) and load that file';
/** fio's human-readable output, a common mistake, is recognised in this many first characters. */
export const FIO_HINT_CHARS = 100_000;
export const isFioText = (head: string): boolean => /(^|\n)\s*(read|write)\s*: IOPS=/.test(head);

/** The set's folder and the file's path: every segment may name an environment fact. */
function factsPathOf(opts: IngestOptions): string {
  return opts.folder ? `${opts.folder}/${opts.fileName}` : opts.fileName;
}

/** Context of one ingest: path in origins, set name, progress, shared strings. */
export function contextOf(opts: IngestOptions, total?: number): ParseContext {
  const ctx: ParseContext = {
    file: originPath(opts.fileName),
    factsPath: factsPathOf(opts),
    set: opts.set ?? defaultSetName(opts.fileName),
    pool: new StringPool(),
  };
  if (opts.onProgress) ctx.onProgress = opts.onProgress;
  if (total !== undefined) ctx.total = total;
  if (opts.map) ctx.map = opts.map;
  if (opts.previewRows) ctx.previewRows = opts.previewRows;
  return ctx;
}

/** Ingests a whole decoded text (every format; the end of a non-delimited text ingester). */
export function ingestWhole(
  text: string,
  opts: IngestOptions,
  extraNotes: readonly string[],
): Result<IngestOutcome> {
  const format = opts.format ?? detectFormat(text, opts.fileName, opts.map);
  if (format === null) return fail(EMPTY_INPUT);
  const labels = parseLabels(opts.labels ?? {});
  if (!labels.ok) return labels;
  const ctx = contextOf(opts, text.length);
  let parsed: Result<ParsedInput & { format: InputFormat }>;
  try {
    parsed = runParser(format, text, ctx);
  } catch (e) {
    // Parsers are written not to throw; this keeps a bug from taking the whole app down.
    return fail(`could not read ${format}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!parsed.ok) {
    // fio's human-readable output is a common mistake: say how to get the machine-readable one.
    if (format !== 'fio-json' && isFioText(text.slice(0, FIO_HINT_CHARS)))
      return fail(FIO_TEXT_HINT);
    return parsed;
  }
  return finish(parsed.value, opts, labels.value, extraNotes, ctx.pool!);
}

/** Labels, set override, flags and the report of parsed records (every format). */
export function finish(
  parsed: ParsedInput & { format: InputFormat },
  opts: IngestOptions,
  labels: readonly [TableField | null, string, string][],
  extraNotes: readonly string[],
  pool: StringPool,
): Result<IngestOutcome> {
  const { records } = parsed;
  const notes = [...parsed.notes];
  const rejected = parsed.rejected.map((r) => ({ ...r, file: opts.fileName }));
  if (opts.set !== undefined) {
    const set = intern(opts.set);
    for (const r of records) r.set = set;
  }
  // Facts in the path's folder and file names (fio's parser applies them itself, before its
  // own derivations): they fill what the rows left empty.
  const facts = parsed.format === 'fio-json' ? [] : pathFacts(factsPathOf(opts));
  if (facts.length > 0) {
    const used = new Set<string>();
    for (const r of records) if (applyPathFacts(r, facts, used)) completeRecord(r);
    for (const n of used) notes.push(n);
  }
  let kept: ResultRecord[] = records;
  if (labels.length > 0) {
    kept = [];
    for (const r of records) {
      const err = applyLabels(r, labels);
      if (err !== null) {
        rejected.push({ file: opts.fileName, line: lineOfOrigin(r.origin), reason: err });
        continue;
      }
      completeRecord(r);
      r.extra = pool.shareExtra(r.extra); // labels may have added extra columns
      kept.push(r);
    }
  }
  applyFlags(kept);
  let flagged = 0;
  for (const r of kept)
    if (r.flags.length > 0) {
      flagged++;
      r.flags = pool.shareFlags(r.flags);
    }
  const report: IngestReport = {
    file: opts.fileName,
    format: parsed.format,
    read: kept.length + rejected.length,
    accepted: kept.length,
    rejected,
    flagged,
    notes: [...extraNotes, ...notes],
  };
  if (parsed.columns) {
    report.columns = parsed.columns;
    // A --map header no column has: say so (a typo would otherwise change nothing silently).
    if (opts.map) {
      const headers = new Set(parsed.columns.map((c) => c.header.trim().toLowerCase()));
      for (const h of Object.keys(opts.map))
        if (!headers.has(h.trim().toLowerCase()))
          report.notes.push(`--map ${h}: no column has this header`);
    }
  }
  if (parsed.read !== report.read)
    report.notes.push(`accounting: parser read ${parsed.read} rows, reported ${report.read}`);
  return ok({ records: kept, report });
}

function lineOfOrigin(origin: string): number {
  const m = /:(\d+)$/.exec(origin);
  return m ? Number(m[1]) : 0;
}
