/**
 * The sentence the grouped-bars chart gives for its best bar. A bar over several comparison cells
 * shows the median of their medians per side, while its delta is the geometric mean of the
 * per-cell deltas: "41,874.28 IOPS → 45,662.96 IOPS (+69.0%)" put those side by side as if the
 * 69% were the step between the two numbers (it was +9.0%). The sentence now names each number.
 */
import type { MetricField } from '../../core/model/record.types';
import type { I18n } from '../../shared/i18n/i18n';
import type { BarDatum } from './chart-data';

/** "where: X → Y (Δ)" for one cell; for several, the medians with their own ratio and the geo-mean. */
export function bestBarSentence(
  i18n: Pick<I18n, 't' | 'fmt'>,
  where: string,
  bar: Pick<BarDatum, 'baseline' | 'candidate' | 'deltaPct' | 'cells'>,
  metric: MetricField,
): string {
  const { t, fmt } = i18n;
  const vars = {
    where,
    baseline: fmt.exact(bar.baseline, metric),
    candidate: fmt.exact(bar.candidate, metric),
    delta: fmt.pct(bar.deltaPct),
  };
  if (bar.cells <= 1) return t('sweep.groupedBest.one', vars);
  const ratio =
    bar.baseline !== null && bar.candidate !== null && bar.baseline > 0
      ? 100 * (bar.candidate / bar.baseline - 1)
      : null;
  return t('sweep.groupedBest.many', { ...vars, n: bar.cells, ratio: fmt.pct(ratio) });
}
