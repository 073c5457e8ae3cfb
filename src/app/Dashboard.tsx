/**
 * The dashboard's layout: the data bar, comparison bar, filters, the tabs (pivot / charts /
 * records) and the side panel around one ViewState (kept in the URL by the caller). The state
 * lives in hooks next to this file: useDashboardComparison (what is compared and shown),
 * useSelection (the selected cell), useLinkReconciliation and useLinkedSets (what a link asks
 * for), useSetActions (the data bar's set actions).
 */
import { Suspense, lazy, useCallback, useMemo } from 'react';
import type { ReactNode } from 'react';
import type { AxisFix } from '../core/compare';
import type { Selection } from '../core/url-state/selection';
import { defaultLayout } from '../core/url-state/url-state';
import type { UrlIssue, ViewState } from '../core/url-state/url-state.types';
import { AxisHintView } from '../features/compare-bar/AxisHintView';
import { CompareBar } from '../features/compare-bar/CompareBar';
import type { ComparisonChoice } from '../features/compare-bar/CompareBar';
import { DataBar } from '../features/data/DataBar';
import { countExcludable, countRecords } from '../features/data/set-stats';
import { Filters } from '../features/filters/Filters';
import { PivotToolbar } from '../features/pivot/PivotToolbar';
import { useI18n } from '../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../shared/labels';
import { Notice } from '../shared/ui/Notice';
import { Skeleton } from '../shared/ui/StateView';
import type { LoadedSet } from '../worker/loaded-set.types';
import { remoteErrorText } from './remote';
import { DashboardMain } from './DashboardMain';
import { DashboardSidePanel } from './DashboardSidePanel';
import { DashboardTabs, tabIds } from './DashboardTabs';
import { exportPivotCsv } from './pivot-export';
import { UrlNotices } from './UrlNotices';
import { layoutForFix, useAxisHints } from './useAxisHints';
import { useDashboardComparison } from './useDashboardComparison';
import type { OnServer } from './useDashboardComparison';
import { useLinkReconciliation } from './useLinkReconciliation';
import { useLinkedSets } from './useLinkedSets';
import type { ResultSets } from './useResultSets';
import { useSelection } from './useSelection';
import { useSetActions } from './useSetActions';

// The ingest panel (file picker, paste dialog, drop zone) is not needed for the first paint.
const IngestPanel = lazy(() =>
  import('../features/ingest-panel').then((m) => ({ default: m.IngestPanel })),
);

