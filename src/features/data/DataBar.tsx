import { useCallback, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { ColumnMap } from '../../core/ingest/column-map';
import type { IngestReport } from '../../core/model/record.types';
import { useI18n } from '../../shared/i18n/i18n';
import type { SetCounts } from './set-stats';
import { SetManager, type SetActions } from './SetManager';
import './data.css';

export interface SetChip {
  name: string;
  description: string;
  source: string;
  bundled: boolean;
  counts: SetCounts;
  /** Per-file accounting (read, accepted, rejected rows, notes, column inferences). */
  reports: readonly IngestReport[];
  /** Origin paths of the set's files. */
  files: readonly string[];
  mapping?: ColumnMap;
}

/**
 * The data bar: one summary line of the loaded sets ("4 sets · 1,234 records · 1 hidden ▾")
 * that opens the set list as an overlay (never taking the analysis area's space, at any number
 * of sets), the slot where the ingest panel mounts its load controls, a note when the bundled
 * data was hidden for the user's own, and "exclude flagged records".
 */
export function DataBar({
  sets,
  hidden,
  actions,
  excludeFlagged,
  onExcludeFlagged,
  excludable,
  flaggedOnServer,
  loading,
  ingestSlot,
  note,
}: {
  sets: SetChip[];
  hidden: readonly string[];
  actions: SetActions;
  excludeFlagged: boolean;
  onExcludeFlagged: (on: boolean) => void;
  /** Flagged records (unit-suspect, sparse-read) in the enabled, filtered data. */
  excludable: number;
  /**
   * For sets compared on the team server (their records are not here): the records flagged
   * when they were stored, whatever the flag, as the server lists them.
   */
  flaggedOnServer?: number;
  loading: boolean;
  ingestSlot?: ReactNode;
  /** A line under the bar (e.g. "bundled data hidden — show it"). */
  note?: ReactNode;
}) {
  const { t, fmt } = useI18n();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const flagPill = (n: number, excluded: boolean) =>
    n === 0 ? t('data.noFlagged') : t(excluded ? 'data.excludedCount' : 'data.flagged', { n: fmt.int(n) });
  const summary = useMemo(() => {
    const names = new Set(sets.map((s) => s.name));
    const hiddenCount = hidden.filter((h) => names.has(h)).length;
    const records = sets.reduce((n, s) => n + s.counts.records, 0);
    return { hiddenCount, records };
  }, [sets, hidden]);

  return (
    <section className="bar data-bar" aria-label={t('data.label')}>
      <span className="bar-label">{t('data.label')}</span>
      <div className="set-summary-wrap">
        {loading && sets.length === 0 ? (
          <span className="set-summary skeleton" style={{ width: 220, height: 26 }} aria-hidden="true" />
        ) : (
          <button
            type="button"
            className="btn set-summary"
            aria-expanded={open}
            aria-haspopup="dialog"
            onClick={() => setOpen((o) => !o)}
            data-testid="set-summary"
            title={t('sets.open')}
          >
            {sets.length === 1 ? t('sets.countOne') : t('sets.count', { n: fmt.int(sets.length) })}
            {' · '}
            {summary.records === 1
              ? t('sets.oneRecord')
              : t('data.records', { n: fmt.int(summary.records) })}
            {summary.hiddenCount > 0 && (
              <>
                {' · '}
                <span className="set-summary-hidden">{t('sets.hidden', { n: fmt.int(summary.hiddenCount) })}</span>
              </>
            )}{' '}
            {open ? '▴' : '▾'}
          </button>
        )}
        {open && <SetManager sets={sets} hidden={hidden} actions={actions} onClose={close} />}
      </div>
      <div className="ingest-slot">{ingestSlot}</div>
      <label className="field exclude-flagged">
        <input type="checkbox" checked={excludeFlagged} onChange={(e) => onExcludeFlagged(e.currentTarget.checked)} />
        {t('data.excludeFlagged')}
        <span className="pill" data-testid="excluded-count">
          {flaggedOnServer === undefined ? flagPill(excludable, excludeFlagged) : flagPill(flaggedOnServer, false)}
        </span>
      </label>
      {note && <div className="data-bar-note">{note}</div>}
    </section>
  );
}
