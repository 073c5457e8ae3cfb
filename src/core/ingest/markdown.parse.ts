/**
 * Markdown pipe tables as wiki (Confluence) exports produce them. Handles the seed's hazards:
 * header rows shifted against the data, two-row headers, section rows spanning the table (some
 * carrying a bare-metal baseline → `layer=host` records), blank rows, a "test constants" table
 * that applies to every record of the document, and non-result tables (ignored with a note).
 */
import type { RejectedRow, ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import { asBytes, asIops, asSeconds } from '../model/units';
import type { ColumnInference } from './column-map';
import type { ParseContext, ParsedInput } from './parsed.types';
import { emptyRecord, setExtra } from './record.build';
import { completeRecord, convertRow, planColumns, planHasMetric } from './table.import';
import { parseBlockSize, parseCount, parseSeconds } from './units.parse';
import { matchHeader } from './vocab.headers';
import { normalizeLabel } from './vocab';
import { parseCache, parseRw, stripDefaultMarker } from './vocab.values';

interface MdRow {
  line: number;
  cells: string[];
}
interface MdTable {
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

function findTables(lines: readonly string[]): MdTable[] {
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
function isHeaderLike(cells: readonly string[]): boolean {
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

/** Facts of the "test constants" table, split by what they describe. */
interface DocConstants {
  /** fio job facts: apply to guest and host (bare-metal) records. */
  fio: {
    bs: number | null;
    iodepth: number | null;
    numjobs: number | null;
    ioengine: string | null;
    runtime_s: number | null;
    extra: Record<string, string>;
  };
  /** Virtual-disk facts: apply to guest records only. */
  disk: { fs: string | null; cache: ResultRecord['cache']; extra: Record<string, string> };
}

function emptyConstants(): DocConstants {
  return {
    fio: { bs: null, iodepth: null, numjobs: null, ioengine: null, runtime_s: null, extra: {} },
    disk: { fs: null, cache: null, extra: {} },
  };
}

const CONSTANTS_TITLES = new Set(
  ['测试常量', '常量', '固定参数', '测试参数', 'constants', 'testconstants', 'fixedparameters'].map(
    normalizeLabel,
  ),
);
const DISK_SIZE_KEYS = new Set(
  ['云盘容量', '磁盘容量', '容量', '云盘大小', 'disksize', 'size'].map(normalizeLabel),
);
const COMMAND_KEYS = new Set(
  ['测试命令', '命令', 'fio命令', 'command', 'fiocommand', 'commandline'].map(normalizeLabel),
);

function isConstantsTable(t: MdTable): boolean {
  const first = t.header[0]?.cells[0] ?? '';
  return CONSTANTS_TITLES.has(normalizeLabel(first));
}

/** Reads a fio command line ("fio -rw=$mode -bs=4k -iodepth=128 …") into fio facts. */
function readFioCommand(cmd: string, c: DocConstants, notes: string[]): void {
  const opts = new Map<string, string>();
  const tokens = cmd.split(/\s+/);
  for (let k = 0; k < tokens.length; k++) {
    const m = /^--?([a-z_]+)(?:=(.*))?$/i.exec(tokens[k]!);
    if (!m) continue;
    let value = m[2];
    if (value === undefined && k + 1 < tokens.length && !tokens[k + 1]!.startsWith('-'))
      value = tokens[++k];
    opts.set(m[1]!.toLowerCase(), value ?? '');
  }
  const num = (k: string): number | null => {
    const v = opts.get(k);
    return v === undefined || v.startsWith('$') ? null : parseCount(v);
  };
  const bs = opts.get('bs');
  if (bs !== undefined && !bs.startsWith('$')) c.fio.bs = parseBlockSize(bs);
  c.fio.iodepth = num('iodepth');
  c.fio.numjobs = num('numjobs');
  const rt = opts.get('runtime');
  if (rt !== undefined && !rt.startsWith('$')) c.fio.runtime_s = parseSeconds(rt);
  const engine = opts.get('ioengine');
  if (engine !== undefined && !engine.startsWith('$')) c.fio.ioengine = engine.toLowerCase();
  const direct = opts.get('direct');
  if (direct !== undefined && !direct.startsWith('$')) c.fio.extra['direct'] = direct;
  notes.push(`fio command of the constants table read: ${[...opts.keys()].join(', ')}`);
}

function readConstants(t: MdTable, c: DocConstants, notes: string[]): void {
  for (const row of t.body) {
    const key = row.cells[0] ?? '';
    const value = stripDefaultMarker(
      (row.cells[1] ?? '').replace(/^固定\s*/, '').replace(/^fixed\s+/i, ''),
    );
    if (key === '') continue;
    if (value === '') {
      notes.push(
        `constants table line ${row.line}: '${key}' has no value column (restates the command); not used`,
      );
      continue;
    }
    const nk = normalizeLabel(key);
    if (COMMAND_KEYS.has(nk) || /^fio\s/.test(value)) {
      readFioCommand(value, c, notes);
      continue;
    }
    if (DISK_SIZE_KEYS.has(nk)) {
      c.disk.extra['disk_size'] = value;
      continue;
    }
    const field = matchHeader(key).field;
    if (field === 'fs') c.disk.fs = value.toLowerCase();
    else if (field === 'cache') c.disk.cache = parseCache(value);
    else if (field === 'bs') c.fio.bs = parseBlockSize(value);
    else if (field === 'iodepth') c.fio.iodepth = parseCount(value);
    else if (field === 'numjobs') c.fio.numjobs = parseCount(value);
    else if (field === 'ioengine') c.fio.ioengine = value.toLowerCase();
    else if (field === 'runtime_s') c.fio.runtime_s = parseSeconds(value);
    else c.disk.extra[key] = value;
  }
}

function applyFio(r: ResultRecord, c: DocConstants): void {
  if (r.bs === null && c.fio.bs !== null) r.bs = asBytes(c.fio.bs);
  if (r.iodepth === null) r.iodepth = c.fio.iodepth;
  if (r.numjobs === null) r.numjobs = c.fio.numjobs;
  if (r.ioengine === null) r.ioengine = c.fio.ioengine;
  if (r.runtime_s === null && c.fio.runtime_s !== null) r.runtime_s = asSeconds(c.fio.runtime_s);
  for (const k in c.fio.extra) if (r.extra[k] === undefined) setExtra(r, k, c.fio.extra[k]!);
}

function applyDisk(r: ResultRecord, c: DocConstants): void {
  // A host filesystem exists only for file-backed disks (spec: `fs` is for `file`).
  if (r.fs === null && c.disk.fs !== null && r.source !== 'block' && r.source !== 'network')
    r.fs = c.disk.fs;
  if (r.cache === null) r.cache = c.disk.cache;
  for (const k in c.disk.extra) if (r.extra[k] === undefined) setExtra(r, k, c.disk.extra[k]!);
}

/** A bare-metal baseline written in a section row: "在物理机直接测 LV 的话，4K随机写是 62.0k IOPS". */
interface Baseline {
  line: number;
  rw: ResultRecord['rw'];
  bs: number | null;
  iops: number | null;
  text: string;
}

const BASELINE_RE =
  /(\d{1,4} ?[kKmM]?)?\s{0,3}(随机读写|随机读|随机写|顺序读|顺序写|randread|randwrite|randrw|read|write)\s{0,3}(?:是|为|:|：|=|is|of)?\s{0,3}([\d.,]{1,16} ?[kKmM]?|[xX?？]{2,8})\s{0,3}IOPS/i;

function readBaseline(text: string, line: number): Baseline | null {
  if (text.length > 2000) return null;
  if (!/物理机|宿主机|裸机|bare[- ]?metal|on the host|host baseline/i.test(text)) return null;
  const m = BASELINE_RE.exec(text);
  if (!m) return null;
  const rw = parseRw(m[2]!);
  if (!rw) return null;
  return {
    line,
    rw: rw.rw,
    bs: m[1] ? parseBlockSize(m[1]) : null,
    iops: parseCount(m[3]!.replace(/\s+/g, '')),
    text,
  };
}

/** Parses every markdown pipe table of the document; see the module comment. */
export function parseMarkdown(text: string, ctx: ParseContext): Result<ParsedInput> {
  const lines = text.split(/\r\n|\r|\n/);
  const tables = findTables(lines);
  if (tables.length === 0)
    return fail(
      'no markdown table found: expected pipe tables (| a | b |) with a header row and result columns (IOPS, latency or bandwidth)',
    );
  const notes: string[] = [];
  const constants = emptyConstants();
  for (const t of tables) if (isConstantsTable(t)) readConstants(t, constants, notes);

  const guestDoc = /云主机|虚拟机|\bVMs?\b|guest/i.test(text);
  const records: ResultRecord[] = [];
  const tableOf: number[] = [];
  const rejected: RejectedRow[] = [];
  let read = 0;
  let resultTables = 0;
  const vmsTables = new Set<number>();
  let columns: ColumnInference[] | undefined;

  tables.forEach((t, ti) => {
    if (isConstantsTable(t)) return;
    // Leading body rows that look like headers belong to the header (two-row headers).
    const header = t.header.slice();
    let body = t.body;
    while (body.length > 0 && isHeaderLike(body[0]!.cells)) {
      header.push(body[0]!);
      body = body.slice(1);
    }
    const sample = body
      .filter((r) => r.cells.filter((c) => c !== '').length > 1)
      .map((r) => r.cells);
    const planNotes: string[] = [];
    const tableColumns: ColumnInference[] = [];
    const plan = planColumns(
      header.map((h) => h.cells),
      sample,
      planNotes,
      { ...(ctx.map ? { map: ctx.map } : {}), inferences: tableColumns },
    );
    if (!planHasMetric(plan)) {
      const cols = (header[header.length - 1]?.cells ?? []).filter((c) => c !== '').join(' | ');
      notes.push(
        `table at line ${t.line} (${cols}) is not a result table (no IOPS, latency or bandwidth column): ignored`,
      );
      return;
    }
    resultTables++;
    if (columns === undefined) {
      // The first result table's columns stand for the document's (reports, mapping dialog).
      columns = tableColumns;
      if (ctx.previewRows) {
        ctx.previewRows.rows.push([...(header[header.length - 1]?.cells ?? [])]);
        for (const row of body.slice(0, ctx.previewRows.max)) ctx.previewRows.rows.push(row.cells);
      }
    }
    if (plan.some((p) => p.field === 'vms')) vmsTables.add(ti);
    for (const n of planNotes) notes.push(`table at line ${t.line}: ${n}`);
    let blank = 0;
    let pending: Baseline | null = null;
    const emitBaseline = (b: Baseline, next: ResultRecord | null): void => {
      const h = emptyRecord(ctx.set, `${ctx.file}:${b.line}`);
      h.layer = 'host';
      h.rw = b.rw;
      if (b.bs !== null) h.bs = asBytes(b.bs);
      if (b.iops !== null) h.iops = asIops(b.iops);
      if (next) {
        h.storage = next.storage;
        h.source = next.source;
        h.medium = next.medium;
      }
      completeRecord(h);
      applyFio(h, constants);
      records.push(h);
      tableOf.push(ti);
      read++;
      if (b.iops === null)
        notes.push(
          `line ${b.line}: bare-metal baseline has no number ('${/([xX?？]{2,})\s*IOPS/.exec(b.text)?.[1] ?? '?'} IOPS'): kept as an incomplete host record`,
        );
    };
    for (const row of body) {
      const filled = row.cells.filter((c) => c !== '');
      if (filled.length === 0) {
        blank++;
        continue;
      }
      if (filled.length === 1 && row.cells[0] !== '' && row.cells.length > 2) {
        if (pending) emitBaseline(pending, null);
        pending = readBaseline(row.cells[0]!, row.line);
        if (!pending)
          notes.push(`line ${row.line}: section row, not data: '${row.cells[0]!.slice(0, 60)}'`);
        continue;
      }
      read++;
      const out = convertRow(
        plan,
        row.cells,
        ctx.set,
        `${ctx.file}:${row.line}`,
        null,
        null,
        null,
        ctx.pool,
      );
      if (typeof out === 'string') {
        rejected.push({ file: ctx.file, line: row.line, reason: out });
        continue;
      }
      if (out === null) {
        rejected.push({
          file: ctx.file,
          line: row.line,
          reason: 'row has no value in any known column',
        });
        continue;
      }
      const r = out;
      if (r.layer === null && guestDoc) r.layer = 'guest';
      completeRecord(r);
      applyFio(r, constants);
      if (r.layer !== 'host') applyDisk(r, constants);
      if (pending) {
        emitBaseline(pending, r);
        pending = null;
      }
      records.push(r);
      tableOf.push(ti);
    }
    if (pending) emitBaseline(pending, null);
    if (blank > 0) notes.push(`table at line ${t.line}: ${blank} blank row(s) skipped`);
  });
  if (resultTables === 0)
    return fail(
      'no result table found: expected a markdown table with a metric column (IOPS, latency or bandwidth) and environment columns',
    );
  if (guestDoc)
    notes.push(
      'rows without a layer are taken as measured inside VMs (layer=guest): the document describes VM (云主机) tests',
    );

  markRestatements(records, tableOf, vmsTables, notes);
  return ok({ records, rejected, read, notes, ...(columns ? { columns } : {}) });
}

/**
 * Rows of a concurrency table with vms=1 that repeat a measurement of another table (same cell,
 * same IOPS) restate it: `restates` = the origin of that record, so they never count as repeats.
 */
function markRestatements(
  records: ResultRecord[],
  tableOf: readonly number[],
  vmsTables: ReadonlySet<number>,
  notes: string[],
): void {
  const key = (r: ResultRecord): string =>
    [r.storage, r.medium, r.aio, r.bus, r.prewritten, r.layer, r.rw, r.bs, r.iops].join('\u0001');
  const firstByKey = new Map<string, number>();
  records.forEach((r, i) => {
    if (r.iops === null || r.vms !== 1) return;
    if (!vmsTables.has(tableOf[i]!) && !firstByKey.has(key(r))) firstByKey.set(key(r), i);
  });
  let n = 0;
  records.forEach((r, i) => {
    if (!vmsTables.has(tableOf[i]!) || r.vms !== 1 || r.iops === null) return;
    const j = firstByKey.get(key(r));
    if (j === undefined || tableOf[j] === tableOf[i]) return;
    r.restates = records[j]!.origin;
    n++;
  });
  if (n > 0)
    notes.push(
      `${n} single-VM row(s) of the concurrency table restate measurements of another table: marked with restates, not counted as repeats`,
    );
}
