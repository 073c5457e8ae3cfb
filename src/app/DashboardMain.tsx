/**
 * The content of the dashboard's tab panel: the loading, error and empty states (each with its
 * cause and fix), the records table, the charts (a lazy chunk) or the pivot with its legend.
 */
import { Suspense, lazy } from 'react';
import type { ReactNode } from 'react';
import type { Comparison, Pivot } from '../core/compare';
import type { ResultRecord } from '../core/model/record.types';
import type { Selection } from '../core/url-state/selection';
import type { ViewState } from '../core/url-state/url-state.types';
import { RecordsTable } from '../features/data/RecordsTable';
import type { countRecords } from '../features/data/set-stats';
import { PivotLegend } from '../features/pivot/PivotLegend';
import { PivotTable } from '../features/pivot/PivotTable';
import { useI18n } from '../shared/i18n/i18n';
import { Skeleton, StateView } from '../shared/ui/StateView';
import type { ResultSets } from './useResultSets';

const Charts = lazy(() => import('../features/charts/Charts'));

export interface DashboardMainProps {
  data: Pick<ResultSets, 'status' | 'error' | 'retry' | 'sets'>;
  /** The link's own sets are missing: `blockedView` says which, instead of other data. */
  blocked: boolean;
  blockedView: ReactNode;
  enabledCount: number;
  view: ViewState;
  update: (patch: Partial<ViewState>) => void;
  filtered: readonly ResultRecord[];
  totalCounts: ReturnType<typeof countRecords>;
  hostRecords: readonly ResultRecord[];
  comparison: Comparison;
  pivot: Pivot;
  groupPivot: Pivot | null;
  /** Why nothing pairs and its fix, when known (null: no hint to show). */
  emptyHint: ReactNode | null;
  baselineName: string;
  candidateName: string;
  onSelect: (sel: Selection) => void;
  /** The comparison is the team server's: the records stay there. */
  onServer?: boolean;
}

export function DashboardMain(p: DashboardMainProps) {
  const { t, fmt } = useI18n();
  const { data, view, update, comparison } = p;
  if (data.status === 'error') {
    return (
      <StateView
        kind="error"
        message={t('state.error', { reason: data.error ?? '' })}
        action={
          <button type="button" className="btn btn-primary" onClick={data.retry}>
            {t('state.retry')}
          </button>
        }
      />
    );
  }
  if (data.status === 'loading') return <Skeleton rows={12} height={36} />;
  if (p.blocked) return p.blockedView;
  if (data.sets.length === 0) return <StateView kind="empty" message={t('state.empty')} />;
  if (p.enabledCount === 0) return <StateView kind="empty" message={t('state.noneEnabled')} />;
  if (view.tab === 'records') {
    if (p.onServer)
      return (
        <StateView
          kind="empty"
          message={t('server.recordsThere', { records: fmt.int(p.totalCounts.records) })}
        />
      );
    return <RecordsTable records={p.filtered} totalCounts={p.totalCounts} />;
  }
  if (comparison.cells.length === 0) {
    // The real cause and its fix; "Clear filters" only when the filters are the cause.
    if (p.emptyHint !== null)
      return (
        <div className="state" data-state="empty">
          {p.emptyHint}
        </div>
      );
    const filtering = Object.values(view.filters).some((v) => v && v.length > 0);
    const names = { baseline: p.baselineName, candidate: p.candidateName };
    return (
      <StateView
        kind="empty"
        // The reasons and fixes are searched in records, which a set on the server keeps there.
        message={p.onServer ? t('server.noCells', names) : t('state.noCells', names)}
        action={
          filtering ? (
            <button type="button" className="btn" onClick={() => update({ filters: {} })}>
              {t('state.clearFilters')}
            </button>
          ) : undefined
        }
      />
    );
  }
  if (view.tab === 'charts') {
    return (
      <Suspense fallback={<StateView kind="loading" message={t('charts.loading')} />}>
        <Charts
          comparison={comparison}
          records={p.filtered}
          hostRecords={p.hostRecords}
          rows={view.rows}
          cols={view.cols}
          metric={view.metric}
          thresholdPct={view.thresholdPct}
          baselineName={p.baselineName}
          candidateName={p.candidateName}
          topN={view.topN}
          onTopN={(n) => update({ topN: n })}
          selected={view.selected}
          onSelect={p.onSelect}
          onShowAll={() => update({ tab: 'pivot' })}
          sweep={view.sweep}
          onSweep={(sweep) => update({ sweep })}
        />
      </Suspense>
    );
  }
  return (
    <>
      <PivotTable
        pivot={p.pivot}
        groupPivot={p.groupPivot}
        metric={view.metric}
        thresholdPct={view.thresholdPct}
        baselineName={p.baselineName}
        candidateName={p.candidateName}
        selected={view.selected}
        onSelect={p.onSelect}
      />
      <PivotLegend candidateName={p.candidateName} thresholdPct={view.thresholdPct} />
    </>
  );
}
