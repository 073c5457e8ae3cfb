import { useState } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../../shared/i18n/i18n';
import type { SetCounts } from './set-stats';
import './data.css';

export interface SetChip {
  name: string;
  description: string;
  source: string;
  bundled: boolean;
  counts: SetCounts;
}

/**
 * The loaded result sets with their counts and a toggle each, the slot where the ingest panel
 * mounts its "Load files / paste" controls, and "exclude flagged records".
 */
export function DataBar({
  sets,
  hidden,
  onToggle,
  excludeFlagged,
  onExcludeFlagged,
  excludable,
  loading,
  ingestSlot,
}: {
  sets: SetChip[];
  hidden: readonly string[];
  onToggle: (name: string, on: boolean) => void;
  excludeFlagged: boolean;
  onExcludeFlagged: (on: boolean) => void;
  /** Flagged records (unit-suspect, sparse-read) in the enabled, filtered data. */
  excludable: number;
  loading: boolean;
  ingestSlot?: ReactNode;
}) {
  const { t, fmt } = useI18n();
  const [details, setDetails] = useState(false);
  return (
    <section className="bar data-bar" aria-label={t('data.label')}>
      <span className="bar-label">{t('data.label')}</span>
      <ul className="set-chips">
        {loading && sets.length === 0 && (
          <li className="set-chip skeleton" style={{ width: 260, height: 28 }} aria-hidden="true" />
        )}
        {sets.map((s) => {
          const on = !hidden.includes(s.name);
          return (
            <li key={s.name} className={`set-chip${on ? ' on' : ''}`} data-testid={`set-${s.name}`}>
              <label title={t('data.description', { description: s.description || s.name, source: s.source })}>
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(e) => onToggle(s.name, e.currentTarget.checked)}
                  aria-label={t('data.toggleSet', { name: s.name })}
                />
                <span className="set-name">{s.name}</span>
                <span className="set-kind">{s.bundled ? t('data.bundled') : t('data.loaded')}</span>
                <span className="set-count">{t('data.records', { n: fmt.int(s.counts.records) })}</span>
                {s.counts.flagged > 0 && <span className="pill flag">⚑ {t('data.flagged', { n: fmt.int(s.counts.flagged) })}</span>}
              </label>
            </li>
          );
        })}
      </ul>
      <div className={`ingest-slot${details ? ' expanded' : ''}`} onKeyDown={(e) => e.key === 'Escape' && setDetails(false)}>
        {ingestSlot}
        {ingestSlot && sets.length > 0 && (
          <button type="button" className="btn btn-small details-toggle" aria-expanded={details} onClick={() => setDetails((d) => !d)}>
            {t('data.details')} {details ? '▴' : '▾'}
          </button>
        )}
      </div>
      <label className="field exclude-flagged">
        <input type="checkbox" checked={excludeFlagged} onChange={(e) => onExcludeFlagged(e.currentTarget.checked)} />
        {t('data.excludeFlagged')}
        <span className="pill" data-testid="excluded-count">
          {excludable === 0 ? t('data.noFlagged') : excludeFlagged ? t('data.excludedCount', { n: fmt.int(excludable) }) : t('data.flagged', { n: fmt.int(excludable) })}
        </span>
      </label>
    </section>
  );
}
