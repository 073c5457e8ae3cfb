/**
 * The iodepth × numjobs grid of deltas: fio-plot's 3D bar chart in a form that can be read. One
 * cell per (numjobs, iodepth), coloured on the pivot's diverging colour-blind-safe scale, with
 * the signed Δ in text (colour is never the only carrier). Plain SVG, exported like the others.
 */
import type { Sweep, SweepPanel } from '../../core/compare/sweep';
import { useI18n } from '../../shared/i18n/i18n';
import type { I18n } from '../../shared/i18n/i18n';
import { dimLabel } from '../../shared/labels';
import { ChartCard } from './ChartCard';
import { ChartLegend } from './ChartLegend';
import { SmallMultiples } from './SmallMultiples';
import type { ChartsProps } from './charts.types';
import { AXIS_LABEL, AXIS_TICK, DIVERGING, deltaLevel } from './chart-style';
import { gridSummary, gridTone, resolveGrid } from './sweep-model';
import { SweepControls, useResolvedSweep } from './sweep-controls';
import { panelTitle, SweepPanelFrame } from './SweepPanelFrame';

const CELL_H = 28;
const LEFT = 64;
const TOP = 34;

export default function DepthJobsGrid(props: ChartsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { view, setView, resolved } = useResolvedSweep(props, resolveGrid);
  // Without iodepth and numjobs sweeps there is nothing to grid: the card is not shown at all.
  if (!resolved) return null;
  const s = resolved.sweep;
  const names = { baseline: props.baselineName, candidate: props.candidateName };
  const thr = props.thresholdPct;
  return (
    <ChartCard
      id="depth-jobs"
      title={t('sweep.grid.title', { metric: t(`metric.${props.metric}`), ...names })}
      summary={gridSummary(i18n, s, names, thr)}
    >
      {(width) => {
        const controls = (
          <SweepControls
            view={view}
            onView={setView}
            sweep={s}
            xChoices={[]}
            facetChoices={resolved.facetChoices}
            showBand={false}
          />
        );
        const cells = s.panels.reduce((n, p) => n + p.deltas.length, 0);
        if (cells === 0)
          return (
            <>
              {controls}
              <p className="chart-empty">{t('sweep.grid.none')}</p>
            </>
          );
        const nx = s.xValues.length;
        const minW = LEFT + nx * 44 + 10;
        return (
          <>
            {controls}
            <ChartLegend
              entries={[
                { label: t('sweep.grid.better', names), color: DIVERGING.better[2] },
                { label: t('sweep.grid.worse'), color: DIVERGING.worse[2] },
                { label: t('sweep.grid.same', { thr }), color: DIVERGING.neutral },
              ]}
            />
            <SmallMultiples width={width} count={s.panels.length} minWidth={minW} gap={16}>
              {(pw) =>
                s.panels.map((p) => (
                  <GridPanel key={p.facet} panel={p} sweep={s} width={pw} thr={thr} i18n={i18n} />
                ))
              }
            </SmallMultiples>
          </>
        );
      }}
    </ChartCard>
  );
}

function GridPanel({
  panel,
  sweep: s,
  width,
  thr,
  i18n,
}: {
  panel: SweepPanel;
  sweep: Sweep;
  width: number;
  thr: number;
  i18n: I18n;
}) {
  const { fmt } = i18n;
  const metric = s.spec.metric;
  const xs = s.xValues;
  const ys = s.yValues;
  const cw = Math.min(72, Math.floor((width - LEFT - 8) / xs.length));
  const height = TOP + ys.length * CELL_H + 8;
  const byKey = new Map(panel.deltas.map((d) => [`${d.y}|${d.x}`, d]));
  const xName = dimLabel(i18n, 'iodepth');
  const yName = dimLabel(i18n, 'numjobs');
  const title = panelTitle(i18n, s, panel.facet);
  return (
    <SweepPanelFrame
      testId="grid-panel"
      title={title}
      width={width}
      height={height}
      label={`${title} ${xName} × ${yName}`}
    >
      <text x={LEFT + (xs.length * cw) / 2} y={11} textAnchor="middle" {...AXIS_LABEL}>
        {xName} →
      </text>
      {xs.map((x, j) => (
        <text
          key={`x${x}`}
          x={LEFT + j * cw + cw / 2}
          y={TOP - 7}
          textAnchor="middle"
          {...AXIS_TICK}
        >
          {x}
        </text>
      ))}
      <text
        transform={`translate(12 ${TOP + (ys.length * CELL_H) / 2}) rotate(-90)`}
        textAnchor="middle"
        {...AXIS_LABEL}
      >
        {yName} →
      </text>
      {ys.map((y, i) => (
        <g key={`y${y}`}>
          <text
            x={LEFT - 8}
            y={TOP + i * CELL_H + CELL_H / 2}
            dy={4}
            textAnchor="end"
            {...AXIS_TICK}
          >
            {y}
          </text>
          {xs.map((x, j) => {
            const d = byKey.get(`${y}|${x}`);
            const cx = LEFT + j * cw;
            const cy = TOP + i * CELL_H;
            if (!d)
              return (
                <rect
                  key={x}
                  x={cx + 1}
                  y={cy + 1}
                  width={cw - 2}
                  height={CELL_H - 2}
                  fill="#ffffff"
                  stroke="#e1e4e8"
                />
              );
            const tone = gridTone(d.pct, metric, thr);
            const fill =
              tone === 'same' ? DIVERGING.neutral : DIVERGING[tone][deltaLevel(d.pct) - 1]!;
            const ink =
              tone === 'better'
                ? DIVERGING.betterInk
                : tone === 'worse'
                  ? DIVERGING.worseInk
                  : DIVERGING.neutralInk;
            return (
              <g key={x} data-testid="grid-cell" data-x={x} data-y={y}>
                <rect x={cx + 1} y={cy + 1} width={cw - 2} height={CELL_H - 2} fill={fill} rx={2}>
                  <title>{`${xName} ${x} × ${yName} ${y}: ${fmt.exact(d.baseline, metric)} → ${fmt.exact(d.candidate, metric)} (${fmt.pct(d.pct)})`}</title>
                </rect>
                <text
                  x={cx + cw / 2}
                  y={cy + CELL_H / 2}
                  dy={4}
                  textAnchor="middle"
                  fontSize={cw < 52 ? 10 : 11}
                  fontWeight={tone === 'same' ? 400 : 600}
                  fill={ink}
                  pointerEvents="none"
                >
                  {fmt.pct(d.pct)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </SweepPanelFrame>
  );
}
