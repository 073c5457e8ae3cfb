/**
 * Additive fields of `aio-dash compare --format json` rows (issue 15.3, 15.4): the BH q-value of
 * the row's primary metric (next to `p_value`, which stays unadjusted) and the tail-regression
 * verdict. Nothing of SpecRow is renamed or removed: the spec's fields stay as they are.
 */
import type { MetricField } from '../model/record.types';
import type { Comparison } from './compare.types';
import { fdrQValues } from './fdr.apply';
import type { SpecRow } from './output';
import { tailVerdictsOf } from './tail-verdict';
import type { TailSide } from './tail-verdict';

export interface TailJson {
  primary: MetricField;
  primary_pct: number;
  /** The tail metric that worsened most: lat_p999_us or lat_max_us. */
  metric: string;
  /** candidate / baseline of that metric's medians. */
  ratio: number;
  stall: boolean;
  single_run: boolean;
  text: string;
  baseline: TailSide;
  candidate: TailSide;
}

export interface TailAndQ {
  /** Benjamini–Hochberg q of the primary metric over the comparison's t-tested cells; null untested. */
  q_value: number | null;
  /** Null when the cell is not a tail regression. */
  tail_regression: TailJson | null;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The q_value and tail_regression of each cell of `comparison` by index (tailVerdictsOf). The BH q-values are over
 * all of the comparison's cells, whichever rows are asked for (a writer may go by slices).
 */
export function tailAndQOf(comparison: Comparison): (index: number) => TailAndQ {
  const tails = tailVerdictsOf(comparison.cells, comparison.spec.thresholdPct);
  const qByMetric = new Map<MetricField, Map<string, number>>();
  const qOf = (m: MetricField, key: string) => {
    let q = qByMetric.get(m);
    if (!q) qByMetric.set(m, (q = fdrQValues(comparison, m)));
    return q.get(key) ?? null;
  };
  return (i) => {
    const c = comparison.cells[i]!;
    // The row's primary metric, as toSpecJson picks it for p_value.
    const primary: MetricField | null = c.deltas.iops
      ? 'iops'
      : c.deltas.lat_mean_us
        ? 'lat_mean_us'
        : c.deltas.bw_kib_s
          ? 'bw_kib_s'
          : null;
    const q = primary ? qOf(primary, c.key) : null;
    const t = tails[i] ?? null;
    return {
      q_value: q === null ? null : round(q, 6),
      tail_regression: t && {
        primary: t.primary,
        primary_pct: round(t.primaryPct, 2),
        metric: t.metric,
        ratio: round(t.ratio, 3),
        stall: t.stall,
        single_run: t.singleRun,
        text: t.text,
        baseline: t.baseline,
        candidate: t.candidate,
      },
    };
  };
}

/** `rows` (toSpecJson(comparison), one per cell in order) with q_value and tail_regression. */
export function withTailAndQ(rows: SpecRow[], comparison: Comparison): (SpecRow & TailAndQ)[] {
  const of = tailAndQOf(comparison);
  return rows.map((row, i) => ({ ...row, ...of(i) }));
}
