/**
 * The charts tab (lazy chunk: Recharts loads only when this tab opens): grouped bars per storage ×
 * medium by preallocation, sorted deltas with the threshold band, IOPS vs latency with Little's
 * law, and guest vs bare metal where a host baseline exists.
 */
import { useMemo, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceArea,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { pivot as buildPivot } from '../../core/compare';
import type { Comparison } from '../../core/compare';
import type { Dimension, MetricField, ResultRecord } from '../../core/model/record.types';
import { TOP_N_CHOICES } from '../../core/url-state/url-state.types';
import type { SweepView } from '../../core/url-state/sweep-state';
import { LOCALES, UNITS } from '../../shared/format';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel, tupleLabel, valueLabel } from '../../shared/labels';
import { ChartCard } from './ChartCard';
import {
  deltaBars,
  groupedBars,
  hostPanels,
  littleLatencyUs,
  littleLine,
  logTicks,
  scatterPoints,
} from './chart-data';
import type { BarDatum, DeltaDatum, ScatterPoint } from './chart-data';
import type { LegendEntry } from './legend';
import { ChartLegend } from './ChartLegend';
import { AXIS_TICK, COLORS } from './chart-style';
import { bestBarSentence } from './grouped-summary';
import DepthJobsGrid from './DepthJobsGrid';
import SweepChart from './SweepChart';
import './charts.css';

type Selection = Partial<Record<Dimension, string>>;

export interface ChartsProps {
  comparison: Comparison;
  records: readonly ResultRecord[];
  hostRecords: readonly ResultRecord[];
  rows: Dimension[];
  cols: Dimension[];
  metric: MetricField;
  thresholdPct: number;
  baselineName: string;
  candidateName: string;
  topN: number;
  onTopN: (n: number) => void;
  selected: Selection | null;
  onSelect: (sel: Selection) => void;
  onShowAll: () => void;
  /** The sweep chart's and grid's choices (URL state); without them the charts keep their own. */
  sweep?: SweepView;
  onSweep?: (sweep: SweepView) => void;
}

const LAW_DASH = ['4 3', '2 3', '8 3'];

const isSelected = (sel: Selection | null, s: Selection) =>
  !!sel &&
  Object.entries(s).every(([d, v]) => sel[d as Dimension] === v) &&
  Object.keys(sel).length === Object.keys(s).length;

export default function Charts(props: ChartsProps) {
  return (
    <div className="charts" data-testid="charts">
      <GroupedBarsChart {...props} />
      <DeltaChart {...props} />
      <ScatterLatency {...props} />
      <HostChart {...props} />
      <SweepChart {...props} />
      <DepthJobsGrid {...props} />
    </div>
  );
}

function useCompact() {
  const { lang } = useI18n();
  return useMemo(() => {
    const f = new Intl.NumberFormat(LOCALES[lang], {
      notation: 'compact',
      maximumFractionDigits: 1,
    });
    return (n: number) => f.format(n);
  }, [lang]);
}

function metricAxisLabel(t: ReturnType<typeof useI18n>['t'], metric: MetricField) {
  const label = t(`metric.${metric}`);
  return UNITS[metric] === label || UNITS[metric] === 'IOPS'
    ? label
    : `${label} (${UNITS[metric]})`;
}

// ---------------------------------------------------------------- 1: grouped bars per medium

