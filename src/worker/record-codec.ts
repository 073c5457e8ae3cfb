/**
 * The record codec: ResultRecord[] ⇄ columns (pure TypeScript, no DOM). Not to be confused with
 * core/compare/columnar.ts, which indexes records for pairing.
 *
 * Why: posting 100k plain records from the worker makes the main thread deserialize ~100k
 * objects in ONE task (structured clone is synchronous on receipt), and storing them in
 * IndexedDB clones them again. Columns are typed arrays (transferred, zero-copy) plus small
 * string dictionaries, so the main thread only materializes records in short chunks
 * (see `decodeRecords(columns, start, end)`), and IndexedDB stores a compact value.
 *
 * Encoding: strings → dictionary index (0 = null, k = dict[k-1]); numbers → Float64Array
 * (NaN = null: the core never produces NaN, a missing value is null); booleans → Int8Array
 * (-1 null, 0 false, 1 true); flags → dictionary of ';'-joined lists; extra → per-key dictionary
 * columns plus a per-record key-order "shape" (key order is the CSV column order, so it is kept).
 *
 * This file schedules the codec on the main thread (chunks between which it yields, parts of at
 * most PART_ROWS records) and re-exports the rest, so importers use one module:
 *   record-codec.types.ts    the columns and which record fields they hold
 *   record-codec.encode.ts   records → columns, and the transfer list
 *   record-codec.decode.ts   columns → records
 *   record-codec.validate.ts columns read back from storage, checked before decoding
 */
import type { ResultRecord } from '../core/model/record.types';
import { decodeRecords } from './record-codec.decode';
import { encodeRecords, RecordEncoder } from './record-codec.encode';
import type { ColumnarRecords } from './record-codec.types';

export type { ColumnarRecords, StringColumn } from './record-codec.types';
export { encodeRecords, transferables } from './record-codec.encode';
export { decodeRecords } from './record-codec.decode';
export { validateColumnar } from './record-codec.validate';

/** Records per main-thread task when encoding/decoding in chunks (≈2–5 ms each). */
export const CHUNK = 2000;

/**
 * Yields to the event loop so that input, rendering and other tasks run between chunks. A
 * MessageChannel message is an ordinary task (setTimeout(0) is clamped to 4 ms when nested, which
 * would add ~200 ms to a 100k decode; scheduler.yield() would be prioritized ahead of timers and
 * starve them for the whole decode).
 */
export function yieldToMain(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** encodeRecords in chunks of `chunk` records, yielding in between (main-thread use). */
export async function encodeRecordsChunked(
  records: readonly ResultRecord[],
  chunk = CHUNK,
): Promise<ColumnarRecords> {
  const encoder = new RecordEncoder(records);
  for (let start = 0; start < records.length; start += chunk) {
    if (start > 0) await yieldToMain();
    encoder.add(start, start + chunk);
  }
  return encoder.finish();
}

/** Records per part: large sets travel and are stored as parts of at most this many records. */
export const PART_ROWS = 10_000;

/** Encodes records as parts of at most PART_ROWS records (no part for no records). */
export function encodeParts(records: readonly ResultRecord[]): ColumnarRecords[] {
  const parts: ColumnarRecords[] = [];
  for (let start = 0; start < records.length; start += PART_ROWS)
    parts.push(encodeRecords(records.slice(start, start + PART_ROWS)));
  return parts;
}

/** encodeParts in chunks, yielding in between (main-thread use). */
export async function encodePartsChunked(
  records: readonly ResultRecord[],
): Promise<ColumnarRecords[]> {
  const parts: ColumnarRecords[] = [];
  for (let start = 0; start < records.length; start += PART_ROWS)
    parts.push(await encodeRecordsChunked(records.slice(start, start + PART_ROWS)));
  return parts;
}

/** All records of parts, in order (synchronous; tests and small inputs). */
export function decodeParts(parts: readonly ColumnarRecords[]): ResultRecord[] {
  return parts.flatMap((p) => decodeRecords(p));
}

/**
 * Encoded parts already known for a records array (the worker's output, or what was read from
 * IndexedDB), so saving a freshly loaded set does not encode it again on the main thread.
 * Keyed by the array itself; loaded records are treated as immutable data.
 */
export const encodedParts = new WeakMap<readonly ResultRecord[], readonly ColumnarRecords[]>();

/**
 * Decodes all records in chunks of `chunk`, yielding to the event loop between chunks, so the
 * main thread is never blocked for the whole set (CHUNK records per task by default).
 */
export async function decodeRecordsChunked(
  c: ColumnarRecords,
  chunk = CHUNK,
): Promise<ResultRecord[]> {
  if (c.length <= chunk) return decodeRecords(c);
  const out: ResultRecord[] = [];
  for (let start = 0; start < c.length; start += chunk) {
    if (start > 0) await yieldToMain();
    for (const r of decodeRecords(c, start, start + chunk)) out.push(r);
  }
  return out;
}
