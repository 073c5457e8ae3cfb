/**
 * The tail charts of the side panel's selection (issue 15), in one modal dialog: tabs
 * "Percentile curve" and "Latency over time", a cell picker when the selection holds several
 * cells with a tail. Its own lazy chunk (the app loads it when the panel opens a tail chart),
 * so neither the initial bundle nor the Charts chunk carries it.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CellComparison } from '../../core/compare';
import type { Dimension, ResultRecord } from '../../core/model/record.types';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../../shared/labels';
import PercentileCurveChart from './PercentileCurveChart';
import TimeSeriesChart from './TimeSeriesChart';
import './charts.css';
import './tails.css';

export type TailView = 'curve' | 'series';

export interface TailChartsProps {
  /** The selection's cells; those whose records carry a tail are offered. */
  cells: readonly CellComparison[];
  view: TailView;
  onView: (view: TailView) => void;
  onClose: () => void;
  /** The side panel's heading (the selection), for the dialog title. */
  title: string;
  baselineName: string;
  candidateName: string;
}

/** The records a side's statistics use (all of its records when none is used), in order. */
function sideRecords(side: CellComparison['baseline']): readonly ResultRecord[] {
  return side.used.length > 0 ? side.used : side.records;
}

const hasTail = (c: CellComparison) =>
  [...c.baseline.records, ...c.candidate.records].some((r) => r.tail !== undefined);

export default function TailCharts(props: TailChartsProps) {
  const { cells, view, onView, onClose, title, baselineName, candidateName } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const tailCells = useMemo(() => cells.filter(hasTail), [cells]);
  const [cellKey, setCellKey] = useState(tailCells[0]?.key ?? '');
  const cell = tailCells.find((c) => c.key === cellKey) ?? tailCells[0];
  useEffect(() => {
    const d = ref.current;
    // No close() on unmount: removing the element ends the modal, and a close event then would
    // reach onClose after the panel already moved on.
    if (d && !d.open) d.showModal();
  }, []);
  // Cells are named by the fields in which the offered cells differ.
  const varying = useMemo(() => {
    const dims = tailCells.length > 0 ? (Object.keys(tailCells[0]!.cell) as Dimension[]) : [];
    return dims.filter((d) => tailCells.some((c) => c.cell[d] !== tailCells[0]!.cell[d]));
  }, [tailCells]);
  const cellName = (c: CellComparison) =>
    varying.map((d) => valueLabel(i18n, d, c.cell[d] ?? '')).join(' · ') || c.key;
  const sides = useMemo(
    () =>
      cell
        ? {
            baseline: { name: baselineName, records: sideRecords(cell.baseline) },
            candidate: { name: candidateName, records: sideRecords(cell.candidate) },
          }
        : null,
    [cell, baselineName, candidateName],
  );
  // A selection of missing values ("—") names nothing: then the cell's workload names it.
  const heading = /[^—\s·]/.test(title)
    ? title
    : cell
      ? (['rw', 'bs', 'iodepth', 'numjobs'] as const)
          .filter((d) => (cell.cell[d] ?? '') !== '')
          .map((d) => `${dimLabel(i18n, d)} ${valueLabel(i18n, d, cell.cell[d] ?? '')}`)
          .join(' · ') || title
      : title;
  const fileId = (cell?.key ?? 'cell').replace(/[^\w.-]+/g, '_').slice(0, 80);
  const tabs: [TailView, string][] = [
    ['curve', t('tails.panel.curve')],
    ['series', t('tails.panel.series')],
  ];
  return (
    <dialog
      ref={ref}
      className="tails-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="tail-charts"
    >
      <header className="tails-head">
        <h2 id={titleId}>{t('tails.dialog.title', { cell: heading })}</h2>
        <button
          type="button"
          className="btn btn-small"
          onClick={onClose}
          aria-label={t('tails.dialog.close')}
          title={t('tails.dialog.close')}
        >
          ✕
        </button>
      </header>
      <div className="tails-bar">
        <div role="tablist" aria-label={t('tails.dialog.views')} className="tails-tabs">
          {tabs.map(([v, label]) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              className={view === v ? 'tails-tab active' : 'tails-tab'}
              onClick={() => onView(v)}
              data-testid={`tail-tab-${v}`}
            >
              {label}
            </button>
          ))}
        </div>
        {tailCells.length > 1 && (
          <label className="tails-field">
            {t('tails.dialog.cell')}{' '}
            <select value={cell?.key ?? ''} onChange={(e) => setCellKey(e.target.value)}>
              {tailCells.map((c) => (
                <option key={c.key} value={c.key}>
                  {cellName(c)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="tails-body" role="tabpanel">
        {sides === null ? (
          <p className="chart-empty">{t('tails.panel.none')}</p>
        ) : view === 'curve' ? (
          <PercentileCurveChart {...sides} fileId={fileId} />
        ) : (
          <TimeSeriesChart {...sides} fileId={fileId} />
        )}
      </div>
    </dialog>
  );
}
