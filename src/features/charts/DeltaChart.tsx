/**
 * Chart 2: the delta of every pivot cell as a horizontal bar, sorted, coloured by verdict, with
 * the practical-threshold band around 0; the top N shown, the rest one click away in the pivot.
 */
import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { pivot as buildPivot } from '../../core/compare';
import { TOP_N_CHOICES } from '../../core/url-state/url-state.types';
import { useI18n } from '../../shared/i18n/i18n';
import { tupleLabel } from '../../shared/labels';
import { ChartCard } from './ChartCard';
import { ChartTooltip, selectedStroke, tooltipFor, xAxisLabel } from './chart-parts';
import { deltaBars } from './chart-data';
import type { DeltaDatum } from './chart-data';
import { AXIS_TICK, COLORS } from './chart-style';
import type { ChartsProps } from './charts.types';

export default function DeltaChart({
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
  const tooltip = tooltipFor<DeltaDatum & { label: string }>((d) => (
    <ChartTooltip
      title={d.label}
      lines={[
        <>
          {baselineName}: {fmt.exact(d.cell.baseline, metric)} · n={d.cell.baselineN ?? '?'}
        </>,
        <>
          {candidateName}: {fmt.exact(d.cell.candidate, metric)} · n={d.cell.candidateN ?? '?'}
        </>,
        <>
          Δ {fmt.pct(d.deltaPct)} —{' '}
          {d.cell.verdict ? t(`verdict.${d.cell.verdict}`) : t('verdict.mixed')}
        </>,
      ]}
      flag={d.cell.flagged ? t('pivot.flagged') : null}
    />
  ));
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
              label={xAxisLabel(t('charts.axis.delta', { metric: t(`metric.${metric}`) }), -14)}
            />
            <YAxis
              type="category"
              dataKey="label"
              width={Math.min(460, Math.floor(width * 0.46))}
              tick={{ fontSize: 11, fill: '#1b1f24' }}
              interval={0}
            />
            <ReferenceLine x={0} stroke="#4a5260" />
            <Tooltip cursor={{ fill: '#eef2f7' }} content={tooltip} />
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
                  stroke={selectedStroke(selected, d.selection)}
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