function GroupedBarsChart({
  comparison,
  cols,
  metric,
  baselineName,
  candidateName,
  selected,
  onSelect,
}: ChartsProps) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const compact = useCompact();
  const colDims = cols.filter((d) => d !== comparison.spec.axis);
  const [workload, setWorkload] = useState<string[] | null>(() =>
    selected ? colDims.map((d) => selected[d] ?? '') : null,
  );
  const data = useMemo(
    () => groupedBars(comparison, colDims, metric, workload),
    [comparison, colDims, metric, workload],
  );
  const best = data.panels
    .flatMap((p) => p.bars.map((b) => ({ p, b })))
    .filter((x) => x.b.deltaPct !== null)
    .sort((a, b) => (b.b.deltaPct ?? 0) - (a.b.deltaPct ?? 0))[0];
  const summary = t('charts.grouped.summary', {
    n: data.panels.length,
    best: best
      ? bestBarSentence(
          i18n,
          `${tupleLabel(i18n, ['storage', 'medium'], best.p.values)} · ${tupleLabel(i18n, best.p.inner, best.b.key.split('\u0000'))}`,
          best.b,
          metric,
        )
      : '',
  });
  const workloadLabel = (k: string[]) =>
    colDims.length === 0 ? t('pivot.all') : tupleLabel(i18n, colDims, k);
  return (
    <ChartCard
      id="grouped"
      title={t('charts.grouped.title', {
        metric: t(`metric.${metric}`),
        baseline: baselineName,
        candidate: candidateName,
      })}
      summary={summary}
      controls={
        data.workloads.length > 1 ? (
          <label className="field">
            <span className="visually-hidden">
              {colDims.map((d) => dimLabel(i18n, d)).join(' · ')}
            </span>
            <select
              value={data.workload?.join('\u0000') ?? ''}
              onChange={(e) => setWorkload(e.currentTarget.value.split('\u0000'))}
              data-testid="workload"
            >
              {data.workloads.map((k) => (
                <option key={k.join('\u0000')} value={k.join('\u0000')}>
                  {workloadLabel(k)}
                </option>
              ))}
            </select>
          </label>
        ) : null
      }
    >
      {(width) => {
        if (data.panels.length === 0) return <p className="chart-empty">{t('charts.noData')}</p>;
        const perRow = Math.max(1, Math.min(data.panels.length, Math.floor(width / 260)));
        const pw = Math.floor((width - (perRow - 1) * 12) / perRow);
        return (
          <>
            <SideLegend baselineName={baselineName} candidateName={candidateName} />
            <div
              className="multiples"
              style={{ gridTemplateColumns: `repeat(${perRow}, ${pw}px)` }}
            >
              {data.panels.map((p) => {
                const title = tupleLabel(i18n, ['storage', 'medium'], p.values);
                const bars = p.bars.map((b) => ({
                  ...b,
                  label: tupleLabel(i18n, p.inner, b.key.split('\u0000')),
                }));
                return (
                  <div key={p.values.join('/')} className="multiple">
                    <div className="multiple-title" data-export-label={title}>
                      {title}
                    </div>
                    <BarChart
                      width={pw}
                      height={210}
                      data={bars}
                      margin={{ top: 18, right: 6, bottom: 4, left: 4 }}
                      barGap={2}
                    >
                      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e6e9ee" />
                      <XAxis
                        dataKey="label"
                        tick={AXIS_TICK}
                        interval={0}
                        label={{
                          value: p.inner.map((d) => dimLabel(i18n, d)).join(' · '),
                          position: 'insideBottom',
                          offset: -2,
                          fontSize: 11,
                          fill: '#5f6773',
                        }}
                        height={34}
                      />
                      <YAxis
                        tick={AXIS_TICK}
                        tickFormatter={compact}
                        width={52}
                        label={{
                          value: metricAxisLabel(t, metric),
                          angle: -90,
                          position: 'insideLeft',
                          offset: 8,
                          fontSize: 11,
                          fill: '#5f6773',
                          style: { textAnchor: 'middle' },
                        }}
                      />
                      <Tooltip
                        content={
                          <BarTooltip
                            metric={metric}
                            baselineName={baselineName}
                            candidateName={candidateName}
                          />
                        }
                        cursor={{ fill: '#eef2f7' }}
                      />
                      {(['baseline', 'candidate'] as const).map((side) => (
                        <Bar
                          key={side}
                          dataKey={side}
                          name={side === 'baseline' ? baselineName : candidateName}
                          fill={COLORS[side]}
                          isAnimationActive={false}
                          onClick={(d) => onSelect((d.payload as BarDatum).selection)}
                          cursor="pointer"
                        >
                          {bars.map((b) => (
                            <Cell
                              key={b.key}
                              stroke={isSelected(selected, b.selection) ? '#16263d' : undefined}
                              strokeWidth={2}
                            />
                          ))}
                          {side === 'candidate' && (
                            <LabelList
                              dataKey="deltaPct"
                              position="top"
                              formatter={(v: unknown) => (typeof v === 'number' ? fmt.pct(v) : '')}
                              style={{ fontSize: 10, fill: '#1b1f24' }}
                            />
                          )}
                        </Bar>
                      ))}
                    </BarChart>
                  </div>
                );
              })}
            </div>
          </>
        );
      }}
    </ChartCard>
  );
}