export function Dashboard({
  data,
  view,
  setView,
  issues,
  addIssues,
  dismissIssues,
  teamSlot,
}: {
  data: ResultSets;
  view: ViewState;
  setView: (update: (prev: ViewState) => ViewState) => void;
  issues: UrlIssue[];
  addIssues: (issues: UrlIssue[]) => void;
  dismissIssues: () => void;
  /** The team server's sets and "Share with the team" (src/app/useTeamSets), in the data bar. */
  teamSlot?: ReactNode;
}) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const loading = data.status === 'loading';
  const update = useCallback(
    (patch: Partial<ViewState>) => setView((prev) => ({ ...prev, ...patch })),
    [setView],
  );
  // A link names the sets it was made from: while they are missing, nothing else is shown as the result.
  const linked = useLinkedSets(data, view, setView);
  const { hostError, dismissHostError } = useLinkReconciliation({
    data,
    view,
    setView,
    addIssues,
    blocked: linked.blocked,
  });

  const shown = useDashboardComparison(data, view);
  const { enabled, enabledRecords, comparison, analysis } = shown;
  const { filtered } = analysis;
  const onSelection = useCallback((selected: Selection | null) => update({ selected }), [update]);
  const selection = useSelection({
    selected: view.selected,
    comparison,
    pivot: shown.pivot,
    groupPivot: shown.groupPivot,
    onChange: onSelection,
  });

  const baselineName = valueLabel(i18n, view.axis, view.baseline);
  const candidateName = valueLabel(i18n, view.axis, view.candidate);

  // Why the comparison is empty or thin, and the one-click fix (computed only then).
  const hintState = useAxisHints({
    records: enabledRecords,
    filtered,
    filters: view.filters,
    comparison,
    pending: analysis.pending,
    spec: shown.spec,
    sets: enabled,
    off: shown.onServer !== null,
  });
  const hintView = (variant: 'bar' | 'empty') => (
    <AxisHintView
      variant={variant}
      state={hintState}
      names={{ axis: dimLabel(i18n, view.axis), baseline: baselineName, candidate: candidateName }}
      onApply={(f: AxisFix) =>
        update({
          axis: f.axis,
          baseline: f.baseline,
          candidate: f.candidate,
          poolSets: f.poolSets,
          ...layoutForFix(f, filtered),
          selected: null,
        })
      }
      onClearFilters={() => update({ filters: {} })}
    />
  );
  const emptyHint =
    hintState.hints.length > 0 || hintState.pending || hintState.filtersCause !== null
      ? hintView('empty')
      : null;

  const onComparison = (c: ComparisonChoice) => {
    const layout = c.axis !== view.axis ? defaultLayout(c.axis) : null;
    update({
      ...c,
      ...(layout
        ? {
            rows: layout.rows.length > 0 ? layout.rows : ['medium'],
            cols: layout.cols,
            selected: null,
          }
        : {}),
    });
  };

  const { onServer } = shown;
  const totalCounts = useMemo(
    () => (onServer ? serverCounts(enabled) : countRecords(enabledRecords)),
    [onServer, enabled, enabledRecords],
  );
  const excludable = useMemo(() => countExcludable(filtered), [filtered]);
  const setChips = useMemo(
    () =>
      data.sets.map((s) => ({
        name: s.name,
        description: s.description,
        source: s.source,
        bundled: data.bundled.has(s.name),
        counts: s.server ? serverCounts([s]) : countRecords(s.records),
        reports: s.reports,
        files: s.files,
        ...(s.mapping ? { mapping: s.mapping } : {}),
      })),
    [data.sets, data.bundled],
  );
  const setActions = useSetActions(data, view.hiddenSets, setView);

  return (
    <>
      {linked.notice}
      {onServer && (
        <ServerNotices onServer={onServer} sets={enabled} records={totalCounts.records} />
      )}
      <UrlNotices
        issues={issues}
        onDismissIssues={dismissIssues}
        hostError={hostError}
        onDismissHostError={dismissHostError}
      />
      <DataBar
        sets={setChips}
        hidden={view.hiddenSets}
        actions={setActions.actions}
        note={setActions.note}
        excludeFlagged={view.excludeFlagged}
        onExcludeFlagged={(on) => update({ excludeFlagged: on })}
        excludable={excludable}
        {...(onServer ? { flaggedOnServer: totalCounts.flagged } : {})}
        loading={loading}
        ingestSlot={
          <>
            {teamSlot}
            <Suspense fallback={<span className="ingest-placeholder" aria-hidden="true" />}>
              <IngestPanel
                sets={data.sets}
                onLoaded={setActions.onLoaded}
                onReplace={data.replaceSet}
              />
            </Suspense>
          </>
        }
      />
      {/* A link whose sets are missing compares nothing here: no comparison to set up. */}
      {!linked.blocked && (
        <CompareBar
          value={{
            axis: view.axis,
            baseline: view.baseline,
            candidate: view.candidate,
            metric: view.metric,
            thresholdPct: view.thresholdPct,
            poolSets: view.poolSets,
          }}
          onChange={onComparison}
          axes={shown.axes}
          hint={hintView('bar')}
        />
      )}
      <div
        className="workspace"
        style={view.selected ? undefined : { gridTemplateColumns: '210px minmax(0, 1fr)' }}
      >
        {loading ? (
          <div className="filters" aria-busy="true">
            <Skeleton rows={14} height={18} />
          </div>
        ) : (
          <Filters
            dims={analysis.dims}
            facets={analysis.facets}
            filters={view.filters}
            onChange={(filters) => update({ filters })}
          />
        )}
        <main className="main-area" id="main">
          <DashboardTabs
            tab={view.tab}
            onTab={(tab) => update({ tab })}
            counts={
              loading
                ? {}
                : {
                    records: fmt.int(onServer ? totalCounts.records : filtered.length),
                    pivot: fmt.int(comparison.cells.length),
                  }
            }
            summary={
              !loading &&
              view.tab !== 'records' &&
              !linked.blocked && (
                <span className="tabs-summary" role="status" data-testid="compare-summary">
                  {shown.pending && <span className="pill computing">{t('state.computing')}</span>}{' '}
                  {candidateName} {t('compare.vs')} {baselineName} · {shown.summary}
                </span>
              )
            }
          />
          {view.tab === 'pivot' && !loading && data.status === 'ready' && enabled.length > 0 && (
            <PivotToolbar
              rows={view.rows}
              cols={view.cols}
              available={shown.available}
              onLayout={(rows, cols) => update({ rows, cols })}
              onExportCsv={() => exportPivotCsv(shown.pivot, view)}
              exportDisabled={comparison.cells.length === 0}
            />
          )}
          <div
            className="tab-panel"
            role="tabpanel"
            id={tabIds(view.tab).panel}
            aria-labelledby={tabIds(view.tab).tab}
          >
            <DashboardMain
              data={data}
              blocked={linked.blocked}
              blockedView={linked.blockedView}
              enabledCount={enabled.length}
              view={view}
              update={update}
              filtered={filtered}
              totalCounts={totalCounts}
              onServer={onServer !== null}
              hostRecords={shown.hostRecords}
              comparison={comparison}
              pivot={shown.pivot}
              groupPivot={shown.groupPivot}
              emptyHint={emptyHint}
              baselineName={baselineName}
              candidateName={candidateName}
              onSelect={selection.onSelect}
            />
          </div>
        </main>
        {view.selected && !loading && (
          <DashboardSidePanel
            selection={view.selected}
            cells={selection.selectedCells}
            aggregate={selection.selectedAggregate}
            view={view}
            update={update}
            baselineName={baselineName}
            candidateName={candidateName}
            setRecords={enabledRecords}
            comparison={comparison}
            onServer={onServer !== null}
            onClose={selection.clear}
          />
        )}
      </div>
    </>
  );
}

