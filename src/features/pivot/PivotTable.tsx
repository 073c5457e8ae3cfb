/** The pivot grid: rows × columns of deltas with verdicts, grouped rows, sorting, virtual rows and a roving keyboard focus. */
import { useMemo, useState } from 'react';
import {
  getCoreRowModel,
  getExpandedRowModel,
  getSortedRowModel,
  useReactTable,
} from '@tanstack/react-table';
import type { ColumnDef, ExpandedState, Row, SortingState } from '@tanstack/react-table';
import { compareValues } from '../../core/compare';
import type { Pivot, PivotCell } from '../../core/compare';
import type { MetricField } from '../../core/model/record.types';
import { useI18n } from '../../shared/i18n/i18n';
import { dimLabel, tupleLabel, valueLabel } from '../../shared/labels';
import { ariaSort, sortMark } from '../../shared/ui/sort-header';
import { SpacerRow, useVirtualRows } from '../../shared/ui/virtual-rows';
import { sameSelection } from '../../core/url-state/selection';
import type { Selection } from '../../core/url-state/selection';
import { buildRows, selectionAt, shownVerdict, toneOf } from './pivot-model';
import type { PivotRowModel } from './pivot-model';
import { tailVerdictsOf } from '../../core/compare/tail-verdict';
import type { TailVerdict } from '../../core/compare/tail-verdict';
import { tailSentence } from '../../shared/tail-text';
import { pivotCellText } from './pivot-text';
import { usePivotKeyboard } from './usePivotKeyboard';
import './pivot.css';

const ROW_HEIGHT = 44;
/** Above this many visible rows only the rows in view are rendered. */
export const VIRTUALIZE_ABOVE = 200;

export interface PivotTableProps {
  pivot: Pivot;
  groupPivot: Pivot | null;
  metric: MetricField;
  thresholdPct: number;
  baselineName: string;
  candidateName: string;
  selected: Selection | null;
  onSelect: (sel: Selection) => void;
}

/**
 * The delta pivot as an ARIA grid: sticky headers, rows grouped under the first row dimension
 * (expandable), sorting by any column, roving focus with arrow keys (Enter opens the cell), and
 * row virtualization above 200 rows.
 */
