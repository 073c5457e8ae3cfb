/**
 * What the dashboard shows, derived from the loaded sets and the view: the enabled sets and their
 * records, the bare-metal baselines, the comparison spec, the comparison and its pivots, the
 * summary line, and the choices offered for the axis and the pivot layout.
 */
import { useMemo } from 'react';
import { compare, deltaOf } from '../core/compare';
import { compareValues } from '../core/compare/dimensions';
import type { Comparison, ComparisonSpec, Pivot } from '../core/compare';
import { AIO_MODES } from '../core/model/record.types';
import type { Dimension, ResultRecord } from '../core/model/record.types';
import type { ViewState } from '../core/url-state/url-state.types';
import { applyFiltersToHost } from '../features/filters/filter';
import { useI18n } from '../shared/i18n/i18n';
import type { LoadedSet } from '../worker/loaded-set.types';
import type { Analysis } from './useAnalysis';
import { useAnalysis, usePivots } from './useAnalysis';
import type { ResultSets } from './useResultSets';
import { useServerAnalysis } from './useServerAnalysis';
import type { RemoteError } from './remote';
import { allRecords } from './useResultSets';

const EMPTY_COMPARISON = compare([], {});
const NO_RECORDS: readonly ResultRecord[] = [];

/** Sets kept on the team server are in view: the comparison is the server's aggregates'. */
export interface OnServer {
  /** Enabled sets only in this browser: not part of a comparison made on the server. */
  leftOut: string[];
  /** The server's answer is awaited. */
  pending: boolean;
  error: RemoteError | null;
}

export interface DashboardComparison {
  /** The sets switched on in the data bar. */
  enabled: LoadedSet[];
  enabledRecords: readonly ResultRecord[];
  /** Host-layer records (bare-metal baselines) that pass the filters. */
  hostRecords: readonly ResultRecord[];
  spec: Partial<ComparisonSpec>;
  analysis: Analysis;
  comparison: Comparison;
  pivot: Pivot;
  groupPivot: Pivot | null;
  /** A sliced computation (comparison or pivots) is running. */
  pending: boolean;
  /** "N cells: … better, … worse …" for the metric in view. */
  summary: string;
  /** Axes for the "advanced" choice: dimensions with at least two values in the data. */
  axes: Map<Dimension, string[]>;
  /** Dimensions the pivot toolbar can still add as rows or columns. */
  available: Dimension[];
  /** Null unless sets kept on the team server are in view. */
  onServer: OnServer | null;
}

export function useDashboardComparison(data: ResultSets, view: ViewState): DashboardComparison {
  const { t, fmt } = useI18n();
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
  // Sets kept on the team server: compared there, with the enabled server sets only (the local
  // ones are said to be left out); otherwise the records here.
  const kept = useMemo(() => enabled.flatMap((s) => (s.server ? [s.server] : [])), [enabled]);
  const recordsAnalysis = useAnalysis(
    kept.length > 0 ? NO_RECORDS : enabledRecords,
    view.filters,
    spec,
  );
  const serverAnalysis = useServerAnalysis(kept, view.filters, spec);
  const analysis = kept.length > 0 ? serverAnalysis : recordsAnalysis;
  const onServer = useMemo<OnServer | null>(
    () =>
      kept.length === 0
        ? null
        : {
            leftOut: enabled.filter((s) => !s.server).map((s) => s.name),
            pending: serverAnalysis.pending,
            error: serverAnalysis.error,
          },
    [kept, enabled, serverAnalysis.pending, serverAnalysis.error],
  );
  const { dims, facets } = analysis;
  const comparison = analysis.comparison ?? EMPTY_COMPARISON;
  const pivotSpec = useMemo(
    () => ({ rows: view.rows, cols: view.cols, metric: view.metric, value: 'delta' as const }),
    [view.rows, view.cols, view.metric],
  );
  const pivots = usePivots(comparison, pivotSpec, analysis.large);

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

  const comparedOnServer = kept.length > 0;
  const serverAxis = comparedOnServer ? serverAnalysis.axisValues : null;
  const axes = useMemo(() => {
    const m = new Map<Dimension, string[]>();
    for (const d of dims) {
      if (d === 'layer') continue;
      const vals = (facets[d] ?? []).map((f) => f.value).filter((v) => v !== '');
      // The server's cells know only the compared values of the axis; its answer lists the
      // others, and for aio the spec's three modes stay offered (a mode without records
      // compares no cell, and says so).
      if (serverAxis?.axis === d) {
        for (const v of serverAxis.values) if (v !== '' && !vals.includes(v)) vals.push(v);
        vals.sort(compareValues);
      }
      if (comparedOnServer && d === 'aio')
        for (const mode of AIO_MODES) if (!vals.includes(mode)) vals.push(mode);
      if (vals.length >= 2) m.set(d, vals);
    }
    if (enabled.length >= 2)
      m.set(
        'set',
        enabled.map((s) => s.name),
      );
    return m;
  }, [dims, facets, enabled, comparedOnServer, serverAxis]);

  const available = dims.filter(
    (d) =>
      d !== view.axis &&
      !view.rows.includes(d) &&
      !view.cols.includes(d) &&
      (facets[d]?.length ?? 0) > 1,
  );

  return {
    enabled,
    enabledRecords,
    hostRecords,
    spec,
    analysis,
    comparison,
    pivot: pivots.pivot,
    groupPivot: pivots.groupPivot,
    pending: analysis.pending || pivots.pending,
    summary,
    axes,
    available,
    onServer,
  };
}
