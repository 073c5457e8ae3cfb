/** The words of a pivot cell: its hover title, its short verdict, and why it has no delta. */
import type { PivotCell } from '../../core/compare';
import type { MetricField } from '../../core/model/record.types';
import type { I18n } from '../../shared/i18n/i18n';
import { shownVerdict } from './pivot-model';

type ShownVerdict = ReturnType<typeof shownVerdict>;

export function pivotCellText(
  i18n: I18n,
  names: { metric: MetricField; baselineName: string; candidateName: string },
) {
  const { t, fmt } = i18n;
  const { metric, baselineName, candidateName } = names;

  const verdictText = (v: ShownVerdict): string =>
    v === null ? '' : v === 'mixed' ? t('verdict.mixed') : t(`verdict.${v}`);

  return {
    /** "threads: 31,335.5 IOPS …", then the flag, a tail-regression line when given, the cell count. */
    title: (cell: PivotCell, tailLine: string | null): string =>
      t('pivot.cellTitle', {
        baselineName,
        candidateName,
        baseline: fmt.exact(cell.baseline, metric),
        candidate: fmt.exact(cell.candidate, metric),
        delta: fmt.pct(cell.deltaPct),
        verdict: verdictText(shownVerdict(cell)),
        n: `${cell.baselineN ?? '?'} + ${cell.candidateN ?? '?'}`,
      }) +
      (cell.flagged ? `\n⚑ ${t('pivot.flagged')}` : '') +
      (tailLine !== null ? `\n⚠ ${tailLine}` : '') +
      (cell.cells.length > 1 ? `\n${t('panel.cells', { n: cell.cells.length })}` : ''),

    /** Why a cell shows no delta: flagged records excluded, a side without data, or no verdict. */
    noDeltaText: (cell: PivotCell): string => {
      if (cell.cells.some((c) => c.excludedFlagged > 0)) return `⚑ ${t('pivot.excluded')}`;
      if ((cell.baselineN ?? 0) === 0 || (cell.candidateN ?? 0) === 0) return t('pivot.noData');
      return t('verdict.inconclusive');
    },

    shortVerdict: (v: ShownVerdict): string =>
      v === null ? '' : v === 'mixed' ? t('verdict.mixed') : t(`verdict.short.${v}`),
  };
}
