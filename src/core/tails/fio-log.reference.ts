/**
 * The plain fio log parser that parseFioLog (fio-log.ts) is tested against (fio-log.test.ts):
 * every line cut at its commas and each field read with trim() and Number(). It states the
 * meaning: a line is `time, value, direction[, block size …]`, the first three fields numbers
 * (Number() of the trimmed field, an empty field is not one), direction 0, 1 or 2; empty lines
 * are skipped, a trailing '\r' is dropped, any other line fails the whole file; lines out of time
 * order are sorted (stable). Slower (three substrings a line); for tests only.
 */
import type { Result } from '../model/result';
import { fail, ok } from '../model/result';
import type { SeriesKind, TimeSeries } from '../model/tail.types';
import type { LogParseOptions } from './fio-log';

const isLatency = (k: SeriesKind): boolean => k === 'lat' || k === 'clat' || k === 'slat';

/** Reads one number from `text` at [start, end) (trimmed); NaN when it is not one. */
function numberAt(text: string, start: number, end: number): number {
  const s = text.slice(start, end).trim();
  return s === '' ? NaN : Number(s);
}

/** Parses the text of one fio log file into a time series (the plain reference). */
export function parseFioLogReference(text: string, o: LogParseOptions): Result<TimeSeries> {
  const tMs: number[] = [];
  const values: number[] = [];
  const ddir: number[] = [];
  const scale = isLatency(o.kind) && o.latencyNs ? 1e-3 : 1;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    const fields = line.split(',');
    if (fields.length < 3)
      return fail(
        `${o.file}:${i + 1}: not a fio log line (expected time, value, direction, block size)`,
      );
    const t = numberAt(fields[0]!, 0, fields[0]!.length);
    const v = numberAt(fields[1]!, 0, fields[1]!.length);
    const d = numberAt(fields[2]!, 0, fields[2]!.length);
    if (!Number.isFinite(t) || !Number.isFinite(v) || !(d === 0 || d === 1 || d === 2))
      return fail(`${o.file}:${i + 1}: not a fio log line (time, value or direction unreadable)`);
    tMs.push(t);
    values.push(v * scale);
    ddir.push(d);
  }
  if (tMs.length === 0) return fail(`${o.file}: empty fio log`);
  const order = tMs.map((_, i) => i).sort((a, b) => tMs[a]! - tMs[b]! || a - b);
  return ok({
    kind: o.kind,
    tMs: Float64Array.from(order, (i) => tMs[i]!),
    values: Float64Array.from(order, (i) => values[i]!),
    ddir: Uint8Array.from(order, (i) => ddir[i]!),
    avgMs: o.avgMs,
    file: o.file,
  });
}
