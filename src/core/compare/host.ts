/**
 * Host-layer baselines: bare-metal measurements of the device/LV under a guest cell (`layer=host`).
 * They are never paired against guests; charts draw them as a reference line.
 */
import type { DimensionValue, ResultRecord } from '../model/record.types';
import { dimensionValue } from './dimensions';

/** Fields that must match between a guest cell and its host baseline. */
export const HOST_MATCH_FIELDS = ['storage', 'medium', 'rw', 'bs'] as const;
/** Fields that make a match better, in order of weight. */
const PREFER = ['set', 'iodepth', 'numjobs', 'prewritten', 'source', 'fs'] as const;

function usable(r: ResultRecord): boolean {
  return (
    r.layer === 'host' &&
    !r.flags.includes('incomplete') &&
    !r.flags.includes('failed-run') &&
    (r.iops !== null || r.lat_mean_us !== null || r.bw_kib_s !== null)
  );
}

/**
 * Builds a lookup from guest cells to their host baseline: the host record with the same
 * storage, medium, rw and bs (all required), preferring the same set, iodepth, numjobs,
 * prewritten, source and fs; ties go to the smallest origin. Null when there is none.
 * Index once (O(records)), then each lookup is O(host records of that storage/medium/rw/bs).
 */
export function hostBaselineIndex(
  records: readonly ResultRecord[],
): (cell: Record<string, DimensionValue>) => ResultRecord | null {
  const byKey = new Map<string, ResultRecord[]>();
  for (const r of records) {
    if (!usable(r)) continue;
    const k = HOST_MATCH_FIELDS.map((f) => dimensionValue(r, f)).join('\u0000');
    let list = byKey.get(k);
    if (!list) byKey.set(k, (list = []));
    list.push(r);
  }
  return (cell) => {
    const list = byKey.get(HOST_MATCH_FIELDS.map((f) => cell[f] ?? '').join('\u0000'));
    if (!list) return null;
    let best: ResultRecord | null = null;
    let bestScore = -1;
    for (const r of list) {
      let score = 0;
      PREFER.forEach((f, i) => {
        const want = cell[f];
        if (want !== undefined && want !== '' && dimensionValue(r, f) === want)
          score += 2 ** (PREFER.length - i);
      });
      if (score > bestScore || (score === bestScore && best !== null && r.origin < best.origin)) {
        best = r;
        bestScore = score;
      }
    }
    return best;
  };
}

/** The host baseline record of one guest cell (see hostBaselineIndex for the rules). */
export function hostBaseline(
  records: readonly ResultRecord[],
  cell: Record<string, DimensionValue>,
): ResultRecord | null {
  return hostBaselineIndex(records)(cell);
}
