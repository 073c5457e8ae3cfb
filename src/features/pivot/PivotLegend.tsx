import { useI18n } from '../../shared/i18n/i18n';

/** Colour key of the pivot, in words too (the colours are never the only carrier of meaning). */
export function PivotLegend({
  candidateName,
  thresholdPct,
}: {
  candidateName: string;
  thresholdPct: number;
}) {
  const { t } = useI18n();
  return (
    <div className="pivot-legend">
      <span className="legend-swatches" aria-hidden="true">
        <span style={{ background: 'var(--worse-4)' }} />
        <span style={{ background: 'var(--worse-2)' }} />
        <span style={{ background: 'var(--neutral)' }} />
        <span style={{ background: 'var(--better-2)' }} />
        <span style={{ background: 'var(--better-4)' }} />
      </span>
      <span>{t('pivot.legend', { candidate: candidateName, thr: thresholdPct })}</span>
      <span style={{ marginLeft: 'auto' }}>{t('pivot.keyboard')}</span>
    </div>
  );
}