export function PivotTable({
  pivot,
  groupPivot,
  metric,
  thresholdPct,
  baselineName,
  candidateName,
  selected,
  onSelect,
}: PivotTableProps) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const data = useMemo(() => buildRows(pivot, groupPivot), [pivot, groupPivot]);
  // Tail regressions (issue 15.3) of a pivot cell's comparison cells, on first draw of the cell.
  const tailsOf = useMemo(() => {
    const cache = new WeakMap<PivotCell, TailVerdict[]>();
    return (cell: PivotCell): TailVerdict[] => {
      let found = cache.get(cell);
      if (!found) {
        found = tailVerdictsOf(cell.cells, thresholdPct).filter((v) => v !== null);
        cache.set(cell, found);
      }
      return found;
    };
  }, [thresholdPct]);
  const tailLabel = (tails: TailVerdict[]) =>
    t('tail.markLabel', { text: tailSentence(i18n, tails[0]!) }) +
    (tails.length > 1 ? ` (+${tails.length - 1})` : '');
  const grouped = data.some((r) => r.kind === 'group');
  const [sorting, setSorting] = useState<SortingState>([]);
  const [expanded, setExpanded] = useState<ExpandedState>(true);

  const columns = useMemo<ColumnDef<PivotRowModel>[]>(() => {
    const rowCol: ColumnDef<PivotRowModel> = {
      id: 'row',
      header: pivot.rowDims.map((d) => dimLabel(i18n, d)).join(' › '),
      accessorFn: (r) => r.values.join('\u0000'),
      sortingFn: (a, b) => {
        const x = a.original.values;
        const y = b.original.values;
        for (let i = 0; i < Math.min(x.length, y.length); i++) {
          const c = compareValues(x[i]!, y[i]!);
          if (c !== 0) return c;
        }
        return x.length - y.length;
      },
    };
    const leafCols: ColumnDef<PivotRowModel>[] = pivot.colKeys.map((key, j) => ({
      id: `c${j}`,
      header:
        key.length === 0
          ? t('pivot.all')
          : valueLabel(i18n, pivot.colDims[key.length - 1]!, key[key.length - 1]!),
      accessorFn: (r) => r.cells[j]?.deltaPct ?? undefined,
      sortUndefined: 'last',
      meta: { colIndex: j },
    }));
    // Nest column headers by the leading column dimensions (rw › prewritten).
    const nest = (
      cols: ColumnDef<PivotRowModel>[],
      keys: string[][],
      depth: number,
    ): ColumnDef<PivotRowModel>[] => {
      if (depth >= pivot.colDims.length - 1) return cols;
      const out: ColumnDef<PivotRowModel>[] = [];
      let i = 0;
      while (i < keys.length) {
        const v = keys[i]![depth]!;
        const start = i;
        while (
          i < keys.length &&
          keys[i]![depth] === v &&
          keys[i]!.slice(0, depth).join('\u0000') === keys[start]!.slice(0, depth).join('\u0000')
        )
          i++;
        out.push({
          id: `g${depth}:${start}`,
          header: valueLabel(i18n, pivot.colDims[depth]!, v),
          columns: nest(cols.slice(start, i), keys.slice(start, i), depth + 1),
        });
      }
      return out;
    };
    return [rowCol, ...nest(leafCols, pivot.colKeys, 0)];
  }, [pivot, i18n, t]);

  const table = useReactTable({
    data,
    columns,
    state: { sorting, expanded },
    onSortingChange: setSorting,
    onExpandedChange: setExpanded,
    getSubRows: (r) => r.subRows,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    getRowId: (r) => r.id,
  });
  const rows = table.getRowModel().rows;
  const nCols = pivot.colKeys.length;

  // ---- virtualization ----
  const { scrollRef, virtual, virtualizer, indices, padTop, padBottom } = useVirtualRows({
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    overscan: 12,
    above: VIRTUALIZE_ABOVE,
  });
  const visible: { row: Row<PivotRowModel>; index: number }[] = indices.map((index) => ({
    row: rows[index]!,
    index,
  }));

  // ---- roving focus and keys (usePivotKeyboard.ts) ----
  const {
    focus: clampedFocus,
    setFocus,
    onKeyDown,
  } = usePivotKeyboard({
    rows,
    nCols,
    scrollRef,
    virtual,
    scrollToIndex: virtualizer.scrollToIndex,
    onCell: (row, c) => onSelect(selectionAt(row.original, pivot.colDims, pivot.colKeys[c - 1]!)),
  });

  const headerGroups = table.getHeaderGroups();
  const lastHeader = headerGroups.length - 1;

  const text = pivotCellText(i18n, { metric, baselineName, candidateName });
  const cellTitle = (cell: PivotCell) => {
    const tails = tailsOf(cell);
    return text.title(cell, tails.length > 0 ? tailLabel(tails) : null);
  };
  const { noDeltaText, shortVerdict } = text;

  return (
    <div className="pivot-scroll" ref={scrollRef}>
      <table
        className="pivot"
        role="grid"
        aria-label={t('pivot.label', {
          metric: t(`metric.${metric}`),
          baseline: baselineName,
          candidate: candidateName,
        })}
        aria-rowcount={rows.length + headerGroups.length}
        aria-colcount={nCols + 1}
        onKeyDown={onKeyDown}
        data-testid="pivot"
      >
        <thead>
          {headerGroups.map((hg, hi) => (
            <tr key={hg.id} role="row" aria-rowindex={hi + 1}>
              {hg.headers.map((h) => {
                const isRowCol = h.column.id === 'row';
                if (h.isPlaceholder) {
                  // The row-header column's label sits in the last header row; above it stays empty.
                  return (
                    <th
                      key={h.id}
                      colSpan={h.colSpan}
                      className={isRowCol ? 'row-head' : undefined}
                      aria-hidden="true"
                    />
                  );
                }
                const leaf = hi === lastHeader;
                const dir = h.column.getIsSorted();
                const label =
                  typeof h.column.columnDef.header === 'string'
                    ? h.column.columnDef.header
                    : h.column.id;
                return (
                  <th
                    key={h.id}
                    colSpan={h.colSpan}
                    role="columnheader"
                    scope="col"
                    className={`${isRowCol ? 'row-head' : ''}${leaf ? ' leaf' : ' group'}`}
                    aria-sort={leaf ? ariaSort(dir) : undefined}
                  >
                    {leaf ? (
                      <button
                        type="button"
                        className="sort"
                        onClick={h.column.getToggleSortingHandler()}
                        title={t('pivot.sortBy', { col: label })}
                      >
                        <span>{label}</span>
                        <span aria-hidden="true" className="sort-mark">
                          {sortMark(dir) || '↕'}
                        </span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          <SpacerRow height={padTop} colSpan={nCols + 1} />
          {visible.map(({ row, index }) => {
            const m = row.original;
            const isGroup = m.kind === 'group';
            const label = isGroup
              ? valueLabel(i18n, m.dims[0]!, m.values[0]!)
              : tupleLabel(i18n, m.dims.slice(grouped ? 1 : 0), m.values.slice(grouped ? 1 : 0));
            const rowFocus = clampedFocus.r === index;
            return (
              <tr
                key={row.id}
                role="row"
                aria-rowindex={index + headerGroups.length + 1}
                className={isGroup ? 'group-row' : 'leaf-row'}
                aria-level={grouped ? row.depth + 1 : undefined}
                aria-expanded={isGroup ? row.getIsExpanded() : undefined}
              >
                <th
                  role="rowheader"
                  scope="row"
                  className={`row-head${grouped && !isGroup ? ' indented' : ''}`}
                  tabIndex={rowFocus && clampedFocus.c === 0 ? 0 : -1}
                  data-r={index}
                  data-c={0}
                  onClick={() => {
                    setFocus({ r: index, c: 0 });
                    if (isGroup) row.toggleExpanded();
                  }}
                  title={isGroup ? t('pivot.toggleGroup', { group: label }) : label}
                >
                  {isGroup && (
                    <span className="toggle" aria-hidden="true">
                      {row.getIsExpanded() ? '▾' : '▸'}
                    </span>
                  )}
                  <span className="row-label">{label}</span>
                  {isGroup && (
                    <span className="row-count">{t('pivot.group', { n: m.subRows.length })}</span>
                  )}
                </th>
                {m.cells.map((cell, j) => {
                  const c = j + 1;
                  const sel = selectionAt(m, pivot.colDims, pivot.colKeys[j]!);
                  const isSelected = sameSelection(selected, sel);
                  const { tone, level } = toneOf(cell, metric, thresholdPct);
                  const v = shownVerdict(cell);
                  return (
                    <td
                      key={j}
                      role="gridcell"
                      className={`cell tone-${tone} level-${level}${isSelected ? ' selected' : ''}${isGroup ? ' group-cell' : ''}`}
                      tabIndex={rowFocus && clampedFocus.c === c ? 0 : -1}
                      aria-selected={isSelected}
                      data-r={index}
                      data-c={c}
                      data-testid={
                        cell
                          ? `cell-${m.values.join('/')}|${pivot.colKeys[j]!.join('/')}`
                          : undefined
                      }
                      title={cell ? cellTitle(cell) : undefined}
                      onClick={() => {
                        setFocus({ r: index, c });
                        if (cell) onSelect(sel);
                      }}
                    >
                      {cell && cell.deltaPct !== null ? (
                        <>
                          <span className="delta">{fmt.pct(cell.deltaPct)}</span>
                          <span className="meta">
                            <span className="verdict">{shortVerdict(v)}</span>
                            <span className="n">
                              n={cell.baselineN ?? '?'}+{cell.candidateN ?? '?'}
                            </span>
                            {cell.flagged && (
                              <span
                                className="flag"
                                title={t('pivot.flagged')}
                                aria-label={t('pivot.flagged')}
                              >
                                ⚑
                              </span>
                            )}
                            {tailsOf(cell).length > 0 && (
                              <span
                                className="tail-mark"
                                role="img"
                                data-testid="tail-mark"
                                title={tailLabel(tailsOf(cell))}
                                aria-label={tailLabel(tailsOf(cell))}
                              >
                                ⚠
                              </span>
                            )}
                          </span>
                        </>
                      ) : cell ? (
                        <span className="meta">{noDeltaText(cell)}</span>
                      ) : (
                        <span className="none" aria-label={t('pivot.empty')}>
                          ·
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          <SpacerRow height={padBottom} colSpan={nCols + 1} />
        </tbody>
      </table>
    </div>
  );
}

/** Expand/collapse helpers are inside the table; the toolbar lives in PivotToolbar. */
export type { PivotRowModel };
