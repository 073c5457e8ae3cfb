/**
 * CSV and TSV through PapaParse (delimiter detected, quotes, CRLF). The header row is mapped by
 * our vocabulary (table.import.ts); each data row becomes a record or a rejected row with its
 * line number. Canonical CSVs written by csv.write.ts read back exactly.
 *
 * Incremental: DelimitedParser takes the text in pieces cut anywhere (mid-line, mid-quote) and
 * gives the same records, rejections and notes as one parse of the whole text — it drives
 * PapaParse's own per-file parser the way Papa's chunk streamers do (each call parses the
 * complete rows and hands back the partial last one). Rows are converted as Papa produces them,
 * so neither the row arrays nor the text pile up: a 1M-row file is read in 64 KiB pieces.
 *
 * Which row is the header and which delimiter the text uses is decided in csv.header.ts.
 */
import Papa from 'papaparse';
import type { RejectedRow, ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { ParseContext, ParsedInput } from './parsed.types';
import { detach, GLOBAL_POOL, joinFlat } from './string.pool';
import type { ColumnPlan, PlanSplit } from './table.import';
import { completeRecord, convertRow, planColumns, planHasMetric, splitPlan } from './table.import';
import type { ColumnInference } from './column-map';
import { headerDelimiterOf, isBlank, isKnownHeader, isTextRow } from './csv.header';

export { headerDelimiter, isKnownHeader } from './csv.header';

export interface DelimitedOutcome extends ParsedInput {
  delimiter: string;
}

const HEADER_SEARCH_ROWS = 10;
const SAMPLE_ROWS = 200;

interface Pending {
  row: string[];
  line: number;
  error: string | null;
}

/** PapaParse's parser of one file (Papa.parse and its chunk streamers drive one; not in its typings). */
interface PapaHandle {
  parse(input: string, baseIndex: number, ignoreLastRow: boolean): unknown;
}
type PapaHandleClass = new (config: Papa.ParseConfig<string[]>) => PapaHandle;
const ParserHandle = (Papa as unknown as { ParserHandle: PapaHandleClass }).ParserHandle;

/**
 * Papa guesses the line ending from the first 1 MiB of its first input (and the delimiter, when
 * not given, from its first rows): the first parse waits for that much text, so that both
 * guesses are the ones a parse of the whole text makes. (+1: a byte-order mark is dropped.)
 */
const FIRST_PARSE_CHARS = 1024 * 1024 + 1;
/** Later parses wait for this much text: small pieces would re-scan the partial row each time. */
const PARSE_CHARS = 64 * 1024;

/**
 * Delimited text fed in pieces. `push` as the text arrives (any split), then `end` once:
 * the outcome equals parseDelimited of the concatenation. `delimiter` '' detects it (from the
 * header, else by PapaParse).
 */
export class DelimitedParser {
  private readonly ctx: ParseContext;
  private delimiter: string;
  private readonly pool;
  private handle: PapaHandle | null = null;
  /** Text received and not parsed yet (the partial last row comes first). */
  private queued: string[] = [];
  private queuedLength = 0;
  /** The partial last row of the previous parse. */
  private partial = '';
  /** Characters before `partial` (the cursor of Papa's rows is counted from the first). */
  private base = 0;
  private started = false;
  private stopped = false;

  // Line numbers: line breaks counted up to each row's start.
  private breakChar = '\n';
  private breaksBefore = 0;
  private input = '';
  private scanPos = 0;
  private rowIndex = 0;
  /** Papa's line break and delimiter, from its first row ('' before). */
  private linebreak = '';
  private papaDelimiter = '';

  private headerIdx = -1;
  private header: string[] | null = null;
  private nonBlankSeen = 0;
  private firstNonBlankIdx = -1;
  private notAResultSet: string | null = null;
  private readonly buffered: Pending[] = [];
  private sampleCount = 0;
  private plan: ColumnPlan[] | null = null;
  private split: PlanSplit | null = null;
  private readonly notes: string[] = [];
  private columns: ColumnInference[] | null = null;
  private detected: string;

  private readonly records: ResultRecord[] = [];
  private readonly rejected: RejectedRow[] = [];
  private read = 0;
  private readonly prefix: string;
  private readonly progressEvery: number;
  private prevRow: string[] | null = null;
  /** The two cells arrays splitRows alternates between. */
  private readonly cellsA: string[] = [];
  private readonly cellsB: string[] = [];
  private prevRec: ResultRecord | null = null;

  constructor(ctx: ParseContext, delimiter = '') {
    this.ctx = ctx;
    this.delimiter = delimiter;
    this.detected = delimiter;
    this.pool = ctx.pool ?? GLOBAL_POOL;
    this.prefix = `${ctx.file}:`;
    this.progressEvery = (ctx.total ?? 0) > 2_000_000 ? 5000 : 0;
  }

  /** Feeds the next piece of text. */
  push(text: string): void {
    if (this.stopped || text === '') return;
    this.queued.push(text);
    this.queuedLength += text.length;
    if (this.queuedLength >= (this.started ? PARSE_CHARS : FIRST_PARSE_CHARS)) this.parse(false);
  }

  /** Ends the text: the outcome of the whole. */
  end(): Result<DelimitedOutcome> {
    if (!this.stopped) this.parse(true);
    this.queued = [];
    this.partial = '';
    this.input = '';
    const { ctx, header, notes } = this;
    if (header === null) {
      if (this.firstNonBlankIdx < 0)
        return fail(
          'empty input: expected a CSV/TSV header row naming fields such as rw, aio, iops, lat_mean_us (English or Chinese) and data rows',
        );
      return fail(
        'not a result table: no header row names known fields; expected columns such as storage, medium, aio, rw, iops, lat_mean_us (or 存储类型, 存储介质, 已开启内核aio, 读写模型, IOPS, 延迟)',
      );
    }
    if (this.plan === null && this.notAResultSet === null) this.startPlan();
    if (this.notAResultSet !== null) return fail(this.notAResultSet);
    ctx.onProgress?.(1);
    return ok({
      records: this.records,
      rejected: this.rejected,
      read: this.read,
      // Notes quote header cells: flat copies, so that the report keeps no slice of the text.
      notes: notes.map(detach),
      ...(this.columns ? { columns: this.columns } : {}),
      delimiter: this.detected || ',',
    });
  }

  /** Parses the queued text: its complete rows, or every row when `final`. */
  private parse(final: boolean): void {
    let text = this.queued.length === 1 ? this.queued[0]! : this.queued.join('');
    if (!this.started) {
      if (this.delimiter === '') {
        const d = headerDelimiterOf(text, final, this.ctx.map);
        if (d === null) return; // the header line is not complete yet: wait for more text
        this.delimiter = d;
        this.detected = d;
      }
      this.started = true;
      this.breakChar = text.includes('\n') ? '\n' : '\r';
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // as Papa.parse does
      this.handle = new ParserHandle({
        delimiter: this.delimiter,
        skipEmptyLines: false,
        step: (res: Papa.ParseStepResult<string[]>, parser: Papa.Parser) => this.step(res, parser),
      });
      this.queued = [];
      this.queuedLength = 0;
      if (text.length > FIRST_PARSE_CHARS) {
        // Papa guesses from its first input: give it the first 1 MiB, as a parse of the whole
        // text does, then go on with the rest (a slice of the same text: no copy).
        this.run(text.slice(0, FIRST_PARSE_CHARS), false);
        if (this.stopped) return;
        text = text.slice(this.base);
        this.partial = '';
      }
    } else {
      if (this.partial !== '') text = this.partial + text;
      this.queued = [];
      this.queuedLength = 0;
    }
    this.run(text, final);
  }

  /** Parses `text` (the partial row first); keeps the partial last row unless `final`. */
  private run(text: string, final: boolean): void {
    this.input = text;
    this.scanPos = 0;
    if (this.linebreak !== '' && text.indexOf('"') < 0) this.splitRows(text, final);
    else this.handle!.parse(text, this.base, !final);
    if (this.stopped || final) return;
    // Papa's cursor stops at the start of the row it left out; the scan has counted up to there.
    const consumed = this.scanPos;
    this.partial = consumed === 0 ? text : text.slice(consumed);
    this.base += consumed;
  }

  /**
   * Papa's own fast path for a text without a quote character (split on the line break, then on
   * the delimiter: Parser.parse when `input.indexOf(quoteChar) === -1`), with the line break and
   * delimiter of its first parse, but without its per-row arrays, result objects and callbacks.
   */
  private splitRows(text: string, final: boolean): void {
    if (text === '') return; // Papa: no row in an empty input
    const nl = this.linebreak;
    const d = this.papaDelimiter;
    const nlLen = nl.length;
    const dLen = d.length;
    let start = 0;
    let nextD = text.indexOf(d); // searched once per delimiter, not once per row
    for (;;) {
      let end = text.indexOf(nl, start);
      const lastRow = end < 0;
      if (lastRow) {
        if (!final) return; // the partial last row
        end = text.length;
      }
      // row.split(d), into an array reused once rows are converted as they come (no new array
      // per row; convertRow only compares with the previous row's cells).
      const cells = this.plan !== null ? this.spareCells() : [];
      let n = 0;
      let from = start;
      while (nextD >= 0 && nextD + dLen <= end) {
        cells[n++] = text.slice(from, nextD);
        from = nextD + dLen;
        nextD = text.indexOf(d, from);
      }
      cells[n++] = text.slice(from, end);
      cells.length = n;
      const cursor = lastRow ? end : end + nlLen;
      if (nextD >= 0 && nextD < cursor) nextD = text.indexOf(d, cursor); // inside the line break
      if (this.row(cells, cursor, null)) {
        this.stopped = true;
        return;
      }
      if (lastRow) return;
      start = cursor;
    }
  }

  /** A cells array that does not hold the previous converted row (convertRow compares with it). */
  private spareCells(): string[] {
    return this.cellsA === this.prevRow ? this.cellsB : this.cellsA;
  }

  private step(res: Papa.ParseStepResult<string[]>, parser: Papa.Parser): void {
    this.linebreak = res.meta.linebreak;
    this.papaDelimiter = res.meta.delimiter;
    const error =
      res.errors.length > 0 ? `${res.errors[0]!.message} (${res.errors[0]!.code})` : null;
    if (this.row(res.data, res.meta.cursor - this.base, error)) {
      this.stopped = true;
      parser.abort();
    }
  }

  /** One parsed row, ending at `end` in the current input. true: stop reading (not a table). */
  private row(row: string[], end: number, error: string | null): boolean {
    const i = this.rowIndex++;
    const line = this.breaksBefore + 1;
    // Count the line breaks of this row (quoted cells may hold some) up to the next row.
    const text = this.input;
    const br = this.breakChar;
    for (let k = text.indexOf(br, this.scanPos); k >= 0 && k < end; k = text.indexOf(br, k + 1))
      this.breaksBefore++;
    this.scanPos = end;
    if (this.detected === '') this.detected = this.papaDelimiter;
    if (this.progressEvery > 0 && i % this.progressEvery === 0)
      this.ctx.onProgress?.((this.base + end) / this.ctx.total!);
    if (this.plan !== null) {
      this.process(row, line, error);
      return false;
    }
    if (this.header === null) {
      if (isBlank(row)) return false;
      if (this.firstNonBlankIdx < 0) this.firstNonBlankIdx = i;
      let known = 0;
      for (const c of row) if (isKnownHeader(c, this.ctx.map)) known++;
      if (known >= 2 || (known === 1 && this.nonBlankSeen === 0 && isTextRow(row))) {
        this.header = row;
        this.headerIdx = i;
        if (this.headerIdx > this.firstNonBlankIdx)
          this.notes.push(`${this.nonBlankSeen} line(s) above the header row skipped`);
        return false;
      }
      return ++this.nonBlankSeen >= HEADER_SEARCH_ROWS;
    }
    this.buffered.push({ row, line, error });
    return !isBlank(row) && ++this.sampleCount >= SAMPLE_ROWS && !this.startPlan();
  }

  private process(row: string[], line: number, error: string | null): void {
    if (row.length === 1 && (row[0] === '' || row[0]!.trim() === '')) return;
    const { ctx } = this;
    if (error !== null) {
      this.read++;
      this.rejected.push({ file: ctx.file, line, reason: `malformed row: ${error}` });
      return;
    }
    const out = convertRow(
      this.plan!,
      row,
      ctx.set,
      '',
      this.prevRow,
      this.prevRec,
      this.split,
      this.pool,
    );
    if (out === null) return;
    this.read++;
    if (typeof out === 'string') {
      // Flat: a reason quotes the cell, a slice of the text.
      this.rejected.push({ file: ctx.file, line, reason: detach(out) });
      return;
    }
    if (out.origin === '') out.origin = joinFlat(this.prefix, line);
    completeRecord(out);
    this.records.push(out);
    this.prevRow = row;
    this.prevRec = out;
  }

  private startPlan(): boolean {
    const sample: string[][] = [];
    for (const p of this.buffered) if (!isBlank(p.row)) sample.push(p.row);
    const header = this.header!;
    const columns: ColumnInference[] = [];
    this.plan = planColumns([header], sample, this.notes, {
      ...(this.ctx.map ? { map: this.ctx.map } : {}),
      inferences: columns,
    });
    this.columns = columns;
    const preview = this.ctx.previewRows;
    if (preview) {
      preview.rows.push(header.map(detach));
      for (const row of sample.slice(0, preview.max)) preview.rows.push(row.map(detach));
    }
    this.split = splitPlan(this.plan);
    if (!planHasMetric(this.plan)) {
      this.notAResultSet = `not a result table: the header (${header.filter((h) => h.trim() !== '').join(', ')}) has no metric column; expected iops, iops_total, lat_mean_us, lat_p99_us or bw_kib_s (or IOPS, 延迟, 带宽)`;
      return false;
    }
    for (const p of this.buffered) this.process(p.row, p.line, p.error);
    this.buffered.length = 0;
    return true;
  }
}

/** Parses delimited text. `delimiter` '' detects it (from the header, else by PapaParse). */
export function parseDelimited(
  text: string,
  ctx: ParseContext,
  delimiter = '',
): Result<DelimitedOutcome> {
  const p = new DelimitedParser({ total: text.length, ...ctx }, delimiter);
  p.push(text);
  return p.end();
}
