/**
 * JSON result sets: an array of records or `{ "results": [...] }`, keys named like CSV headers
 * (canonical or vocabulary). `flags` may be a string or an array; a nested `extra` object is
 * flattened into extra columns (this is how `aio-dash ingest --format json` writes records).
 */
import type { RejectedRow, ResultRecord } from '../model/record.types';
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { ColumnInference } from './column-map';
import type { ParseContext, ParsedInput } from './parsed.types';
import { completeRecord, convertRow, planColumns, planHasMetric } from './table.import';

/** Start offsets of the elements of the array found at `path` (top level or under one key). */
export function elementOffsets(text: string, underKey: string | null): number[] {
  const out: number[] = [];
  let depth = 0;
  let inString = false;
  let targetDepth = underKey === null ? 1 : -1;
  let lastKey = '';
  let keyStart = -1;
  let expectValue = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++;
      else if (ch === 34) {
        inString = false;
        if (keyStart >= 0) {
          lastKey = text.slice(keyStart, i);
          keyStart = -1;
        }
      }
      continue;
    }
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9) continue;
    if (depth === targetDepth && expectValue && ch !== 93 && ch !== 44) {
      out.push(i);
      expectValue = false;
    }
    if (ch === 34) {
      inString = true;
      if (depth === 1 && underKey !== null && targetDepth < 0) keyStart = i + 1;
    } else if (ch === 91 || ch === 123) {
      depth++;
      if (
        ch === 91 &&
        underKey !== null &&
        targetDepth < 0 &&
        depth === 2 &&
        lastKey === underKey
      ) {
        targetDepth = 2;
        expectValue = true;
      }
    } else if (ch === 93 || ch === 125) {
      if (depth === targetDepth && ch === 93) targetDepth = -2;
      depth--;
    } else if (ch === 44 && depth === targetDepth) expectValue = true;
  }
  return out;
}

/** 1-based line of each (ascending) offset, in one pass over the text. */
export function linesOf(text: string, offsets: readonly number[]): number[] {
  const out: number[] = [];
  let line = 1;
  let pos = 0;
  for (const off of offsets) {
    for (; pos < off && pos < text.length; pos++) if (text.charCodeAt(pos) === 10) line++;
    out.push(line);
  }
  return out;
}

function toCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(';');
  return JSON.stringify(v);
}

/** Parses an already-decoded JSON value of records (see module comment). */
export function parseJsonRecords(
  text: string,
  value: unknown,
  ctx: ParseContext,
): Result<ParsedInput> {
  let items: unknown[] | null = null;
  let key: string | null = null;
  if (Array.isArray(value)) items = value;
  else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const k of ['results', 'records', 'data']) {
      if (Array.isArray(obj[k])) {
        items = obj[k] as unknown[];
        key = k;
        break;
      }
    }
  }
  if (items === null)
    return fail(
      'not a result set: expected a JSON array of records or an object { "results": [ … ] }',
    );
  // Header = union of keys (nested `extra` flattened), in first-seen order.
  const headers: string[] = [];
  const index = new Map<string, number>();
  const flat: (Record<string, unknown> | null)[] = items.map((it) => {
    if (it === null || typeof it !== 'object' || Array.isArray(it)) return null;
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(it as Record<string, unknown>)) {
      if (k === 'extra' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
        for (const [ek, ev] of Object.entries(v as Record<string, unknown>)) o[ek] = ev;
      } else o[k] = v;
    }
    for (const k of Object.keys(o))
      if (!index.has(k)) {
        index.set(k, headers.length);
        headers.push(k);
      }
    return o;
  });
  const rows: (string[] | null)[] = flat.map((o) =>
    o === null ? null : headers.map((h) => toCell(o[h])),
  );
  const notes: string[] = [];
  const columns: ColumnInference[] = [];
  const objects = rows.filter((r): r is string[] => r !== null);
  const plan = planColumns([headers], objects, notes, {
    ...(ctx.map ? { map: ctx.map } : {}),
    inferences: columns,
  });
  if (ctx.previewRows) {
    ctx.previewRows.rows.push([...headers]);
    for (const row of objects.slice(0, ctx.previewRows.max)) ctx.previewRows.rows.push(row);
  }
  if (items.length > 0 && !planHasMetric(plan))
    return fail(
      `not a result set: the records' keys (${headers.slice(0, 12).join(', ')}) include no metric; expected iops, lat_mean_us, bw_kib_s …`,
    );
  const lines = linesOf(text, elementOffsets(text, key));
  const records: ResultRecord[] = [];
  const rejected: RejectedRow[] = [];
  const label = key === null ? '' : key;
  rows.forEach((row, i) => {
    const line = lines[i] ?? 1;
    if (row === null) {
      rejected.push({ file: ctx.file, line, reason: `${label}[${i}] is not an object` });
      return;
    }
    const out = convertRow(
      plan,
      row,
      ctx.set,
      `${ctx.file}#${label}[${i}]`,
      null,
      null,
      null,
      ctx.pool,
    );
    if (typeof out === 'string')
      rejected.push({ file: ctx.file, line, reason: `${label}[${i}]: ${out}` });
    else if (out === null)
      rejected.push({
        file: ctx.file,
        line,
        reason: `${label}[${i}] has no value in any known field`,
      });
    else {
      completeRecord(out);
      records.push(out);
    }
  });
  return ok({ records, rejected, read: items.length, notes, columns });
}