/** HTML legend of the two sides. */
function SideLegend({
  baselineName,
  candidateName,
}: {
  baselineName: string;
  candidateName: string;
}) {
  return (
    <ChartLegend
      entries={[
        { label: baselineName, color: COLORS.baseline },
        { label: candidateName, color: COLORS.candidate },
      ]}
    />
  );
}

function BarTooltip({
  active,
  payload,
  metric,
  baselineName,
  candidateName,
}: {
  active?: boolean;
  payload?: readonly { payload?: unknown }[];
  metric: MetricField;
  baselineName: string;
  candidateName: string;
}) {
  const { t, fmt } = useI18n();
  const d = payload?.[0]?.payload as (BarDatum & { label: string }) | undefined;
  if (!active || !d) return null;
  const spread = (s: BarDatum['spreadBaseline']) =>
    s && s.min !== s.max
      ? ` (${t('charts.tooltip.spread', { min: fmt.exact(s.min, metric), max: fmt.exact(s.max, metric) })})`
      : '';
  return (
    <div className="chart-tooltip">
      <strong>{d.label}</strong>
      <div>
        {baselineName}: {fmt.exact(d.baseline, metric)} · n={d.nBaseline}
        {spread(d.spreadBaseline)}
      </div>
      <div>
        {candidateName}: {fmt.exact(d.candidate, metric)} · n={d.nCandidate}
        {spread(d.spreadCandidate)}
      </div>
      <div>
        {d.cells > 1
          ? t('sweep.tooltip.deltaMany', { delta: fmt.pct(d.deltaPct), n: d.cells })
          : `Δ ${fmt.pct(d.deltaPct)}`}
      </div>
      {d.flagged && <div className="tt-flag">⚑ {t('pivot.flagged')}</div>}
    </div>
  );
}

// ---------------------------------------------------------------- 2: sorted deltas

