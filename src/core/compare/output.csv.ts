/** CSV of a comparison's spec rows (`aio-dash compare --format csv`), cells through core's one CSV cell rule. */
import { csvCell, toCsvDocument } from '../csv/csv-cell';
import type { CsvCell } from '../csv/csv-cell';
import type { SpecRow } from './output.rows';

/** A text cell made safe for spreadsheets: core's one CSV cell rule (src/core/csv/csv-cell.ts). */
export function csvSafe(value: string): string {
  return csvCell(value);
}

/** CSV of spec rows: cell fields, then baseline_*, candidate_*, deltas, verdict, notes. */
export function toCsv(rows: readonly SpecRow[]): string {
  const cellCols: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const k of Object.keys(r.cell))
      if (!seen.has(k)) {
        seen.add(k);
        cellCols.push(k);
      }
  const sideCols = ['n', 'iops', 'lat_mean_us', 'lat_p99_us', 'bw_kib_s'] as const;
  const header = [
    ...cellCols,
    ...sideCols.map((c) => `baseline_${c}`),
    ...sideCols.map((c) => `candidate_${c}`),
    'iops_pct',
    'lat_mean_pct',
    'lat_p99_pct',
    'bw_pct',
    'verdict',
    'single_run',
    'p_value',
    'flags',
    'notes',
  ];
  const table: CsvCell[][] = [header];
  for (const r of rows)
    table.push([
      ...cellCols.map((c) => r.cell[c]),
      ...sideCols.map((c) => r.baseline[c]),
      ...sideCols.map((c) => r.candidate[c]),
      r.delta.iops_pct,
      r.delta.lat_mean_pct,
      r.delta.lat_p99_pct,
      r.delta.bw_pct,
      r.verdict,
      String(r.single_run),
      r.p_value,
      r.flags.join(';'),
      r.notes.join('; '),
    ]);
  return toCsvDocument(table, '\n');
}
