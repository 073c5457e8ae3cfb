/**
 * Chart 4: guest vs bare metal, one panel per host-layer baseline: both sides' values per
 * matching cell as bars against the bare-metal line, and the share of it each side reaches.
 */
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dimension } from '../../core/model/record.types';
import { selectionOf } from '../../core/url-state/selection';
import { useI18n } from '../../shared/i18n/i18n';
import { tupleLabel, valueLabel } from '../../shared/labels';
import { ChartCard } from './ChartCard';
import { SmallMultiples } from './SmallMultiples';
import {
  ChartTooltip,
  SideLegend,
  metricAxisLabel,
  tooltipFor,
  useCompact,
  xAxisLabel,
} from './chart-parts';
import { hostPanels } from './chart-data';
import { AXIS_TICK, COLORS } from './chart-style';
import type { ChartsProps } from './charts.types';

export default function HostChart({
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
    const valuesOf = (dims: readonly Dimension[]) => dims.map((d) => cell.cell[d] ?? '');
    onSelect(selectionOf(rows, valuesOf(rows), cols, valuesOf(cols)));
  };
  return (
    <ChartCard id="host" title={t('charts.host.title')} summary={summary}>
      {(width) => {
        if (panels.length === 0) return <p className="chart-empty">{t('charts.host.none')}</p>;
        return (
          <>
            <SideLegend baselineName={baselineName} candidateName={candidateName} />
            <SmallMultiples width={width} count={panels.length} minWidth={420} gap={16}>
              {(pw) =>
                panels.map((p, k) => {
                  const title = sentences[k]!;
                  const data = p.bars.map((b) => ({
                    ...b,
                    name: tupleLabel(i18n, b.dims, b.values) || '—',
                  }));
                  type Datum = (typeof data)[number];
                  const ratio = (v: number | null) =>
                    v === null ? '—' : `${fmt.num((100 * v) / p.value, 1)}%`;
                  const lineText = t('charts.host.line', { value: fmt.exact(p.value, p.metric) });
                  const tooltip = tooltipFor<Datum>((d) => (
                    <ChartTooltip
                      title={d.name}
                      lines={[
                        <>
                          {baselineName}: {fmt.exact(d.baseline, p.metric)} ({ratio(d.baseline)}) ·
                          n=
                          {d.cell.baseline.n}
                        </>,
                        <>
                          {candidateName}: {fmt.exact(d.candidate, p.metric)} ({ratio(d.candidate)})
                          · n={d.cell.candidate.n}
                        </>,
                        lineText,
                      ]}
                    />
                  ));
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
                          label={xAxisLabel(metricAxisLabel(t, p.metric), -12)}
                        />
                        <YAxis
                          type="category"
                          dataKey="name"
                          width={Math.min(190, Math.floor(pw * 0.42))}
                          tick={{ fontSize: 11, fill: '#1b1f24' }}
                          interval={0}
                        />
                        <Tooltip cursor={{ fill: '#eef2f7' }} content={tooltip} />
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
                              {lineText}
                            </text>
                          )}
                        />
                        {(['baseline', 'candidate'] as const).map((side) => (
                          <Bar
                            key={side}
                            dataKey={side}
                            name={side === 'baseline' ? baselineName : candidateName}
                            fill={COLORS[side]}
                            isAnimationActive={false}
                            cursor="pointer"
                            onClick={(d) => selectCell((d.payload as Datum).cell)}
                          />
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