function DeltaChart({
  comparison,
  rows,
  cols,
  metric,
  thresholdPct,
  baselineName,
  candidateName,
  topN,
  onTopN,
  selected,
  onSelect,
  onShowAll,
}: ChartsProps) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const p = useMemo(
    () => buildPivot(comparison, { rows, cols, metric, value: 'delta' }),
    [comparison, rows, cols, metric],
  );
  const { items, total } = useMemo(
    () => deltaBars(p, metric, thresholdPct, topN),
    [p, metric, thresholdPct, topN],
  );
  const label = (d: DeltaDatum) =>
    `${tupleLabel(i18n, p.rowDims, d.rowValues)}${d.colValues.length ? ` | ${tupleLabel(i18n, p.colDims, d.colValues)}` : ''}`;
  const data = items.map((d) => ({ ...d, label: label(d) }));
  const best = data[0];
  const worst = data[data.length - 1];
  const summary = t('charts.delta.summary', {
    n: data.length,
    total,
    best: best && best.gain > 0 ? `${best.label} ${fmt.pct(best.deltaPct)}` : t('charts.none'),
    worst: worst && worst.gain < 0 ? `${worst.label} ${fmt.pct(worst.deltaPct)}` : t('charts.none'),
    thr: thresholdPct,
  });
  const maxAbs = Math.max(thresholdPct * 2, ...data.map((d) => Math.abs(d.deltaPct)));
  // Room for the value labels beyond the longest bar on both sides.
  const lim = Math.ceil((maxAbs * 1.18) / 10) * 10;
  return (
    <ChartCard
      id="delta"
      title={t('charts.delta.title', { metric: t(`metric.${metric}`) })}
      summary={summary}
      controls={
        <>
          <label className="field">
            <span className="visually-hidden">{t('charts.topN', { n: topN })}</span>
            <select
              value={topN}
              onChange={(e) => onTopN(Number(e.currentTarget.value))}
              data-testid="top-n"
            >
              {TOP_N_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {t('charts.topN', { n })}
                </option>
              ))}
            </select>
          </label>
          {total > data.length && (
            <button type="button" className="btn btn-small" onClick={onShowAll}>
              {t('charts.showAll', { n: total })}
            </button>
          )}
        </>
      }
    >
      {(width) =>
        data.length === 0 ? (
          <p className="chart-empty">{t('charts.noData')}</p>
        ) : (
          <BarChart
            width={width}
            height={40 + data.length * 22}
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 48, bottom: 24, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e6e9ee" />
            <ReferenceArea
              x1={-thresholdPct}
              x2={thresholdPct}
              fill={COLORS.band}
              fillOpacity={0.45}
              ifOverflow="extendDomain"
            />
            <XAxis
              type="number"
              domain={[-lim, lim]}
              tick={AXIS_TICK}
              tickFormatter={(v: number) => `${v > 0 ? '+' : ''}${v}%`}
              label={{
                value: t('charts.axis.delta', { metric: t(`metric.${metric}`) }),
                position: 'insideBottom',
                offset: -14,
                fontSize: 11,
                fill: '#5f6773',
              }}
            />
            <YAxis
              type="category"
              dataKey="label"
              width={Math.min(460, Math.floor(width * 0.46))}
              tick={{ fontSize: 11, fill: '#1b1f24' }}
              interval={0}
            />
            <ReferenceLine x={0} stroke="#4a5260" />
            <Tooltip
              cursor={{ fill: '#eef2f7' }}
              content={({ active, payload }) => {
                const d = payload?.[0]?.payload as (DeltaDatum & { label: string }) | undefined;
                if (!active || !d) return null;
                return (
                  <div className="chart-tooltip">
                    <strong>{d.label}</strong>
                    <div>
                      {baselineName}: {fmt.exact(d.cell.baseline, metric)} · n=
                      {d.cell.baselineN ?? '?'}
                    </div>
                    <div>
                      {candidateName}: {fmt.exact(d.cell.candidate, metric)} · n=
                      {d.cell.candidateN ?? '?'}
                    </div>
                    <div>
                      Δ {fmt.pct(d.deltaPct)} —{' '}
                      {d.cell.verdict ? t(`verdict.${d.cell.verdict}`) : t('verdict.mixed')}
                    </div>
                    {d.cell.flagged && <div className="tt-flag">⚑ {t('pivot.flagged')}</div>}
                  </div>
                );
              }}
            />
            <Bar
              dataKey="deltaPct"
              isAnimationActive={false}
              onClick={(d) => onSelect((d.payload as DeltaDatum).selection)}
              cursor="pointer"
            >
              {data.map((d) => (
                <Cell
                  key={d.label}
                  fill={COLORS[d.tone]}
                  stroke={isSelected(selected, d.selection) ? '#16263d' : undefined}
                  strokeWidth={2}
                />
              ))}
              <LabelList
                dataKey="deltaPct"
                content={(lp) => {
                  const v = typeof lp.value === 'number' ? lp.value : Number(lp.value);
                  const x = Number(lp.x ?? 0);
                  const w = Number(lp.width ?? 0);
                  const y = Number(lp.y ?? 0) + Number(lp.height ?? 0) / 2;
                  // A negative bar is drawn leftwards: put its label at its left end.
                  const end = w >= 0 ? x + w + 4 : x + w - 4;
                  return (
                    <text
                      x={end}
                      y={y}
                      dy={3.5}
                      fontSize={10}
                      fill="#1b1f24"
                      textAnchor={w >= 0 ? 'start' : 'end'}
                    >
                      {Number.isFinite(v) ? fmt.pct(v) : ''}
                    </text>
                  );
                }}
              />
            </Bar>
          </BarChart>
        )
      }
    </ChartCard>
  );
}

