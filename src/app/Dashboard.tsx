import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { compare, deltaOf, dimensionValue } from '../core/compare';
import type { CellComparison, ComparisonSpec, Pivot } from '../core/compare';
import type { Dimension, ResultRecord } from '../core/model/record.types';
import { defaultLayout, reconcileWithData } from '../core/url-state/url-state';
import type { Tab, UrlIssue, ViewState } from '../core/url-state/url-state.types';
import { TABS } from '../core/url-state/url-state.types';
import { CompareBar } from '../features/compare-bar/CompareBar';
import type { ComparisonChoice } from '../features/compare-bar/CompareBar';
import { DataBar } from '../features/data/DataBar';
import { RecordsTable } from '../features/data/RecordsTable';
import { countExcludable, countRecords } from '../features/data/set-stats';
import { Filters } from '../features/filters/Filters';
import { applyFiltersToHost } from '../features/filters/filter';
import { PivotTable } from '../features/pivot/PivotTable';
import { PivotToolbar } from '../features/pivot/PivotToolbar';
import { pivotCsvRows } from '../features/pivot/pivot-model';
import { toCsv } from '../shared/csv';
import { downloadText } from '../shared/download';
import { useI18n } from '../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../shared/labels';
import { Notice } from '../shared/ui/Notice';
import { Skeleton, StateView } from '../shared/ui/StateView';
import type { ResultSets } from './useResultSets';
import { allRecords } from './useResultSets';
import { useAnalysis, usePivots } from './useAnalysis';
import { layoutForFix, useAxisHints } from './useAxisHints';
import { useLinkedSets } from './useLinkedSets';
import { AxisHintView } from '../features/compare-bar/AxisHintView';
import type { AxisFix } from '../core/compare';
import { useSetActions } from './useSetActions';
import { PivotLegend } from '../features/pivot/PivotLegend';
import { parseHostProfile } from '../core/policy/host-profile';

const Charts = lazy(() => import('../features/charts/Charts'));
// The ingest panel (file picker, paste dialog, drop zone) is not needed for the first paint.
const IngestPanel = lazy(() =>
  import('../features/ingest-panel').then((m) => ({ default: m.IngestPanel })),
);
const CellPanel = lazy(() =>
  import('../features/cell-panel/CellPanel').then((m) => ({ default: m.CellPanel })),
);

type Selection = Partial<Record<Dimension, string>>;

const EMPTY_COMPARISON = compare([], {});

function matches(cell: CellComparison, sel: Selection): boolean {
  for (const [d, v] of Object.entries(sel)) if ((cell.cell[d] ?? '') !== v) return false;
  return true;
}

/**
 * The dashboard: composes the data bar, comparison bar, filters, pivot / charts / records tabs and
 * the side panel around one ViewState (kept in the URL by the caller).
 */
