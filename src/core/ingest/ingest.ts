/**
 * Entry points of the ingestion layer (pure: shared by the web app, its worker and the CLI).
 *   ingestBytes(bytes, opts) — detects the encoding, then ingests the text
 *   ingestText(text, opts)   — detects the format (csv, tsv, json, fio-json, markdown), parses,
 *                              applies --set/--label, computes quality flags, accounts for rows.
 *   ingestStream(open, opts) — ingestBytes of bytes that arrive in pieces (a file stream)
 *   createTextIngester / createByteIngester — the same, pushed piece by piece
 * `{ok:false}` means the input is not a result set at all; row problems are `report.rejected`.
 *
 * CSV and TSV are read incrementally (csv.parse.ts): neither the file's text nor its rows are
 * held at once, and records keep no slice of the text (string.pool.ts), so a 1M-row file fits a
 * browser tab. The other formats are small documents, parsed whole at the end of the input.
 */
import type { IngestReport, ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { ColumnMap } from './column-map';
import { DelimitedParser, isKnownHeader, parseDelimited } from './csv.parse';
import { StreamDecoder } from './decode';
import { applyFlags } from './flags';
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
import { releaseLastMatch, StringPool } from './string.pool';

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

/** detectFormat reads the first line within this many characters. */
const HEAD_CHARS = 4096;

/**
 * The format when the first line within the first 4096 characters is a delimited header row
 * (CSV/TSV, decided without the rest of the text), else null. `head` is the text or a prefix
 * of it longer than 4096 characters.
 */
function delimitedFromHead(head: string, map?: ColumnMap): 'csv' | 'tsv' | null {
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

const EMPTY_INPUT =
  'empty input: expected a result set (CSV/TSV, JSON records, fio JSON output or a markdown table)';
const FIO_TEXT_HINT =
  'this is fio normal (text) output: rerun fio with --output-format=json (or json+) and load that file';
/** fio's human-readable output, a common mistake, is recognised in this many first characters. */
const FIO_HINT_CHARS = 100_000;
const isFioText = (head: string): boolean => /(^|\n)\s*(read|write)\s*: IOPS=/.test(head);

/** Ingests decoded text. Never throws on bad input. */
export function ingestText(
  text: string,
  opts: IngestOptions,
  extraNotes: readonly string[] = [],
): Result<IngestOutcome> {
  const ingester = createTextIngester(opts, { notes: extraNotes, total: text.length });
  ingester.push(text);
  return ingester.end();
}

/** The set's folder and the file's path: every segment may name an environment fact. */
function factsPathOf(opts: IngestOptions): string {
  return opts.folder ? `${opts.folder}/${opts.fileName}` : opts.fileName;
}

/** Context of one ingest: path in origins, set name, progress, shared strings. */
function contextOf(opts: IngestOptions, total?: number): ParseContext {
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
function ingestWhole(
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
function finish(
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

/** Decoded text fed in pieces (cut anywhere); `end` gives ingestText of the concatenation. */
export interface TextIngester {
  push(text: string): void;
  end(): Result<IngestOutcome>;
  /** True once the text is known to be CSV/TSV, parsed as it arrives (else kept for `end`). */
  readonly streaming: boolean;
}

/**
 * An incremental ingestText. CSV and TSV (known from the first line) are parsed as the text
 * arrives and no piece is kept; other formats are kept and parsed whole at the end.
 * @param init.notes notes that open the report (e.g. the encoding); init.total: the length of the
 *   whole text when known, for progress (else the caller reports progress)
 */
export function createTextIngester(
  opts: IngestOptions,
  init: { notes?: readonly string[]; total?: number } = {},
): TextIngester {
  const extraNotes = init.notes ?? [];
  const labels = parseLabels(opts.labels ?? {});
  // 'head': deciding the format; 'whole': keeping the text for the end; 'delimited': streaming.
  let mode: 'head' | 'whole' | 'delimited' = 'head';
  let pieces: string[] = [];
  let length = 0;
  let nonBlank = false; // only tracked when the labels are invalid (nothing else is done then)
  let parser: DelimitedParser | null = null;
  let ctx: ParseContext | null = null;
  let hint = ''; // the first characters, for the fio text-output hint
  let failure: string | null = null;
  let format: 'csv' | 'tsv' = 'csv';

  const feed = (text: string): void => {
    if (hint.length < FIO_HINT_CHARS) hint += text.slice(0, FIO_HINT_CHARS - hint.length);
    try {
      parser!.push(text);
    } catch (e) {
      failure = `could not read ${format}: ${e instanceof Error ? e.message : String(e)}`;
    }
  };
  const decide = (): void => {
    const text = pieces.length === 1 ? pieces[0]! : pieces.join('');
    const f = opts.format ?? delimitedFromHead(text.slice(0, 2 * HEAD_CHARS), opts.map);
    if (f !== 'csv' && f !== 'tsv') {
      mode = 'whole';
      pieces = [text];
      return;
    }
    mode = 'delimited';
    format = f;
    pieces = [];
    ctx = contextOf(opts, init.total);
    parser = new DelimitedParser(ctx, f === 'tsv' ? '\t' : '');
    feed(text);
  };

  const outcome = (): Result<IngestOutcome> => {
    if (!labels.ok) return opts.format === undefined && !nonBlank ? fail(EMPTY_INPUT) : labels;
    if (mode !== 'delimited') {
      const text = pieces.length === 1 ? pieces[0]! : pieces.join('');
      pieces = [];
      return ingestWhole(text, opts, extraNotes);
    }
    if (failure !== null) return fail(failure);
    let parsed: Result<ParsedInput & { delimiter: string }>;
    try {
      parsed = parser!.end();
    } catch (e) {
      return fail(`could not read ${format}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!parsed.ok) return isFioText(hint) ? fail(FIO_TEXT_HINT) : parsed;
    const value = {
      ...parsed.value,
      format: parsed.value.delimiter === '\t' ? 'tsv' : 'csv',
    } as const;
    return finish(value, opts, labels.value, extraNotes, ctx!.pool!);
  };

  return {
    get streaming() {
      return mode === 'delimited';
    },
    push(text: string): void {
      if (text === '' || failure !== null) return;
      if (!labels.ok) {
        nonBlank ||= /\S/.test(text);
        return;
      }
      if (mode === 'delimited') return feed(text);
      pieces.push(text);
      length += text.length;
      if (mode === 'head' && length > HEAD_CHARS) decide();
    },
    end(): Result<IngestOutcome> {
      const out = outcome();
      releaseLastMatch();
      return out;
    },
  };
}

function lineOfOrigin(origin: string): number {
  const m = /:(\d+)$/.exec(origin);
  return m ? Number(m[1]) : 0;
}

/** Bytes fed in pieces (cut anywhere); `end` gives ingestBytes of the concatenation. */
export interface ByteIngester {
  /**
   * Feeds the next bytes. false: the bytes are not UTF-8 after all (decodeBytes would read the
   * file as GB18030): stop, and ingest the bytes again from the start with a byte ingester
   * created with `{ encoding: 'gb18030' }` (ingestStream does this).
   */
  push(bytes: Uint8Array): boolean;
  /** The outcome; null in the case push returns false for. */
  end(): Result<IngestOutcome> | null;
}

/**
 * An incremental ingestBytes: the encoding is decided on the first 4096 bytes (BOM, UTF-16), the
 * text decoded piece by piece and handed to a text ingester.
 * @param init.size the total number of bytes, when known: progress is reported as bytes read
 */
export function createByteIngester(
  opts: IngestOptions,
  init: { size?: number; encoding?: 'gb18030' } = {},
): ByteIngester {
  const decoder = new StreamDecoder(init.encoding ?? null);
  const { onProgress } = opts;
  let text: TextIngester | null = null;
  let read = 0;
  const notes = (): string[] =>
    decoder.encoding === 'utf-8' && !decoder.bom
      ? []
      : [`decoded as ${(decoder.encoding ?? 'utf-8').toUpperCase()}${decoder.bom ? ' (BOM)' : ''}`];
  const give = (piece: string | null): boolean => {
    if (piece === null) return false;
    if (piece === '') return true;
    text ??= createTextIngester(opts, { notes: notes() });
    text.push(piece);
    return true;
  };
  return {
    push(bytes: Uint8Array): boolean {
      if (!give(decoder.push(bytes))) return false;
      read += bytes.length;
      // A delimited text's length is not known while it streams: its progress is the bytes read.
      if (onProgress && text?.streaming && init.size && read < init.size)
        onProgress(read / init.size);
      return true;
    },
    end(): Result<IngestOutcome> | null {
      if (!give(decoder.end())) return null;
      text ??= createTextIngester(opts, { notes: notes() });
      return text.end();
    },
  };
}

/**
 * Bytes decoded at a time. The text of a piece stays below V8's large-object size (128 KiB), so
 * it is collected young: 1 MiB pieces, each a large object counted against the old generation,
 * made the 1M-row ingest run 10 full collections instead of 3 (5.7 s instead of 4.3–4.6 s).
 */
const BYTE_PIECE = 64 * 1024;

/** Ingests raw bytes: detects the encoding (BOM, UTF-16, UTF-8, GB18030), then the format. */
export function ingestBytes(bytes: Uint8Array, opts: IngestOptions): Result<IngestOutcome> {
  for (const encoding of [null, 'gb18030'] as const) {
    const ingester = createByteIngester(opts, {
      size: bytes.length,
      ...(encoding ? { encoding } : {}),
    });
    let fits = true;
    for (let at = 0; fits && at < bytes.length; at += BYTE_PIECE)
      fits = ingester.push(bytes.subarray(at, at + BYTE_PIECE));
    const r = fits ? ingester.end() : null;
    if (r !== null) return r;
  }
  return fail('could not decode the file'); // unreachable: GB18030 decodes any bytes
}

/**
 * ingestBytes of a byte stream that `open` can start again (a file: Node's fs.createReadStream,
 * the browser's File.stream()): only a piece of the file is in memory at a time. Pieces of about
 * 64 KiB suit it best (see BYTE_PIECE); Node's file streams read 64 KiB by default. A file that is
 * not UTF-8 after all is read a second time as GB18030 (see ByteIngester).
 * @param size the file's size in bytes, for progress
 */
export async function ingestStream(
  open: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: IngestOptions,
  size?: number,
): Promise<Result<IngestOutcome>> {
  for (const encoding of [null, 'gb18030'] as const) {
    const ingester = createByteIngester(opts, {
      ...(size !== undefined ? { size } : {}),
      ...(encoding ? { encoding } : {}),
    });
    let fits = true;
    for await (const bytes of open()) if (!(fits = ingester.push(bytes))) break;
    const r = fits ? ingester.end() : null;
    if (r !== null) return r;
  }
  return fail('could not decode the file');
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
