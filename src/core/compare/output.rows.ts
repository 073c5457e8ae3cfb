/** The spec's JSON rows of a comparison (`aio-dash compare --format json`), per cell or per group. */
import type { Dimension, DimensionValue, MetricField } from '../model/record.types';
import type { CellComparison, Comparison, Verdict } from './compare.types';
import { VERDICTS } from './compare.types';
import { cellRatio, summarize } from './summary';
import { geometricMean, median } from './stats';
import { sideMedian } from './cell.side';

const INT_FIELDS: ReadonlySet<string> = new Set(['vms', 'bs', 'iodepth', 'numjobs']);
const BOOL_FIELDS: ReadonlySet<string> = new Set(['iothread', 'prewritten']);

/** A cell value in JSON: null for missing, numbers and booleans typed as in the record. */
export function jsonValue(dim: string, v: DimensionValue): string | number | boolean | null {
  if (v === '') return null;
  if (INT_FIELDS.has(dim) && Number.isFinite(Number(v))) return Number(v);
  if (BOOL_FIELDS.has(dim) && (v === 'true' || v === 'false')) return v === 'true';
  return v;
}

export interface SpecSide {
  n: number;
  iops: number | null;
  lat_mean_us: number | null;
  lat_p99_us: number | null;
  bw_kib_s: number | null;
}

/** One row of `aio-dash compare --format json` (spec fields first; the rest are additions). */
export interface SpecRow {
  cell: Record<string, string | number | boolean | null>;
  baseline: SpecSide;
  candidate: SpecSide;
  delta: {
    iops_pct: number | null;
    lat_mean_pct: number | null;
    lat_p99_pct: number | null;
    bw_pct: number | null;
  };
  verdict: Verdict;
  /** Additions. */
  key: string;
  verdicts: Partial<Record<MetricField, Verdict>>;
  single_run: boolean;
  p_value: number | null;
  /** Sentences with the sign convention, e.g. "latency −13.5% (lower is better) → improvement". */
  text: string[];
  flags: string[];
  notes: string[];
  /** Only for --by groups: comparison cells in the group and their verdict counts. */
  cells?: number;
  verdict_counts?: Record<Verdict, number>;
}

const round = (x: number | null | undefined, digits = 2): number | null => {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

function sideOf(c: CellComparison, side: 'baseline' | 'candidate'): SpecSide {
  const s = c[side];
  return {
    n: s.n,
    iops: round(sideMedian(s, 'iops')),
    lat_mean_us: round(sideMedian(s, 'lat_mean_us')),
    lat_p99_us: round(sideMedian(s, 'lat_p99_us')),
    bw_kib_s: round(sideMedian(s, 'bw_kib_s')),
  };
}

function typedCell(cell: Record<string, DimensionValue>): SpecRow['cell'] {
  const out: SpecRow['cell'] = {};
  for (const [k, v] of Object.entries(cell)) out[k] = jsonValue(k, v);
  return out;
}

/** The spec's JSON rows, one per comparison cell (in the comparison's order). */
export function toSpecJson(comparison: Comparison): SpecRow[] {
  return comparison.cells.map((c) => {
    const primary = c.deltas.iops ?? c.deltas.lat_mean_us ?? c.deltas.bw_kib_s ?? null;
    const verdicts: Partial<Record<MetricField, Verdict>> = {};
    for (const [m, d] of Object.entries(c.deltas)) verdicts[m as MetricField] = d.verdict;
    return {
      cell: typedCell(c.cell),
      baseline: sideOf(c, 'baseline'),
      candidate: sideOf(c, 'candidate'),
      delta: {
        iops_pct: round(c.deltas.iops?.pct),
        lat_mean_pct: round(c.deltas.lat_mean_us?.pct),
        lat_p99_pct: round(c.deltas.lat_p99_us?.pct),
        bw_pct: round(c.deltas.bw_kib_s?.pct),
      },
      verdict: c.verdict,
      key: c.key,
      verdicts,
      single_run: primary?.singleRun ?? false,
      p_value: round(primary?.pValue ?? null, 6),
      text: Object.values(c.deltas).map((d) => d.text),
      flags: c.flags,
      notes: c.notes,
    };
  });
}

/**
 * Rows of `--by DIM,...`: one per group of comparison cells. n = runs summed over the group;
 * metric values = median of the cells' medians; pct = 100 × (geometric mean of the cells'
 * candidate/baseline ratios − 1) (same sign convention as a cell's delta); verdict = the cells'
 * common verdict when they agree, else `inconclusive` (counts in `verdict_counts`).
 */
export function toGroupJson(comparison: Comparison, by: readonly Dimension[]): SpecRow[] {
  return summarize(comparison, by).map((g) => {
    const members = comparison.cells.filter((c) =>
      by.every((d) => (c.cell[d] ?? '') === g.group[d]),
    );
    const side = (s: 'baseline' | 'candidate'): SpecSide => ({
      n: members.reduce((a, c) => a + c[s].n, 0),
      iops: round(median(members.flatMap((c) => sideMedian(c[s], 'iops') ?? []))),
      lat_mean_us: round(median(members.flatMap((c) => sideMedian(c[s], 'lat_mean_us') ?? []))),
      lat_p99_us: round(median(members.flatMap((c) => sideMedian(c[s], 'lat_p99_us') ?? []))),
      bw_kib_s: round(median(members.flatMap((c) => sideMedian(c[s], 'bw_kib_s') ?? []))),
    });
    const geo = (m: MetricField) => {
      const gm = geometricMean(members.flatMap((c) => cellRatio(c, m) ?? []));
      return gm === null ? null : round(100 * (gm - 1));
    };
    const present = VERDICTS.filter((v) => g.byVerdict[v] > 0);
    const flags = [...new Set(members.flatMap((c) => c.flags))].sort();
    return {
      cell: typedCell(g.group),
      baseline: side('baseline'),
      candidate: side('candidate'),
      delta: {
        iops_pct: geo('iops'),
        lat_mean_pct: geo('lat_mean_us'),
        lat_p99_pct: geo('lat_p99_us'),
        bw_pct: geo('bw_kib_s'),
      },
      verdict: present.length === 1 ? present[0]! : 'inconclusive',
      key: Object.values(g.group).join('|'),
      verdicts: {},
      single_run: members.some((c) => c.deltas.iops?.singleRun ?? false),
      p_value: null,
      text: g.text ? [g.text] : [],
      flags,
      notes: present.length > 1 ? ['cells disagree: see verdict_counts'] : [],
      cells: g.cells,
      verdict_counts: g.byVerdict,
    };
  });
}