export function Dashboard({
  data,
  view,
  setView,
  issues,
  addIssues,
  dismissIssues,
}: {
  data: ResultSets;
  view: ViewState;
  setView: (update: (prev: ViewState) => ViewState) => void;
  issues: UrlIssue[];
  addIssues: (issues: UrlIssue[]) => void;
  dismissIssues: () => void;
}) {
  const i18n = useI18n();
  const { t, fmt, lang } = i18n;
  const loading = data.status === 'loading';
  // A link names the sets it was made from: while they are missing, nothing else is shown as the result.
  const linked = useLinkedSets(data, view, setView);

  // Second validation stage: once the data is there, drop link values the data does not have.
  const reconciled = useRef(false);
  useEffect(() => {
    if (reconciled.current || data.status !== 'ready' || linked.blocked) return;
    reconciled.current = true;
    const all = allRecords(data.sets);
    const cache = new Map<Dimension, Set<string>>();
    const known = (dim: Dimension) => {
      let s = cache.get(dim);
      if (!s) {
        s = new Set(all.map((r) => dimensionValue(r, dim)));
        cache.set(dim, s);
      }
      return s;
    };
    const r = reconcileWithData(
      view,
      data.sets.map((s) => s.name),
      known,
    );
    if (r.issues.length > 0) {
      addIssues(r.issues);
      setView(() => r.state);
    }
  }, [data.status, data.sets, view, setView, addIssues, linked.blocked]);

  // The host profile of a link is checked by the policy module; an invalid one is dropped, with a notice.
  const [hostError, setHostError] = useState<string | null>(null);
  useEffect(() => {
    if (view.host === null) return;
    const r = parseHostProfile(view.host);
    if (!r.ok) {
      setHostError(r.reason);
      setView((prev) => ({ ...prev, host: null }));
    }
  }, [view.host, setView]);

  const enabled = useMemo(
    () => data.sets.filter((s) => !view.hiddenSets.includes(s.name)),
    [data.sets, view.hiddenSets],
  );
  const enabledRecords = useMemo(() => allRecords(enabled), [enabled]);
  // Host-layer records (bare-metal baselines) are few: found once per record set, then filtered.
  const hostAll = useMemo(() => {
    const out: ResultRecord[] = [];
    for (const r of enabledRecords) if (r.layer === 'host') out.push(r);
    return out;
  }, [enabledRecords]);
  const hostRecords = useMemo(
    () => applyFiltersToHost(hostAll, view.filters),
    [hostAll, view.filters],
  );

  const hostOnly = enabledRecords.length > 0 && hostAll.length === enabledRecords.length;
  const spec = useMemo<Partial<ComparisonSpec>>(
    () => ({
      axis: view.axis,
      baseline: view.baseline,
      candidate: view.candidate,
      thresholdPct: view.thresholdPct,
      excludeFlagged: view.excludeFlagged,
      poolSets: view.poolSets,
      // A view of host-layer records only (an `aio-dash bench` set) compares them with each
      // other; next to guest records they stay bare-metal baselines.
      includeHostLayer: hostOnly,
    }),
    [
      view.axis,
      view.baseline,
      view.candidate,
      view.thresholdPct,
      view.excludeFlagged,
      view.poolSets,
      hostOnly,
    ],
  );
  const analysis = useAnalysis(enabledRecords, view.filters, spec);
  const { dims, facets, filtered } = analysis;
  const comparison = analysis.comparison ?? EMPTY_COMPARISON;
  const pivotSpec = useMemo(
    () => ({ rows: view.rows, cols: view.cols, metric: view.metric, value: 'delta' as const }),
    [view.rows, view.cols, view.metric],
  );
  const pivots = usePivots(comparison, pivotSpec, analysis.large);
  const thePivot = pivots.pivot;
  const groupPivot = pivots.groupPivot;

  const baselineName = valueLabel(i18n, view.axis, view.baseline);
  const candidateName = valueLabel(i18n, view.axis, view.candidate);

  // Why the comparison is empty or thin, and the one-click fix (computed only then).
  const hintState = useAxisHints({
    records: enabledRecords,
    filtered,
    filters: view.filters,
    comparison,
    pending: analysis.pending,
    spec,
    sets: enabled,
  });
  const hintNames = {
    axis: dimLabel(i18n, view.axis),
    baseline: baselineName,
    candidate: candidateName,
  };
  const applyFix = (f: AxisFix) =>
    update({
      axis: f.axis,
      baseline: f.baseline,
      candidate: f.candidate,
      poolSets: f.poolSets,
      ...layoutForFix(f, filtered),
      selected: null,
    });
  const hintView = (variant: 'bar' | 'empty') => (
    <AxisHintView
      variant={variant}
      state={hintState}
      names={hintNames}
      onApply={applyFix}
      onClearFilters={() => update({ filters: {} })}
    />
  );

  const summary = useMemo(() => {
    const v = { improvement: 0, regression: 0, 'no-difference': 0, inconclusive: 0 };
    let nodata = 0;
    for (const c of comparison.cells) {
      // deltaOf: no MetricDelta objects built for every cell (≈ 100 ms at 68k cells).
      const d = deltaOf(c, view.metric);
      if (d) v[d.verdict]++;
      else nodata++;
    }
    return t('compare.summary', {
      cells: fmt.int(comparison.cells.length),
      nodata: fmt.int(nodata),
      better: fmt.int(v.improvement),
      worse: fmt.int(v.regression),
      same: fmt.int(v['no-difference']),
      unclear: fmt.int(v.inconclusive),
    });
  }, [comparison, view.metric, t, fmt]);

  // Axes for the "advanced" choice: dimensions with at least two values in the data.
  const axes = useMemo(() => {
    const m = new Map<Dimension, string[]>();
    for (const d of dims) {
      if (d === 'layer') continue;
      const vals = (facets[d] ?? []).map((f) => f.value).filter((v) => v !== '');
      if (vals.length >= 2) m.set(d, vals);
    }
    if (enabled.length >= 2)
      m.set(
        'set',
        enabled.map((s) => s.name),
      );
    return m;
  }, [dims, facets, enabled]);

  const selectedCells = useMemo(
    () => (view.selected ? comparison.cells.filter((c) => matches(c, view.selected!)) : []),
    [comparison, view.selected],
  );
  const selectedAggregate = useMemo(() => {
    if (!view.selected) return null;
    const sel = view.selected;
    const pick = (p: Pivot | null) => {
      if (!p) return null;
      const dimsOf = [...p.rowDims, ...p.colDims];
      if (dimsOf.length !== Object.keys(sel).length || !dimsOf.every((d) => d in sel)) return null;
      const ri = p.rowKeys.findIndex((k) => k.every((v, i) => sel[p.rowDims[i]!] === v));
      const ci = p.colKeys.findIndex((k) => k.every((v, i) => sel[p.colDims[i]!] === v));
      return ri >= 0 && ci >= 0 ? (p.cells[ri]?.[ci] ?? null) : null;
    };
    return pick(thePivot) ?? pick(groupPivot);
  }, [view.selected, thePivot, groupPivot]);

  const update = useCallback(
    (patch: Partial<ViewState>) => setView((prev) => ({ ...prev, ...patch })),
    [setView],
  );
  const onSelect = useCallback((sel: Selection) => update({ selected: sel }), [update]);
  // Escape closes the side panel from anywhere (except inside a dialog, which handles it itself).
  const hasSelection = view.selected !== null;
  useEffect(() => {
    if (!hasSelection) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (e.target instanceof Element && e.target.closest('dialog')) return;
      update({ selected: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasSelection, update]);

  const onComparison = (c: ComparisonChoice) => {
    const axisChanged = c.axis !== view.axis;
    const layout = axisChanged ? defaultLayout(c.axis) : null;
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

  const exportCsv = () => {
    const csv = toCsv(
      pivotCsvRows(thePivot, {
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
  };

  const available = dims.filter(
    (d) =>
      d !== view.axis &&
      !view.rows.includes(d) &&
      !view.cols.includes(d) &&
      (facets[d]?.length ?? 0) > 1,
  );
  const totalCounts = useMemo(() => countRecords(enabledRecords), [enabledRecords]);
  const excludable = useMemo(() => countExcludable(filtered), [filtered]);
  const setChips = useMemo(
    () =>
      data.sets.map((s) => ({
        name: s.name,
        description: s.description,
        source: s.source,
        bundled: data.bundled.has(s.name),
        counts: countRecords(s.records),
        reports: s.reports,
        files: s.files,
        ...(s.mapping ? { mapping: s.mapping } : {}),
      })),
    [data.sets, data.bundled],
  );
  const setActions = useSetActions(data, view.hiddenSets, setView);

  const tabIds = (tab: Tab) => ({ tab: `tab-${tab}`, panel: `panel-${tab}` });
  const onTabKey = (e: React.KeyboardEvent) => {
    const i = TABS.indexOf(view.tab);
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : null;
    if (next) {
      e.preventDefault();
      update({ tab: next });
      requestAnimationFrame(() => document.getElementById(tabIds(next).tab)?.focus());
    }
  };

  const mainContent = () => {
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
    if (loading) return <Skeleton rows={12} height={36} />;
    if (linked.blocked) return linked.blockedView;
    if (data.sets.length === 0) return <StateView kind="empty" message={t('state.empty')} />;
    if (enabled.length === 0) return <StateView kind="empty" message={t('state.noneEnabled')} />;
    const clearFilters = (
      <button type="button" className="btn" onClick={() => update({ filters: {} })}>
        {t('state.clearFilters')}
      </button>
    );
    if (view.tab === 'records') {
      return <RecordsTable records={filtered} totalCounts={totalCounts} />;
    }
    if (comparison.cells.length === 0) {
      // The real cause and its fix; "Clear filters" only when the filters are the cause.
      if (hintState.hints.length > 0 || hintState.pending || hintState.filtersCause !== null)
        return (
          <div className="state" data-state="empty">
            {hintView('empty')}
          </div>
        );
      const filtering = Object.values(view.filters).some((v) => v && v.length > 0);
      return (
        <StateView
          kind="empty"
          message={t('state.noCells', { baseline: baselineName, candidate: candidateName })}
          action={filtering ? clearFilters : undefined}
        />
      );
    }
    if (view.tab === 'charts') {
      return (
        <Suspense fallback={<StateView kind="loading" message={t('charts.loading')} />}>
          <Charts
            comparison={comparison}
            records={filtered}
            hostRecords={hostRecords}
            rows={view.rows}
            cols={view.cols}
            metric={view.metric}
            thresholdPct={view.thresholdPct}
            baselineName={baselineName}
            candidateName={candidateName}
            topN={view.topN}
            onTopN={(n) => update({ topN: n })}
            selected={view.selected}
            onSelect={onSelect}
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
          pivot={thePivot}
          groupPivot={groupPivot}
          metric={view.metric}
          thresholdPct={view.thresholdPct}
          baselineName={baselineName}
          candidateName={candidateName}
          selected={view.selected}
          onSelect={onSelect}
        />
        <PivotLegend candidateName={candidateName} thresholdPct={view.thresholdPct} />
      </>
    );
  };

  return (
    <>
      {linked.notice}
      {issues.length > 0 && (
        <Notice title={t('notice.urlTitle')} onDismiss={dismissIssues} testId="url-notice">
          <span> — {t('notice.urlBody')}</span>
          <ul>
            {issues.slice(0, 6).map((iss, k) => (
              <li key={k}>
                <code>
                  {iss.param}={iss.value.length > 60 ? `${iss.value.slice(0, 60)}…` : iss.value}
                </code>{' '}
                — {t(`notice.code.${iss.code}`)}
              </li>
            ))}
            {issues.length > 6 && <li>…</li>}
          </ul>
        </Notice>
      )}
      {hostError && (
        <Notice
          title={t('notice.urlTitle')}
          onDismiss={() => setHostError(null)}
          testId="host-notice"
        >
          <span> — {t('notice.host', { reason: hostError })}</span>
        </Notice>
      )}
      <DataBar
        sets={setChips}
        hidden={view.hiddenSets}
        actions={setActions.actions}
        note={setActions.note}
        excludeFlagged={view.excludeFlagged}
        onExcludeFlagged={(on) => update({ excludeFlagged: on })}
        excludable={excludable}
        loading={loading}
        ingestSlot={
          <Suspense fallback={<span className="ingest-placeholder" aria-hidden="true" />}>
            <IngestPanel
              sets={data.sets}
              lang={lang}
              onLoaded={setActions.onLoaded}
              onReplace={data.replaceSet}
            />
          </Suspense>
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
          axes={axes}
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
            dims={dims}
            facets={facets}
            filters={view.filters}
            onChange={(filters) => update({ filters })}
          />
        )}
        <main className="main-area" id="main">
          <div className="tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onTabKey}>
            {TABS.map((tab) => (
              <button
                key={tab}
                type="button"
                role="tab"
                id={tabIds(tab).tab}
                aria-selected={view.tab === tab}
                aria-controls={tabIds(tab).panel}
                tabIndex={view.tab === tab ? 0 : -1}
                onClick={() => update({ tab })}
              >
                {t(`tabs.${tab}`)}
                {tab === 'records' && !loading && (
                  <span className="tab-count">{fmt.int(filtered.length)}</span>
                )}
                {tab === 'pivot' && !loading && (
                  <span className="tab-count">{fmt.int(comparison.cells.length)}</span>
                )}
              </button>
            ))}
            {!loading && view.tab !== 'records' && !linked.blocked && (
              <span className="tabs-summary" role="status" data-testid="compare-summary">
                {(analysis.pending || pivots.pending) && (
                  <span className="pill computing">{t('state.computing')}</span>
                )}{' '}
                {candidateName} {t('compare.vs')} {baselineName} · {summary}
              </span>
            )}
          </div>
          {view.tab === 'pivot' && !loading && data.status === 'ready' && enabled.length > 0 && (
            <PivotToolbar
              rows={view.rows}
              cols={view.cols}
              available={available}
              onLayout={(rows, cols) => update({ rows, cols })}
              onExportCsv={exportCsv}
              exportDisabled={comparison.cells.length === 0}
            />
          )}
          <div
            className="tab-panel"
            role="tabpanel"
            id={tabIds(view.tab).panel}
            aria-labelledby={tabIds(view.tab).tab}
          >
            {mainContent()}
          </div>
        </main>
        {view.selected && !loading && (
          <Suspense fallback={<div className="cell-panel" aria-busy="true" />}>
            <CellPanel
              selection={view.selected}
              cells={selectedCells}
              aggregate={selectedAggregate}
              metric={view.metric}
              axis={view.axis}
              baselineName={baselineName}
              candidateName={candidateName}
              setRecords={enabledRecords}
              host={view.host}
              onHost={(host) => update({ host })}
              order={[...view.rows, ...view.cols]}
              onClose={() => update({ selected: null })}
            />
          </Suspense>
        )}
      </div>
    </>
  );
}
