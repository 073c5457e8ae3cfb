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
 * Format detection is in ingest.detect.ts, the whole-text parse and the finishing step (labels,
 * flags, report) in ingest.whole.ts; both are re-exported here.
 */
import type { ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import { DelimitedParser } from './csv.parse';
import { StreamDecoder } from './decode';
import { delimitedFromHead, HEAD_CHARS } from './ingest.detect';
import type { IngestOptions, IngestOutcome } from './ingest.types';
import type { ParseContext, ParsedInput } from './parsed.types';
import {
  contextOf,
  EMPTY_INPUT,
  FIO_HINT_CHARS,
  FIO_TEXT_HINT,
  finish,
  ingestWhole,
  isFioText,
  parseLabels,
} from './ingest.whole';
import { releaseLastMatch } from './string.pool';

export { recordsToCsv, csvColumns } from './csv.write';
export { explainFlags, applyFlags } from './flags';
export type { FlagExplanation, Lang } from './flags';
export { baseName, defaultSetName, detectFormat } from './ingest.detect';
export { parseLabels } from './ingest.whole';

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
