/** The pivot toolbar's CSV export: the pivot in view as one formula-safe CSV download. */
import type { Pivot } from '../core/compare';
import type { ViewState } from '../core/url-state/url-state.types';
import { pivotCsvRows } from '../features/pivot/pivot-model';
import { toCsv } from '../shared/csv';
import { downloadText } from '../shared/download';

export function exportPivotCsv(
  pivot: Pivot,
  view: Pick<ViewState, 'axis' | 'baseline' | 'candidate' | 'metric'>,
): void {
  const csv = toCsv(
    pivotCsvRows(pivot, {
      axis: view.axis,
      baseline: view.baseline,
      candidate: view.candidate,
      metric: view.metric,
    }),
  );
  downloadText(
    csv,
    `aio-dash-pivot-${view.metric}-${view.candidate}-vs-${view.baseline}.csv`,
    'text/csv;charset=utf-8',
  );
}
