/**
 * Markdown pipe tables as wiki (Confluence) exports produce them. Handles the seed's hazards:
 * header rows shifted against the data, two-row headers, section rows spanning the table (some
 * carrying a bare-metal baseline → `layer=host` records), blank rows, a "test constants" table
 * that applies to every record of the document, and non-result tables (ignored with a note).
 *
 * Finding the tables and their cells is in markdown.tables.ts, the constants table in
 * markdown.constants.ts; this file turns result tables into records.
 */
import type { RejectedRow, ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import { asBytes, asIops } from '../model/units';
import type { ColumnInference } from './column-map';
import {
  applyDisk,
  applyFio,
  emptyConstants,
  isConstantsTable,
  readConstants,
} from './markdown.constants';
import { findTables, isHeaderLike } from './markdown.tables';
import type { ParseContext, ParsedInput } from './parsed.types';
import { emptyRecord } from './record.build';
import { completeRecord, convertRow, planColumns, planHasMetric } from './table.import';
import { parseBlockSize, parseCount } from './units.parse';
import { parseRw } from './vocab.values';

export { cleanCell } from './markdown.tables';

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