// ---------------------------------------------------------------- 3: IOPS vs latency

function ScatterLatency({
  comparison,
  rows,
  cols,
  baselineName,
  candidateName,
  onSelect,
}: ChartsProps) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const compact = useCompact();
  const { points, depths, total } = useMemo(() => scatterPoints(comparison), [comparison]);
  const flagged = points.filter((p) => p.flagged);
  const base = points.filter((p) => !p.flagged && p.side === 'baseline');
  const cand = points.filter((p) => !p.flagged && p.side === 'candidate');
  const minI = Math.min(...points.map((p) => p.iops));
  const maxI = Math.max(...points.map((p) => p.iops));
  const lines = depths.map((qd) => ({ qd, data: littleLine(qd, minI / 1.5, maxI * 1.5) }));
  const lats = [...points.map((p) => p.lat)];
  const yMin = Math.min(...lats) / 2;
  const yMax = Math.max(...lats) * 2;
  const summary = t('charts.scatter.summary', { n: total, flagged: flagged.length });
  const legend: LegendEntry[] = [
    ...lines.map((l, k) => ({
      label: t('charts.littleLaw', { qd: l.qd }),
      color: COLORS.law,
      shape: 'line' as const,
      dash: LAW_DASH[k % LAW_DASH.length]!,
    })),
    { label: baselineName, color: COLORS.baseline, shape: 'circle' },
    { label: candidateName, color: COLORS.candidate, shape: 'diamond' },
    ...(flagged.length > 0
      ? [{ label: `⚑ ${t('charts.flaggedPoint')}`, color: COLORS.flagged, shape: 'cross' as const }]
      : []),
  ];
  const select = (p: ScatterPoint) => {
    const sel: Selection = {};
    for (const d of [...rows, ...cols]) sel[d] = comparisonValue(p.record, d);
    onSelect(sel);
  };
  return (
    <ChartCard id="scatter" title={t('charts.scatter.title')} summary={summary}>
      {(width) =>
        points.length === 0 ? (
          <p className="chart-empty">{t('charts.noData')}</p>
        ) : (
          <>
            <ChartLegend entries={legend} />
            {/* 24 px less than with Recharts' legend inside the SVG: the plot area is unchanged. */}
            <ScatterChart
              width={width}
              height={316}
              margin={{ top: 8, right: 24, bottom: 30, left: 16 }}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="#e6e9ee" />
              <XAxis
                type="number"
                dataKey="iops"
                scale="log"
                domain={[minI / 1.5, maxI * 1.5]}
                ticks={logTicks(minI / 1.5, maxI * 1.5)}
                allowDataOverflow
                tick={AXIS_TICK}
                tickFormatter={compact}
                label={{
                  value: t('charts.axis.iopsLog'),
                  position: 'insideBottom',
                  offset: -16,
                  fontSize: 11,
                  fill: '#5f6773',
                }}
              />
              <YAxis
                type="number"
                dataKey="lat"
                scale="log"
                domain={[yMin, yMax]}
                ticks={logTicks(yMin, yMax)}
                allowDataOverflow
                tick={AXIS_TICK}
                tickFormatter={compact}
                width={64}
                label={{
                  value: t('charts.axis.latency'),
                  angle: -90,
                  position: 'insideLeft',
                  offset: 0,
                  fontSize: 11,
                  fill: '#5f6773',
                  style: { textAnchor: 'middle' },
                }}
              />
              <ZAxis range={[36, 36]} />
              <Tooltip
                cursor={{ strokeDasharray: '3 3' }}
                content={({ active, payload }) => {
                  const raw = payload?.[0]?.payload as Partial<ScatterPoint> | undefined;
                  if (!active || !raw?.record) return null;
                  const r = raw.record;
                  const qd =
                    r.iodepth !== null && r.numjobs !== null ? r.iodepth * r.numjobs : null;
                  return (
                    <div className="chart-tooltip">
                      <strong>
                        {tupleLabel(
                          i18n,
                          [...rows, ...cols],
                          [...rows, ...cols].map((d) => comparisonValue(r, d)),
                        )}
                      </strong>
                      <div>
                        {valueLabel(
                          i18n,
                          comparison.spec.axis,
                          comparisonValue(r, comparison.spec.axis),
                        )}{' '}
                        · {fmt.exact(r.iops, 'iops')} · {fmt.exact(r.lat_mean_us, 'lat_mean_us')}
                      </div>
                      {qd !== null && r.iops !== null && (
                        <div>
                          {t('charts.littleLaw', { qd })}:{' '}
                          {fmt.exact(Math.round(littleLatencyUs(qd, r.iops)), 'lat_mean_us')}
                        </div>
                      )}
                      <div className="muted">{r.origin}</div>
                      {r.flags.length > 0 && (
                        <div className="tt-flag">
                          ⚑ {r.flags.map((f) => t(`flag.${f}`)).join(', ')}
                        </div>
                      )}
                    </div>
                  );
                }}
              />
              {lines.map((l, k) => (
                <Scatter
                  key={l.qd}
                  name={t('charts.littleLaw', { qd: l.qd })}
                  data={l.data}
                  line={{ stroke: COLORS.law, strokeDasharray: LAW_DASH[k % LAW_DASH.length] }}
                  shape={() => <g />}
                  isAnimationActive={false}
                  tooltipType="none"
                />
              ))}
              <Scatter
                name={baselineName}
                data={base}
                fill={COLORS.baseline}
                shape="circle"
                isAnimationActive={false}
                onClick={(d) => select(d as unknown as ScatterPoint)}
                cursor="pointer"
              />
              <Scatter
                name={candidateName}
                data={cand}
                fill={COLORS.candidate}
                shape="diamond"
                isAnimationActive={false}
                onClick={(d) => select(d as unknown as ScatterPoint)}
                cursor="pointer"
              />
              {flagged.length > 0 && (
                <Scatter
                  name={`⚑ ${t('charts.flaggedPoint')}`}
                  data={flagged}
                  fill={COLORS.flagged}
                  shape="cross"
                  isAnimationActive={false}
                  onClick={(d) => select(d as unknown as ScatterPoint)}
                  cursor="pointer"
                />
              )}
            </ScatterChart>
          </>
        )
      }
    </ChartCard>
  );
}

