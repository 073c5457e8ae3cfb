/**
 * Re-alignment of shifted header labels to table columns (wiki exports whose header row is
 * shifted against the data): a small sequence alignment that trusts what the values look like.
 */
import { emptyRecord } from './record.build';
import type { ColumnUnit, TableField } from './vocab';
import type { HeaderMatch } from './vocab.headers';
import { isKnownBus, isKnownMedium, parseRw } from './vocab.values';
import { setField } from './vocab.set-field';
import { hasTimeUnit } from './units.parse';

/** Which header label (index into the labels) a column got, if any. */
export interface Assignment {
  label: number | null;
}

/** Share of the column's values that parse as `field` (1 for an empty column). */
export function fit(field: TableField, values: readonly string[], unit: ColumnUnit): number {
  if (values.length === 0) return 1;
  let good = 0;
  for (const v of values) {
    const scratch = emptyRecord('', '');
    if (setField(scratch, field, v, unit) === null) good++;
  }
  return good / values.length;
}

/** A field recognisable from the values alone (for a column the header does not name). */
export function inferField(values: readonly string[]): TableField | null {
  if (values.length === 0) return null;
  if (values.every((v) => parseRw(v) !== null)) return 'rw';
  if (values.every((v) => hasTimeUnit(v))) return 'lat_mean_us';
  if (values.every((v) => isKnownMedium(v))) return 'medium';
  if (values.every((v) => isKnownBus(v))) return 'bus';
  return null;
}

/**
 * Re-assigns header labels to columns (in `assign`, one entry per column) by the best-scoring
 * alignment of labels with column values, and notes the result.
 */
export function realignLabels(
  labels: readonly string[],
  matches: readonly HeaderMatch[],
  values: readonly (readonly string[])[],
  ncols: number,
  assign: Assignment[],
  notes: string[],
): void {
  const n = labels.length;
  const m = ncols;
  // score[i][j]: best alignment of labels[0..i) with columns[0..j).
  const score: number[][] = [];
  const back: number[][] = [];
  for (let i = 0; i <= n; i++) {
    score.push(new Array<number>(m + 1).fill(-Infinity));
    back.push(new Array<number>(m + 1).fill(0));
  }
  score[0]![0] = 0;
  const fitCache = new Map<string, number>();
  const inferCache = new Map<number, boolean>();
  const inferable = (j: number): boolean => {
    let v = inferCache.get(j);
    if (v === undefined) {
      v = inferField(values[j]!) !== null;
      inferCache.set(j, v);
    }
    return v;
  };
  const pair = (i: number, j: number): number => {
    const mt = matches[i]!;
    const vals = values[j]!;
    if (mt.field === null) return labels[i] === '' ? (vals.length === 0 ? 0.5 : -1) : 0;
    if (vals.length === 0) return 0.5;
    const ck = `${mt.field}\u0001${mt.unit.latPow}\u0001${mt.unit.bwMult}\u0001${j}`;
    let f = fitCache.get(ck);
    if (f === undefined) {
      f = fit(mt.field, vals, mt.unit);
      fitCache.set(ck, f);
    }
    return f >= 0.8 ? 3 : f >= 0.5 ? 1 : -6;
  };
  const skipLabel = (i: number): number => (labels[i] === '' ? 0 : -2);
  const skipColumn = (j: number): number =>
    values[j]!.length === 0 ? 0 : inferable(j) ? -0.5 : -3;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const cur = score[i]![j]!;
      if (cur === -Infinity) continue;
      if (i < n && j < m) {
        const s = cur + pair(i, j);
        if (s > score[i + 1]![j + 1]!) {
          score[i + 1]![j + 1] = s;
          back[i + 1]![j + 1] = 0;
        }
      }
      if (i < n) {
        const s = cur + skipLabel(i);
        if (s > score[i + 1]![j]!) {
          score[i + 1]![j] = s;
          back[i + 1]![j] = 1;
        }
      }
      if (j < m) {
        const s = cur + skipColumn(j);
        if (s > score[i]![j + 1]!) {
          score[i]![j + 1] = s;
          back[i]![j + 1] = 2;
        }
      }
    }
  }
  for (const a of assign) a.label = null;
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const b = back[i]![j]!;
    if (b === 0) {
      assign[j - 1]!.label = i - 1;
      i--;
      j--;
    } else if (b === 1) i--;
    else j--;
  }
  notes.push(
    `header labels re-aligned to the values: ${assign.map((a, k) => `column ${k + 1}=${a.label === null ? '?' : labels[a.label] || '(blank)'}`).join(', ')}`,
  );
}
