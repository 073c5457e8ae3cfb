/**
 * Side-panel sections of issue 15.3/15.4: the tail of the selected cells (p99.9 and max medians,
 * and the tail-regression sentence when the mean holds while the tail worsens), and how the
 * "improvement/regression" words were controlled over all the cells tested (Benjamini–Hochberg),
 * with each cell's unadjusted p-value and its q-value.
 */
import { useMemo } from 'react';
import { ALPHA } from '../../core/compare';
import { fdrQValues } from '../../core/compare/fdr.apply';
import type { CellComparison, Comparison } from '../../core/compare';
import {
  STALL_RATIO,
  tailSides,
  tailVerdictsOf,
  TAIL_METRICS,
} from '../../core/compare/tail-verdict';
import type { Dimension, MetricField } from '../../core/model/record.types';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel, valueLabel } from '../../shared/labels';
import { tailRatioText, tailSentence } from '../../shared/tail-text';
import './tail-fdr.css';

const MAX_CELLS = 8;

export interface TailFdrViewProps {
  cells: CellComparison[];
  /** The comparison the cells come from (BH family sizes, q-values); null: not known here. */
  comparison: Comparison | null;
  metric: MetricField;
  thresholdPct: number;
}

export function TailFdrView({ cells, comparison, metric, thresholdPct }: TailFdrViewProps) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const shown = useMemo(() => cells.slice(0, MAX_CELLS), [cells]);
  const tails = useMemo(() => tailVerdictsOf(shown, thresholdPct), [shown, thresholdPct]);
  const sides = useMemo(() => shown.map((c) => tailSides(c)), [shown]);
  const q = useMemo(
    () => (comparison ? fdrQValues(comparison, metric) : null),
    [comparison, metric],
  );
  const family = comparison?.fdr?.families.find((f) => f.metric === metric) ?? null;
  const hasTail = sides.some(([b, c]) => b.n > 0 && c.n > 0);
  // The fields that tell the shown cells apart name each one (as the evidence tables above do).
  const varying = useMemo(() => {
    const dims = shown.length > 1 ? (Object.keys(shown[0]!.cell) as Dimension[]) : [];
    return dims.filter((d) => shown.some((c) => c.cell[d] !== shown[0]!.cell[d]));
  }, [shown]);
  const nameOf = (cell: CellComparison) =>
    varying
      .map((d) => `${dimLabel(i18n, d)}: ${valueLabel(i18n, d, cell.cell[d] ?? '')}`)
      .join(' · ');
  const pText = (p: number) => (p < 0.001 ? '< 0.001' : fmt.num(p, 3));

  return (
    <>
      <section className="tail-verdict" data-testid="panel-tail">
        <h3>{t('tail.title')}</h3>
        {!hasTail && <p className="muted">{t('tail.noData')}</p>}
        {hasTail &&
          shown.map((cell, i) => {
            const v = tails[i];
            const [b, c] = sides[i]!;
            if (b.n === 0 || c.n === 0) return null;
            return (
              <div key={cell.key} className="tail-cell">
                {varying.length > 0 && <div className="tail-cell-name">{nameOf(cell)}</div>}
                {v && (
                  <p className="tail-alert" role="note" data-testid="panel-tail-alert">
                    <span aria-hidden="true">⚠ </span>
                    {t('tail.markLabel', { text: tailSentence(i18n, v) })}
                    {v.singleRun && <span className="muted"> ({t('tail.singleRun')})</span>}
                  </p>
                )}
                <ul className="tail-rows">
                  {TAIL_METRICS.map((m) => {
                    const x = b[m];
                    const y = c[m];
                    if (x === null || y === null) return null;
                    return (
                      <li key={m}>
                        {t('tail.row', {
                          metric: t(`tail.metric.${m}`),
                          baseline: fmt.exact(x, 'lat_p99_us'),
                          candidate: fmt.exact(y, 'lat_p99_us'),
                          ratio: x > 0 ? tailRatioText(i18n, y / x) : '—',
                        })}
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        {hasTail && tails.every((v) => v === null) && (
          <p className="muted">{t('tail.none', { threshold: thresholdPct })}</p>
        )}
        <p className="muted small">
          {t('tail.rule', { threshold: thresholdPct, stall: STALL_RATIO })}
        </p>
      </section>

      <section className="fdr" data-testid="panel-fdr">
        <h3>{t('fdr.title')}</h3>
        <p className="small">
          {family && family.tested > 0
            ? t('fdr.applied', { n: family.tested, alpha: ALPHA })
            : t('fdr.none')}
        </p>
        {family && family.tested > 0 && (
          <ul className="fdr-cells small">
            {shown.map((cell) => {
              const d = cell.deltas[metric];
              const qv = q?.get(cell.key);
              if (!d || d.pValue === null || qv === undefined) return null;
              const demoted =
                d.verdict === 'inconclusive' &&
                d.pValue < ALPHA &&
                Math.abs(d.pct) >= thresholdPct &&
                !(qv < ALPHA);
              return (
                <li key={cell.key} data-testid="panel-fdr-cell">
                  {varying.length > 0 && <>{nameOf(cell)}: </>}
                  {t('fdr.cell', { p: pText(d.pValue), q: pText(qv) })}
                  {demoted && <> — {t('fdr.demoted', { alpha: ALPHA, n: family.tested })}</>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