function comparisonValue(r: ResultRecord, d: Dimension): string {
  if (d.startsWith('x:')) return r.extra[d.slice(2)] ?? '';
  const v = (r as unknown as Record<string, unknown>)[d];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

// ---------------------------------------------------------------- 4: host baseline

function HostChart({
  comparison,
  hostRecords,
  metric,
  baselineName,
  candidateName,
  onSelect,
  rows,
  cols,
}: ChartsProps) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const compact = useCompact();
  const panels = useMemo(
    () => hostPanels(comparison, hostRecords, metric),
    [comparison, hostRecords, metric],
  );
  const sentences = panels.map((p) => {
    const env = p.env.map(([d, v]) => valueLabel(i18n, d, v)).join(' · ');
    const pct = (r: number | null) => (r === null ? '—' : `${fmt.num(r * 100, 0)}%`);
    return `${t('charts.host.reaches', { mode: candidateName, pct: pct(p.candidateRatio), env })}; ${baselineName} ${pct(p.baselineRatio)}.`;
  });
  const summary = panels.length === 0 ? t('charts.host.none') : sentences.join(' ');
  const selectCell = (cell: { cell: Record<string, string> }) => {
    const sel: Selection = {};
    for (const dim of [...rows, ...cols]) sel[dim] = cell.cell[dim] ?? '';
    onSelect(sel);
  };
  return (
    <ChartCard id="host" title={t('charts.host.title')} summary={summary}>
      {(width) => {
        if (panels.length === 0) return <p className="chart-empty">{t('charts.host.none')}</p>;
        const perRow = Math.max(1, Math.min(panels.length, Math.floor(width / 420)));
        const pw = Math.floor((width - (perRow - 1) * 16) / perRow);
        return (
          <>
            <SideLegend baselineName={baselineName} candidateName={candidateName} />
            <div
              className="multiples"
              style={{ gridTemplateColumns: `repeat(${perRow}, ${pw}px)` }}
            >
              {panels.map((p, k) => {
                const title = sentences[k]!;
                const data = p.bars.map((b) => ({
                  ...b,
                  name: tupleLabel(i18n, b.dims, b.values) || '—',
                }));
                return (
                  <div key={p.host.origin} className="multiple">
                    <div className="multiple-title" data-export-label={title}>
                      {title}
                    </div>
                    <BarChart
                      width={pw}
                      height={60 + data.length * 44}
                      data={data}
                      layout="vertical"
                      margin={{ top: 18, right: 16, bottom: 22, left: 4 }}
                      barGap={1}
                    >
                      <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e6e9ee" />
                      <XAxis
                        type="number"
                        domain={[0, 'auto']}
                        tick={AXIS_TICK}
                        tickFormatter={compact}
                        label={{
                          value: metricAxisLabel(t, p.metric),
                          position: 'insideBottom',
                          offset: -12,
                          fontSize: 11,
                          fill: '#5f6773',
                        }}
                      />
                      <YAxis
                        type="category"
                        dataKey="name"
                        width={Math.min(190, Math.floor(pw * 0.42))}
                        tick={{ fontSize: 11, fill: '#1b1f24' }}
                        interval={0}
                      />
                      <Tooltip
                        cursor={{ fill: '#eef2f7' }}
                        content={({ active, payload }) => {
                          const d = payload?.[0]?.payload as (typeof data)[number] | undefined;
                          if (!active || !d) return null;
                          const ratio = (v: number | null) =>
                            v === null ? '—' : `${fmt.num((100 * v) / p.value, 1)}%`;
                          return (
                            <div className="chart-tooltip">
                              <strong>{d.name}</strong>
                              <div>
                                {baselineName}: {fmt.exact(d.baseline, p.metric)} (
                                {ratio(d.baseline)}) · n={d.cell.baseline.n}
                              </div>
                              <div>
                                {candidateName}: {fmt.exact(d.candidate, p.metric)} (
                                {ratio(d.candidate)}) · n={d.cell.candidate.n}
                              </div>
                              <div>
                                {t('charts.host.line', { value: fmt.exact(p.value, p.metric) })}
                              </div>
                            </div>
                          );
                        }}
                      />
                      <ReferenceLine
                        x={p.value}
                        ifOverflow="extendDomain"
                        stroke="#16263d"
                        strokeDasharray="6 3"
                        label={(lp: { viewBox?: { x?: number; y?: number } }) => (
                          <text
                            x={(lp.viewBox?.x ?? 0) - 4}
                            y={(lp.viewBox?.y ?? 0) - 5}
                            fontSize={11}
                            fill="#16263d"
                            textAnchor="end"
                          >
                            {t('charts.host.line', { value: fmt.exact(p.value, p.metric) })}
                          </text>
                        )}
                      />
                      <Bar
                        dataKey="baseline"
                        name={baselineName}
                        fill={COLORS.baseline}
                        isAnimationActive={false}
                        cursor="pointer"
                        onClick={(d) => selectCell((d.payload as (typeof data)[number]).cell)}
                      />
                      <Bar
                        dataKey="candidate"
                        name={candidateName}
                        fill={COLORS.candidate}
                        isAnimationActive={false}
                        cursor="pointer"
                        onClick={(d) => selectCell((d.payload as (typeof data)[number]).cell)}
                      />
                    </BarChart>
                  </div>
                );
              })}
            </div>
          </>
        );
      }}
    </ChartCard>
  );
}
