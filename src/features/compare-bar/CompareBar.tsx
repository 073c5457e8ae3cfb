import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import { AIO_MODES } from '../../core/model/record.types';
import type { Dimension, MetricField } from '../../core/model/record.types';
import { VIEW_METRICS } from '../../core/url-state/url-state.types';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../../shared/labels';
import './compare-bar.css';

export interface ComparisonChoice {
  axis: Dimension;
  baseline: string;
  candidate: string;
  metric: MetricField;
  thresholdPct: number;
  poolSets: boolean;
}

/** Metrics offered in the bar (iops_total stays reachable through links and the CLI). */
const METRICS = VIEW_METRICS.filter((m) => m !== 'iops_total');

/**
 * Baseline and candidate (threads / native / io_uring by default), the metric, the practical
 * threshold and — under "Advanced" — another comparison axis with its values.
 */
export function CompareBar({
  value,
  onChange,
  axes,
  summary,
  hint,
}: {
  value: ComparisonChoice;
  onChange: (next: ComparisonChoice) => void;
  /** Dimensions usable as an axis, with the values present in the data (≥ 2 each). */
  axes: ReadonlyMap<Dimension, readonly string[]>;
  summary?: string;
  /** Why the comparison is empty or thin and its fix (AxisHintView), on a line of its own. */
  hint?: ReactNode;
}) {
  const { t } = useI18n();
  const i18n = useI18n();
  const id = useId();
  const [advanced, setAdvanced] = useState(value.axis !== 'aio' || value.poolSets);
  // A hint's fix may change the axis or pool the sets from outside: show the choice it made.
  const offDefault = value.axis !== 'aio' || value.poolSets;
  useEffect(() => {
    if (offDefault) setAdvanced(true);
  }, [offDefault]);
  const values: readonly string[] = value.axis === 'aio' ? AIO_MODES : (axes.get(value.axis) ?? []);
  const set = (patch: Partial<ComparisonChoice>) => onChange({ ...value, ...patch });

  const pick = (side: 'baseline' | 'candidate', v: string) => {
    const other = side === 'baseline' ? 'candidate' : 'baseline';
    // Choosing the other side's value swaps them: baseline and candidate are never equal.
    if (v === value[other]) set({ [side]: v, [other]: value[side] });
    else set({ [side]: v });
  };

  /** The baseline or candidate picker: the same list of the axis' values on both sides. */
  const sideSelect = (side: 'baseline' | 'candidate') => (
    <label className="field">
      {t(`compare.${side}`)}
      <select
        value={value[side]}
        onChange={(e) => pick(side, e.currentTarget.value)}
        data-testid={side}
      >
        {values.map((v) => (
          <option key={v} value={v}>
            {valueLabel(i18n, value.axis, v)}
          </option>
        ))}
      </select>
    </label>
  );

  const changeAxis = (axis: Dimension) => {
    const vals = axis === 'aio' ? AIO_MODES : (axes.get(axis) ?? []);
    const baseline = axis === 'aio' ? 'threads' : (vals[0] ?? '');
    const candidate = axis === 'aio' ? 'native' : (vals[1] ?? '');
    set({ axis, baseline, candidate });
  };

  return (
    <section className="bar compare-bar" aria-label={t('compare.label')}>
      <span className="bar-label">{t('compare.label')}</span>
      {sideSelect('baseline')}
      <button
        type="button"
        className="btn btn-small swap"
        onClick={() => set({ baseline: value.candidate, candidate: value.baseline })}
        title={t('compare.swap')}
        aria-label={t('compare.swap')}
      >
        ⇄
      </button>
      {sideSelect('candidate')}
      <label className="field">
        {t('compare.metric')}
        <select
          value={value.metric}
          onChange={(e) => set({ metric: e.currentTarget.value as MetricField })}
          data-testid="metric"
        >
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {t(`metric.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field" title={t('compare.thresholdHint')}>
        {t('compare.threshold')}
        <input
          type="number"
          min={0}
          max={100}
          step={0.5}
          value={value.thresholdPct}
          aria-describedby={`${id}-thr`}
          onChange={(e) => {
            const n = e.currentTarget.valueAsNumber;
            if (Number.isFinite(n) && n >= 0 && n <= 100)
              set({ thresholdPct: Math.round(n * 100) / 100 });
          }}
          data-testid="threshold"
        />
        %
        <span id={`${id}-thr`} className="visually-hidden">
          {t('compare.thresholdHint')}
        </span>
      </label>
      <button
        type="button"
        className="btn btn-small"
        aria-expanded={advanced}
        onClick={() => setAdvanced((a) => !a)}
      >
        {t('compare.advanced')} {advanced ? '▴' : '▾'}
      </button>
      {advanced && (
        <>
          <label className="field">
            {t('compare.axis')}
            <select
              value={value.axis}
              onChange={(e) => changeAxis(e.currentTarget.value as Dimension)}
              data-testid="axis"
            >
              <option value="aio">{dimLabel(i18n, 'aio')}</option>
              {[...axes.keys()]
                .filter((d) => d !== 'aio')
                .map((d) => (
                  <option key={d} value={d}>
                    {dimLabel(i18n, d)}
                  </option>
                ))}
            </select>
          </label>
          <label className="field">
            <input
              type="checkbox"
              checked={value.poolSets}
              onChange={(e) => set({ poolSets: e.currentTarget.checked })}
            />
            {t('compare.poolSets')}
          </label>
        </>
      )}
      {summary && (
        <span className="compare-summary" role="status">
          {summary}
        </span>
      )}
      {hint}
    </section>
  );
}