/** A set's counts as the server stored them (its records are not here). */
function serverCounts(sets: readonly LoadedSet[]): ReturnType<typeof countRecords> {
  let records = 0;
  let flagged = 0;
  for (const s of sets)
    if (s.server) {
      records += s.server.records;
      flagged += s.server.flagged;
    }
  // Incomplete runs are among the flagged ones; the server lists no breakdown.
  return { records, flagged, incomplete: 0 };
}

/** What the team server is doing with the sets kept there, and what is not in its comparison. */
function ServerNotices({
  onServer,
  sets,
  records,
}: {
  onServer: OnServer;
  sets: readonly LoadedSet[];
  /** Records of the sets in view (serverCounts). */
  records: number;
}) {
  const { t, fmt } = useI18n();
  const names = sets
    .filter((s) => s.server)
    .map((s) => `“${s.name}”`)
    .join(', ');
  return (
    <>
      {onServer.pending && (
        <Notice
          title={t('server.pending', { records: fmt.int(records) })}
          testId="server-pending"
        />
      )}
      {onServer.error && (
        <Notice
          tone="error"
          title={t('server.failed', { sets: names, reason: remoteErrorText(onServer.error) })}
          testId="server-error"
        />
      )}
      {onServer.leftOut.length > 0 && (
        <Notice
          title={t('server.localLeftOut', {
            names: onServer.leftOut.map((n) => `“${n}”`).join(', '),
          })}
          testId="server-left-out"
        />
      )}
    </>
  );
}
