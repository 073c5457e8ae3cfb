/** One comparison cell in the side panel: both sides' medians with spread, deltas and verdicts per metric. */
import { DELTA_METRICS } from '../../core/compare';
import type { Aggregate, CellComparison } from '../../core/compare';
import type { Dimension, MetricField } from '../../core/model/record.types';
import { UNITS } from '../../shared/format';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../../shared/labels';

export function CellEvidence({
  cell,
  varying,
  baselineName,
  candidateName,
  metric,
}: {
  cell: CellComparison;
  varying: Dimension[];
  baselineName: string;
  candidateName: string;
  metric: MetricField;
}) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const metrics = DELTA_METRICS.filter(
    (m) => cell.baseline.metrics[m] || cell.candidate.metrics[m],
  );
  if (cell.baseline.metrics.iops_total || cell.candidate.metrics.iops_total)
    metrics.splice(1, 0, 'iops_total');
  const heading = varying
    .map((d) => `${dimLabel(i18n, d)}: ${valueLabel(i18n, d, cell.cell[d] ?? '')}`)
    .join(' · ');
  const plain = (v: number | undefined) =>
    v === undefined ? '—' : fmt.num(v, Number.isInteger(v) ? 0 : 2);
  const spread = (a: Aggregate | undefined, m: MetricField) =>
    a && a.n > 1
      ? t('panel.spread', {
          min: fmt.exact(a.min, m),
          max: fmt.exact(a.max, m),
          cv: a.cv === null ? '—' : `${fmt.num(a.cv * 100, 1)}%`,
        })
      : null;
  return (
    <section className="evidence" data-testid="cell-evidence">
      {heading && <h3>{heading}</h3>}
      <table className="evidence-table">
        <thead>
          <tr>
            <th scope="col">{t('panel.metric')}</th>
            <th scope="col">
              {baselineName}
              <span className="n">{t('panel.repeats', { n: cell.baseline.n })}</span>
            </th>
            <th scope="col">
              {candidateName}
              <span className="n">{t('panel.repeats', { n: cell.candidate.n })}</span>
            </th>
            <th scope="col">{t('panel.delta')}</th>
          </tr>
        </thead>
        <tbody>
          {metrics.map((m) => {
            const b = cell.baseline.metrics[m];
            const c = cell.candidate.metrics[m];
            const d = cell.deltas[m];
            const tone =
              d?.verdict === 'improvement'
                ? 'better'
                : d?.verdict === 'regression'
                  ? 'worse'
                  : 'same';
            return (
              <tr key={m} className={m === metric ? 'current' : undefined}>
                <th scope="row">
                  {t(`metric.${m}`)}{' '}
                  {UNITS[m] !== 'IOPS' && <span className="unit">{UNITS[m]}</span>}
                </th>
                <td title={spread(b, m) ?? undefined}>
                  {plain(b?.median)}
                  {spread(b, m) && <span className="spread">{spread(b, m)}</span>}
                </td>
                <td title={spread(c, m) ?? undefined}>
                  {plain(c?.median)}
                  {spread(c, m) && <span className="spread">{spread(c, m)}</span>}
                </td>
                <td className={`delta tone-${tone}`}>
                  {d ? (
                    <>
                      <strong>{fmt.pct(d.pct)}</strong>
                      <span className="verdict">{t(`verdict.${d.verdict}`)}</span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {(() => {
        const d = cell.deltas[metric];
        if (!d) return null;
        return (
          <p className="muted small">
            {d.singleRun
              ? t('panel.singleRun')
              : d.pValue !== null
                ? t('panel.pValue', { p: d.pValue < 0.001 ? '< 0.001' : fmt.num(d.pValue, 3) })
                : null}
            {' · '}
            {t(d.lowerIsBetter ? 'metric.better.lower' : 'metric.better.higher')}
          </p>
        );
      })()}
      {cell.flags.length > 0 && (
        <p className="cell-flags">
          {cell.flags.map((f) => (
            <span key={f} className="pill flag">
              ⚑ {t(`flag.${f}`)}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
