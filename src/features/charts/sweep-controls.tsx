/**
 * Controls shared by the sweep chart and the iodepth × numjobs grid: x, facet, band, and for each
 * other field that varies, its held value or "median over all" (the aggregation the summary
 * states). The choices live in the URL (ViewState.sweep) when the dashboard passes them in.
 */
import { useMemo, useState } from 'react';
import type { ComparisonSpec } from '../../core/compare';
import type { MetricField, ResultRecord } from '../../core/model/record.types';
import type { Sweep } from '../../core/compare/sweep';
import { SWEEP_BANDS } from '../../core/compare/sweep';
import type { Dimension } from '../../core/model/record.types';
import { DEFAULT_SWEEP_VIEW } from '../../core/url-state/sweep-state';
import type { SweepView } from '../../core/url-state/sweep-state';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../../shared/labels';

/** The view from the URL when given, else kept in the component. */
export function useSweepView(
  fromUrl: SweepView | undefined,
  onChange: ((v: SweepView) => void) | undefined,
): [SweepView, (v: SweepView) => void] {
  const [local, setLocal] = useState<SweepView>(DEFAULT_SWEEP_VIEW);
  if (fromUrl && onChange) return [fromUrl, onChange];
  return [local, setLocal];
}

/**
 * The sweep view (URL or local) and what it resolves to on the compared records: one hook for
 * the sweep chart (resolveSweep) and the depth × jobs grid (resolveGrid).
 */
export function useResolvedSweep<T>(
  props: {
    records: readonly ResultRecord[];
    comparison: { spec: ComparisonSpec };
    metric: MetricField;
    sweep?: SweepView;
    onSweep?: (v: SweepView) => void;
  },
  resolve: (
    records: readonly ResultRecord[],
    spec: ComparisonSpec,
    metric: MetricField,
    view: SweepView,
  ) => T,
): { view: SweepView; setView: (v: SweepView) => void; resolved: T } {
  const [view, setView] = useSweepView(props.sweep, props.onSweep);
  const { records, metric } = props;
  const spec = props.comparison.spec;
  const resolved = useMemo(
    () => resolve(records, spec, metric, view),
    [resolve, records, spec, metric, view],
  );
  return { view, setView, resolved };
}

const AGGREGATE = '\u0000all';

export function SweepControls({
  view,
  onView,
  sweep,
  xChoices,
  facetChoices,
  showBand,
}: {
  view: SweepView;
  onView: (v: SweepView) => void;
  sweep: Sweep;
  xChoices: Dimension[];
  facetChoices: Dimension[];
  showBand: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const facet = sweep.spec.facet;
  const varying = sweep.others.filter((o) => o.values.length >= 2);
  const setHold = (dim: Dimension, value: string) => {
    const hold = { ...view.hold };
    const aggregate = view.aggregate.filter((d) => d !== dim);
    if (value === AGGREGATE) {
      delete hold[dim];
      aggregate.push(dim);
    } else hold[dim] = value;
    onView({ ...view, hold, aggregate });
  };
  // The export draws this line where the controls stand: the image then says what it holds.
  const exportLabel = [
    facet !== null ? t('sweep.facetOption', { dim: dimLabel(i18n, facet) }) : '',
    ...varying.map((o) =>
      o.role === 'aggregated'
        ? t('sweep.aggregateAll', { dim: dimLabel(i18n, o.dim), n: o.values.length })
        : t('sweep.holdValue', {
            dim: dimLabel(i18n, o.dim),
            value: valueLabel(i18n, o.dim, o.value ?? ''),
          }),
    ),
  ]
    .filter((x) => x !== '')
    .join(' · ');
  return (
    <div className="sweep-controls" data-export-label={exportLabel}>
      {xChoices.length > 0 && (
        <label className="field">
          <span>{t('sweep.x')}</span>
          <select
            value={sweep.spec.x}
            onChange={(e) => onView({ ...view, x: e.currentTarget.value as Dimension })}
            data-testid="sweep-x"
          >
            {xChoices.map((d) => (
              <option key={d} value={d}>
                {dimLabel(i18n, d)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t('sweep.facet')}</span>
        <select
          value={facet ?? ''}
          onChange={(e) => onView({ ...view, facet: e.currentTarget.value as Dimension | '' })}
          data-testid="sweep-facet"
        >
          <option value="">{t('sweep.noFacet')}</option>
          {facetChoices.map((d) => (
            <option key={d} value={d}>
              {dimLabel(i18n, d)}
            </option>
          ))}
        </select>
      </label>
      {showBand && (
        <label className="field">
          <span>{t('sweep.band')}</span>
          <select
            value={view.band}
            onChange={(e) => onView({ ...view, band: e.currentTarget.value as SweepView['band'] })}
            data-testid="sweep-band"
          >
            {SWEEP_BANDS.map((b) => (
              <option key={b} value={b}>
                {t(`sweep.bandShort.${b}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {varying.map((o) => (
        <label className="field" key={o.dim}>
          <span className="visually-hidden">
            {t('sweep.holdLabel', { dim: dimLabel(i18n, o.dim) })}
          </span>
          <select
            value={o.role === 'aggregated' ? AGGREGATE : (o.value ?? '')}
            onChange={(e) => setHold(o.dim, e.currentTarget.value)}
            data-testid={`sweep-hold-${o.dim}`}
          >
            {o.values.map((v) => (
              <option key={v} value={v}>
                {t('sweep.holdValue', {
                  dim: dimLabel(i18n, o.dim),
                  value: valueLabel(i18n, o.dim, v),
                })}
              </option>
            ))}
            <option value={AGGREGATE}>
              {t('sweep.aggregateAll', { dim: dimLabel(i18n, o.dim), n: o.values.length })}
            </option>
          </select>
        </label>
      ))}
    </div>
  );
}
