import type { Dimension } from '../../core/model/record.types';
import { MAX_PIVOT_DIMS } from '../../core/url-state/url-state.types';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel } from '../../shared/labels';

/** Rows and columns of the pivot (chips with remove, a picker to add), and the CSV export. */
export function PivotToolbar({
  rows,
  cols,
  available,
  onLayout,
  onExportCsv,
  exportDisabled,
}: {
  rows: Dimension[];
  cols: Dimension[];
  /** Dimensions that can be added (not the axis, not already used). */
  available: Dimension[];
  onLayout: (rows: Dimension[], cols: Dimension[]) => void;
  onExportCsv: () => void;
  exportDisabled: boolean;
}) {
  const { t } = useI18n();
  const i18n = useI18n();
  const side = (which: 'rows' | 'cols') => {
    const dims = which === 'rows' ? rows : cols;
    const set = (next: Dimension[]) =>
      which === 'rows' ? onLayout(next, cols) : onLayout(rows, next);
    const move = (d: Dimension) =>
      which === 'rows'
        ? cols.length < MAX_PIVOT_DIMS &&
          rows.length > 1 &&
          onLayout(
            rows.filter((x) => x !== d),
            [...cols, d],
          )
        : rows.length < MAX_PIVOT_DIMS &&
          onLayout(
            [...rows, d],
            cols.filter((x) => x !== d),
          );
    return (
      <div
        className="layout-side"
        role="group"
        aria-label={t(which === 'rows' ? 'pivot.rows' : 'pivot.cols')}
      >
        <span className="layout-label">{t(which === 'rows' ? 'pivot.rows' : 'pivot.cols')}</span>
        {dims.map((d) => (
          <span key={d} className="dim-chip">
            <button
              type="button"
              className="chip-move"
              onClick={() => move(d)}
              title={t('pivot.moveDim', { dim: dimLabel(i18n, d) })}
            >
              {dimLabel(i18n, d)}
            </button>
            <button
              type="button"
              className="chip-remove"
              onClick={() => set(dims.filter((x) => x !== d))}
              disabled={which === 'rows' && dims.length === 1}
              aria-label={t('pivot.removeDim', { dim: dimLabel(i18n, d) })}
            >
              ×
            </button>
          </span>
        ))}
        {dims.length < MAX_PIVOT_DIMS && available.length > 0 && (
          <select
            className="dim-add"
            value=""
            aria-label={`${t(which === 'rows' ? 'pivot.rows' : 'pivot.cols')}: ${t('pivot.addDim')}`}
            onChange={(e) => {
              const d = e.currentTarget.value as Dimension;
              if (d) set([...dims, d]);
            }}
          >
            <option value="">{t('pivot.addDim')}</option>
            {available.map((d) => (
              <option key={d} value={d}>
                {dimLabel(i18n, d)}
              </option>
            ))}
          </select>
        )}
      </div>
    );
  };
  return (
    <div className="pivot-toolbar">
      {side('rows')}
      {side('cols')}
      <button
        type="button"
        className="btn btn-small export"
        onClick={onExportCsv}
        disabled={exportDisabled}
        data-testid="export-csv"
      >
        ⤓ {t('pivot.exportCsv')}
      </button>
    </div>
  );
}
