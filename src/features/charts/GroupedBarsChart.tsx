/**
 * Chart 1: grouped bars, one small multiple per storage × medium, the two sides' medians per
 * preallocation (and VM count) for one workload, the candidate's delta above its bar.
 */
import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel, tupleLabel } from '../../shared/labels';
import { ChartCard } from './ChartCard';
import { SmallMultiples } from './SmallMultiples';
import {
  ChartTooltip,
  SideLegend,
  metricAxisLabel,
  selectedStroke,
  tooltipFor,
  useCompact,
  xAxisLabel,
  yAxisLabel,
} from './chart-parts';
import { groupedBars } from './chart-data';
import type { BarDatum } from './chart-data';
import { AXIS_TICK, COLORS } from './chart-style';
import type { ChartsProps } from './charts.types';
import { bestBarSentence } from './grouped-summary';

export default function GroupedBarsChart({
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
  const spread = (s: BarDatum['spreadBaseline']) =>
    s && s.min !== s.max
      ? ` (${t('charts.tooltip.spread', { min: fmt.exact(s.min, metric), max: fmt.exact(s.max, metric) })})`
      : '';
  const tooltip = tooltipFor<BarDatum & { label: string }>((d) => (
    <ChartTooltip
      title={d.label}
      lines={[
        <>
          {baselineName}: {fmt.exact(d.baseline, metric)} · n={d.nBaseline}
          {spread(d.spreadBaseline)}
        </>,
        <>
          {candidateName}: {fmt.exact(d.candidate, metric)} · n={d.nCandidate}
          {spread(d.spreadCandidate)}
        </>,
        d.cells > 1
          ? t('sweep.tooltip.deltaMany', { delta: fmt.pct(d.deltaPct), n: d.cells })
          : `Δ ${fmt.pct(d.deltaPct)}`,
      ]}
      flag={d.flagged ? t('pivot.flagged') : null}
    />
  ));
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
        return (
          <>
            <SideLegend baselineName={baselineName} candidateName={candidateName} />
            <SmallMultiples width={width} count={data.panels.length} minWidth={260} gap={12}>
              {(pw) =>
                data.panels.map((p) => {
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
                          label={xAxisLabel(p.inner.map((d) => dimLabel(i18n, d)).join(' · '), -2)}
                          height={34}
                        />
                        <YAxis
                          tick={AXIS_TICK}
                          tickFormatter={compact}
                          width={52}
                          label={yAxisLabel(metricAxisLabel(t, metric), 8)}
                        />
                        <Tooltip content={tooltip} cursor={{ fill: '#eef2f7' }} />
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
                                stroke={selectedStroke(selected, b.selection)}
                                strokeWidth={2}
                              />
                            ))}
                            {side === 'candidate' && (
                              <LabelList
                                dataKey="deltaPct"
                                position="top"
                                formatter={(v: unknown) =>
                                  typeof v === 'number' ? fmt.pct(v) : ''
                                }
                                style={{ fontSize: 10, fill: '#1b1f24' }}
                              />
                            )}
                          </Bar>
                        ))}
                      </BarChart>
                    </div>
                  );
                })
              }
            </SmallMultiples>
          </>
        );
      }}
    </ChartCard>
  );
}
