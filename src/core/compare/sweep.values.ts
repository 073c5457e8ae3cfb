/** Values a sweep reads: numeric dimension values, quantiles and bands of repeats, usable records. */
import type { Dimension, MetricField, ResultRecord } from '../model/record.types';
import { dimensionValue, NON_DIMENSION_EXTRAS } from './dimensions';
import type { SweepBand } from './sweep.types';
import type { SweepSpec } from './sweep.types';

/** Environment fields that hold numbers, in the order a sweep offers them as x. */
export const NUMERIC_FIELDS: readonly Dimension[] = ['iodepth', 'numjobs', 'bs', 'vms'];

const NUMERIC_VALUE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A dimension value as a number, or null when it is not one. */
export function numericValue(v: string): number | null {
  if (!NUMERIC_VALUE.test(v.trim())) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * Dimensions a sweep can put on x: the numeric environment fields and the extra columns whose
 * non-empty values are all numbers, each with at least two distinct values in `records`.
 */
export function numericDimensions(records: readonly ResultRecord[]): Dimension[] {
  const distinct = new Map<Dimension, Set<number>>();
  const spoiled = new Set<Dimension>();
  const note = (d: Dimension, v: string) => {
    if (v === '' || spoiled.has(d)) return;
    const n = numericValue(v);
    if (n === null) {
      spoiled.add(d);
      return;
    }
    let s = distinct.get(d);
    if (!s) distinct.set(d, (s = new Set()));
    if (s.size < 2) s.add(n);
  };
  for (const r of records) {
    for (const d of NUMERIC_FIELDS) note(d, dimensionValue(r, d));
    for (const name in r.extra) {
      if (NON_DIMENSION_EXTRAS.has(name.toLowerCase())) continue;
      note(`x:${name}`, r.extra[name] ?? '');
    }
  }
  const ok = (d: Dimension) => !spoiled.has(d) && (distinct.get(d)?.size ?? 0) >= 2;
  const extras = [...distinct.keys()].filter((d) => d.startsWith('x:') && ok(d)).sort();
  return [...NUMERIC_FIELDS.filter(ok), ...extras];
}

/** True when every value is a positive integer power of two (1, 2, 4 …, 4096 …). */
export function powersOfTwo(values: readonly number[]): boolean {
  return values.length >= 2 && values.every((v) => v > 0 && Number.isInteger(Math.log2(v)));
}

/** Quantile by linear interpolation between order statistics (R's type 7) of sorted values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return quantileSorted(s, 0.5);
}

export function bandOf(values: readonly number[], band: SweepBand): { lo: number; hi: number } {
  const s = [...values].sort((a, b) => a - b);
  return band === 'iqr'
    ? { lo: quantileSorted(s, 0.25), hi: quantileSorted(s, 0.75) }
    : { lo: s[0]!, hi: s[s.length - 1]! };
}

/** The series of a spec in drawing order: baseline, candidate, then the extra values. */
export function seriesValues(spec: SweepSpec): string[] {
  const out = [spec.baseline, spec.candidate];
  for (const v of spec.extraSeries) if (!out.includes(v)) out.push(v);
  return out;
}

/** Is `r` a usable measurement of `metric` (compare()'s rules for repeats)? */
export function usableRecord(r: ResultRecord, metric: MetricField, excludeFlagged: boolean) {
  if (r.restates !== null) return false;
  if (r.flags.includes('incomplete') || r.flags.includes('failed-run')) return false;
  if (excludeFlagged && r.flags.length > 0) return false;
  const v = r[metric];
  return v !== null && Number.isFinite(v);
}
