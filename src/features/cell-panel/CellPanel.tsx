/**
 * The side panel of a selected cell: its props, the overall verdict, the environment and the
 * sections in order (per-cell evidence, tails and FDR, raw records, flags, policy).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CellComparison, Comparison, PivotCell } from '../../core/compare';
import type { Dimension, MetricField, ResultRecord } from '../../core/model/record.types';
import type { Selection } from '../../core/url-state/selection';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../../shared/labels';
import { CellEvidence } from './CellEvidence';
import { PanelFlags } from './PanelFlags';
import { RawRecords } from './RawRecords';
import { TailFdrView } from './TailFdrView';
import { PolicyView } from './PolicyView';
import { TailEntry } from './TailEntry';
import type { TailChartsRequest } from './TailEntry';
import './cell-panel.css';

const MAX_CELLS = 8;

export interface CellPanelProps {
  selection: Selection;
  /** Comparison cells that match the selection. */
  cells: CellComparison[];
  /** The pivot cell aggregate for the selection, when the selection is a pivot cell. */
  aggregate: PivotCell | null;
  metric: MetricField;
  axis: Dimension;
  baselineName: string;
  candidateName: string;
  /** Records of the enabled sets, to name the pre-written counterpart of a sparse read. */
  setRecords: readonly ResultRecord[];
  /** Host profile (URL form, validated by the policy module) for the recommendation. */
  host: string | null;
  onHost: (serialized: string | null) => void;
  /** The comparison the cells come from: the tail verdicts' threshold, BH family sizes and q-values. */
  comparison?: Comparison | null;
  /** Display order of the selection's dimensions (the pivot's rows then columns). */
  order?: readonly Dimension[];
  onClose: () => void;
  /** The cells are a team server's aggregates (their runs stay there): said at the top. */
  onServer?: boolean;
  /** The tail charts (a lazy chunk the app supplies); without it the panel only describes the tail. */
  renderTailCharts?: (request: TailChartsRequest) => React.ReactNode;
}

/**
 * Evidence for the selected cell: its environment, both sides' numbers with repeats and spread,
 * deltas and verdicts per metric, data-quality flags explained, the raw records on demand, and
 * the policy recommendation (passed in by the app).
 */
export function CellPanel(props: CellPanelProps) {
  const {
    selection,
    cells,
    aggregate,
    metric,
    axis,
    baselineName,
    candidateName,
    setRecords,
    host,
    onHost,
    order = [],
    onClose,
  } = props;
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const [showAll, setShowAll] = useState(false);
  const [showRaw, setShowRaw] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const selKey = JSON.stringify(selection);
  useEffect(() => {
    setShowAll(false);
    setShowRaw(false);
  }, [selKey]);

  const selDims = useMemo(() => {
    const rank = (d: Dimension) => (order.includes(d) ? order.indexOf(d) : order.length);
    return (Object.keys(selection) as Dimension[]).sort((a, b) => rank(a) - rank(b));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selKey, order.join(',')]);
  // Fields that differ between the matched cells name each cell; constant ones describe the environment.
  const { varying, constant } = useMemo(() => {
    const dims = cells.length > 0 ? (Object.keys(cells[0]!.cell) as Dimension[]) : [];
    const varying: Dimension[] = [];
    const constant: [Dimension, string][] = [];
    for (const d of dims) {
      if (selDims.includes(d)) continue;
      const first = cells[0]!.cell[d] ?? '';
      if (cells.every((c) => (c.cell[d] ?? '') === first)) {
        if (first !== '') constant.push([d, first]);
      } else varying.push(d);
    }
    return { varying, constant };
  }, [cells, selDims]);

  const records = useMemo(
    () => cells.flatMap((c) => [...c.baseline.records, ...c.candidate.records]),
    [cells],
  );
  const excluded = cells.reduce((s, c) => s + c.excludedFlagged, 0);
  const shown = showAll ? cells : cells.slice(0, MAX_CELLS);
  const title = selDims.map((d) => valueLabel(i18n, d, selection[d] ?? '')).join(' · ');
  const verdictKey =
    aggregate?.verdict ?? (cells.length === 1 ? cells[0]!.deltas[metric]?.verdict : undefined);

  return (
    <aside className="cell-panel" aria-labelledby="cell-panel-title" data-testid="cell-panel">
      <header className="panel-head">
        <div>
          <div className="panel-kicker">{t('panel.title')}</div>
          <h2 id="cell-panel-title" ref={headingRef} tabIndex={-1}>
            {title}
          </h2>
        </div>
        <button
          type="button"
          className="btn btn-small"
          onClick={onClose}
          aria-label={t('panel.close')}
          title={t('panel.close')}
        >
          ✕
        </button>
      </header>
      <div className="panel-body">
        {cells.length === 0 ? (
          <p className="muted">{t('panel.noMatch')}</p>
        ) : (
          <>
            <section
              className={`overall tone-${verdictKey ?? 'mixed'}`}
              data-testid="panel-overall"
            >
              <div className="overall-delta">
                {fmt.pct(aggregate?.deltaPct ?? cells[0]!.deltas[metric]?.pct ?? null)}
              </div>
              <div>
                <div className="overall-line">
                  {t(`metric.${metric}`)} · {candidateName} {t('compare.vs')} {baselineName}
                </div>
                <div className="overall-verdict">
                  {verdictKey ? t(`verdict.long.${verdictKey}`) : t('verdict.mixed')}
                  {cells.length > 1 && <> · {t('panel.cells', { n: cells.length })}</>}
                </div>
              </div>
            </section>

            {props.onServer && (
              <p className="muted" data-testid="panel-on-server">
                {t('server.cellNote', {
                  n: fmt.int(cells.reduce((s, c) => s + c.baseline.n + c.candidate.n, 0)),
                })}
              </p>
            )}

            {constant.length > 0 && (
              <section>
                <h3>{t('panel.environment')}</h3>
                <dl className="env">
                  {constant.map(([d, v]) => (
                    <div key={d}>
                      <dt>{dimLabel(i18n, d)}</dt>
                      <dd>{valueLabel(i18n, d, v)}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            )}

            {shown.map((c) => (
              <CellEvidence
                key={c.key}
                cell={c}
                varying={varying}
                baselineName={baselineName}
                candidateName={candidateName}
                metric={metric}
              />
            ))}
            {cells.length > MAX_CELLS && (
              <button type="button" className="btn-link" onClick={() => setShowAll((s) => !s)}>
                {showAll
                  ? t('filters.less')
                  : `${t('panel.cellsShown', { shown: MAX_CELLS, n: cells.length })} — ${t('panel.showAllCells')}`}
              </button>
            )}

            <TailFdrView
              cells={cells}
              comparison={props.comparison ?? null}
              metric={metric}
              thresholdPct={props.comparison?.spec.thresholdPct ?? 5}
            />

            <TailEntry
              key={selKey}
              cells={cells}
              title={title}
              baselineName={baselineName}
              candidateName={candidateName}
              renderCharts={props.renderTailCharts}
            />

            <section>
              <button
                type="button"
                className="btn btn-small"
                aria-expanded={showRaw}
                onClick={() => setShowRaw((s) => !s)}
                data-testid="show-raw"
              >
                {showRaw ? t('panel.hideRaw') : t('panel.showRaw', { n: records.length })}
              </button>
              {showRaw && <RawRecords records={records} axis={axis} />}
            </section>

            <PanelFlags records={records} excluded={excluded} setRecords={setRecords} />
          </>
        )}
        <PolicyView cells={cells} host={host} onHost={onHost} evidenceIsAio={axis === 'aio'} />
      </div>
    </aside>
  );
}
