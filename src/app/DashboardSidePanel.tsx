/**
 * The side panel of the selected cell (a lazy chunk): its evidence, records and recommendation.
 * Entry points for more panel sections (other helpers' slots) are passed through here.
 */
import { Suspense, lazy } from 'react';
import type { CellComparison, Comparison, PivotCell } from '../core/compare';
import type { ResultRecord } from '../core/model/record.types';
import type { Selection } from '../core/url-state/selection';
import type { ViewState } from '../core/url-state/url-state.types';

const CellPanel = lazy(() =>
  import('../features/cell-panel/CellPanel').then((m) => ({ default: m.CellPanel })),
);
// The tail charts (issue 15) are a chunk of their own, loaded when the panel opens one.
const TailCharts = lazy(() => import('../features/charts/TailCharts'));

export function DashboardSidePanel({
  selection,
  cells,
  aggregate,
  view,
  update,
  baselineName,
  candidateName,
  setRecords,
  comparison,
  onServer = false,
  onClose,
}: {
  selection: Selection;
  cells: CellComparison[];
  aggregate: PivotCell | null;
  view: ViewState;
  update: (patch: Partial<ViewState>) => void;
  baselineName: string;
  candidateName: string;
  setRecords: readonly ResultRecord[];
  /** The comparison of the cells (tail verdicts, FDR family sizes and q-values). */
  comparison?: Comparison | null;
  /** The cells are the team server's aggregates: no runs here. */
  onServer?: boolean;
  onClose: () => void;
}) {
  return (
    <Suspense fallback={<div className="cell-panel" aria-busy="true" />}>
      <CellPanel
        selection={selection}
        cells={cells}
        aggregate={aggregate}
        metric={view.metric}
        axis={view.axis}
        baselineName={baselineName}
        candidateName={candidateName}
        setRecords={setRecords}
        comparison={comparison ?? null}
        onServer={onServer}
        host={view.host}
        onHost={(host) => update({ host })}
        order={[...view.rows, ...view.cols]}
        onClose={onClose}
        renderTailCharts={(request) => (
          <Suspense fallback={null}>
            <TailCharts {...request} />
          </Suspense>
        )}
      />
    </Suspense>
  );
}
