/**
 * The side panel's way to the tail charts (issue 15): when the selection's records carry a tail
 * (fio JSON: percentile curve; fio log files: latency over time), buttons "Percentile curve" and
 * "Latency over time" open them; otherwise it says which input would give one. The charts live in
 * the charts feature: the app passes `renderCharts` (a lazy chunk), features never import each other.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { CellComparison } from '../../core/compare';
import { useI18n } from '../../shared/i18n/i18n';

export type TailView = 'curve' | 'series';

/** What the app's tail charts get: the same shape as charts/TailCharts.tsx props. */
export interface TailChartsRequest {
  cells: readonly CellComparison[];
  view: TailView;
  onView: (view: TailView) => void;
  onClose: () => void;
  title: string;
  baselineName: string;
  candidateName: string;
}

export function TailEntry({
  cells,
  title,
  baselineName,
  candidateName,
  renderCharts,
}: {
  cells: readonly CellComparison[];
  title: string;
  baselineName: string;
  candidateName: string;
  renderCharts?: (request: TailChartsRequest) => ReactNode;
}) {
  const { t } = useI18n();
  const [view, setView] = useState<TailView | null>(null);
  const records = cells.flatMap((c) => [...c.baseline.records, ...c.candidate.records]);
  const curves = records.filter((r) => r.tail?.curve).length;
  const logs = records.filter((r) => (r.tail?.series.length ?? 0) > 0).length;
  return (
    <section className="tail-entry" data-testid="tail-entry">
      <h3>{t('tails.panel.title')}</h3>
      {curves + logs === 0 ? (
        <p className="muted small">{t('tails.panel.none')}</p>
      ) : (
        <>
          <p className="muted small">
            {t('tails.panel.has', { curves, runs: records.length, logs })}
          </p>
          {renderCharts && (
            <div
              className="tail-buttons"
              style={{ display: 'flex', gap: 6, flexWrap: 'wrap', marginBottom: 10 }}
            >
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setView('curve')}
                data-testid="open-percentile-curve"
              >
                {t('tails.panel.curve')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setView('series')}
                data-testid="open-latency-over-time"
              >
                {t('tails.panel.series')}
              </button>
            </div>
          )}
          {logs === 0 && <p className="muted small">{t('tails.panel.noLogs')}</p>}
        </>
      )}
      {view !== null &&
        renderCharts?.({
          cells,
          view,
          onView: setView,
          onClose: () => setView(null),
          title,
          baselineName,
          candidateName,
        })}
    </section>
  );
}
