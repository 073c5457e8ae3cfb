import { useMemo, useState } from 'react';
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable } from '@tanstack/react-table';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import { CANONICAL_COLUMNS } from '../../core/model/record.types';
import type { ResultRecord } from '../../core/model/record.types';
import { useI18n } from '../../shared/i18n/i18n';
import { StateView } from '../../shared/ui/StateView';
import { ariaSort, sortMark } from '../../shared/ui/sort-header';
import { SpacerRow, useVirtualRows } from '../../shared/ui/virtual-rows';
import type { countRecords } from './set-stats';

const NUMERIC = new Set(['vms', 'bs', 'iodepth', 'numjobs', 'runtime_s', 'iops', 'iops_total', 'lat_mean_us', 'lat_p99_us', 'bw_kib_s']);
const ROW_HEIGHT = 24;
/** Above this many rows only the visible ones are rendered. */
export const VIRTUALIZE_ABOVE = 200;

type Cell = string | number | boolean | null | undefined;

function rawValue(r: ResultRecord, col: string): Cell {
  if (col === 'flags') return r.flags.join(';');
  if (col === 'restates') return r.restates;
  if (col.startsWith('x:')) return r.extra[col.slice(2)] ?? null;
  const v = (r as unknown as Record<string, Cell>)[col];
  return v ?? null;
}

/**
 * Every canonical column of every record (plus `restates` and extra columns), sortable, with the
 * counts (records, incomplete, flagged) above it. Rows are virtualized above 200 records.
 */
export function RecordsTable({
  records,
  totalCounts,
  toolbar,
}: {
  /** Records after filters. */
  records: readonly ResultRecord[];
  /** Counts of the enabled sets before filters. */
  totalCounts: ReturnType<typeof countRecords>;
  toolbar?: React.ReactNode;
}) {
  const { t, fmt } = useI18n();
  const [sorting, setSorting] = useState<SortingState>([]);
  const extras = useMemo(() => {
    const names = new Set<string>();
    for (const r of records) for (const k of Object.keys(r.extra)) names.add(k);
    return [...names].sort().map((n) => `x:${n}`);
  }, [records]);
  const columns = useMemo<ColumnDef<ResultRecord, Cell>[]>(
    () =>
      [...CANONICAL_COLUMNS, 'restates', ...extras].map((col) => ({
        id: col,
        header: col.startsWith('x:') ? col.slice(2) : col,
        // Missing → undefined, so that sortUndefined keeps empty cells last in both directions.
        accessorFn: (r: ResultRecord) => {
          const v = rawValue(r, col);
          return v === null || v === '' ? undefined : v;
        },
        sortUndefined: 'last' as const,
        sortDescFirst: false,
        sortingFn: (a, b, id) => {
          const x = a.getValue<Cell>(id);
          const y = b.getValue<Cell>(id);
          if (x === y) return 0;
          if (x === undefined || x === null) return 1;
          if (y === undefined || y === null) return -1;
          if (typeof x === 'number' && typeof y === 'number') return x - y;
          return String(x).localeCompare(String(y), undefined, { numeric: true });
        },
      })),
    [extras],
  );
  const data = useMemo(() => [...records], [records]);
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;
  const { scrollRef, indices, padTop, padBottom } = useVirtualRows({
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    overscan: 20,
    above: VIRTUALIZE_ABOVE,
  });
  const visible = indices.map((i) => rows[i]!);
  const colCount = columns.length;

  const show = (v: Cell, col: string) => {
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'number') return NUMERIC.has(col) ? fmt.num(v, Number.isInteger(v) ? 0 : 2) : String(v);
    return String(v);
  };

  return (
    <div className="records-view">
      <div className="records-head">
        <span className="counts" data-testid="record-counts">
          {t('records.counts', {
            records: fmt.int(totalCounts.records),
            incomplete: fmt.int(totalCounts.incomplete),
            flagged: fmt.int(totalCounts.flagged),
          })}
        </span>
        {records.length !== totalCounts.records && <span>{t('records.shown', { n: fmt.int(records.length) })}</span>}
        <span style={{ marginLeft: 'auto' }}>{toolbar}</span>
      </div>
      {records.length === 0 ? (
        <StateView kind="empty" message={t('state.noRecords')} />
      ) : (
        <div className="records-scroll" ref={scrollRef} tabIndex={0} aria-label={t('records.label')}>
          <table className="records-table" aria-rowcount={rows.length + 1} data-testid="records-table">
            <thead>
              {table.getHeaderGroups().map((hg) => (
                <tr key={hg.id}>
                  {hg.headers.map((h) => {
                    const dir = h.column.getIsSorted();
                    return (
                      <th key={h.id} aria-sort={ariaSort(dir)} scope="col">
                        <button type="button" onClick={h.column.getToggleSortingHandler()} title={t('records.sort', { col: h.column.id })}>
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          <span aria-hidden="true">{sortMark(dir)}</span>
                        </button>
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              <SpacerRow height={padTop} colSpan={colCount} />
              {visible.map((row) => (
                <tr key={row.id} className={row.original.flags.length > 0 ? 'flagged' : undefined} aria-rowindex={row.index + 2} style={{ height: ROW_HEIGHT }}>
                  {row.getVisibleCells().map((c) => {
                    const v = c.getValue<Cell>();
                    const text = show(v, c.column.id);
                    return (
                      <td key={c.id} className={NUMERIC.has(c.column.id) ? 'num' : undefined} title={text.length > 30 ? text : undefined}>
                        {text}
                      </td>
                    );
                  })}
                </tr>
              ))}
              <SpacerRow height={padBottom} colSpan={colCount} />
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
