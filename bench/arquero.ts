/**
 * The reference implementation for the comparison benchmark: the same work as our
 * compare + pivot (pair threads/native per cell on every other environment field, repeats →
 * n/median/mean/variance, delta %, a verdict from the threshold and a Welch t statistic,
 * geometric mean of ratios per pivot cell, pivot of rows × columns) written the idiomatic way
 * in Arquero 7, starting like ours from an array of ResultRecords.
 *
 * Arquero has no t-distribution CDF, so its verdict uses |t| ≥ 2.1 (≈ p < 0.05 at small df)
 * instead of a p-value; that makes the reference slightly cheaper than the real thing, not dearer.
 */
import * as aq from 'arquero';
import type { ResultRecord } from '../src/core/model/record.types';
import { ENVIRONMENT_FIELDS } from '../src/core/model/record.types';

// Arquero compiles these arrow functions from their source text; `d` is a row proxy.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call */
type Row = any;
const op = aq.op as any;

export interface ArqueroPivotSpec {
  rows: string[];
  cols: string[];
  extras: string[];
}

export const DEFAULT_PIVOT: ArqueroPivotSpec = {
  rows: ['storage', 'medium', 'prealloc'],
  cols: ['rw', 'prewritten'],
  extras: ['testbed'],
};

/** Returns the number of filled pivot cells (so the work cannot be optimized away). */
export function arqueroComparePivot(
  records: ResultRecord[],
  spec: ArqueroPivotSpec = DEFAULT_PIVOT,
): { rows: number; cols: number; cells: number } {
  const cellKeys = [...ENVIRONMENT_FIELDS.filter((f) => f !== 'aio'), ...spec.extras];
  let t = aq
    .from(records)
    .filter((d: Row) => op.length(d.flags) === 0 && (d.aio === 'threads' || d.aio === 'native'));
  for (const x of spec.extras) t = t.derive({ [x]: aq.escape((d: Row) => d.extra[x] ?? null) });
  const perSide = t.groupby([...cellKeys, 'aio']).rollup({
    n: op.valid('iops'),
    med: op.median('iops'),
    mean: op.mean('iops'),
    v: op.variance('iops'),
  });
  const wide = perSide.groupby(cellKeys).pivot('aio', {
    med: (d: Row) => op.any(d.med),
    mean: (d: Row) => op.any(d.mean),
    v: (d: Row) => op.any(d.v),
    n: (d: Row) => op.any(d.n),
  });
  const paired = wide
    .filter((d: Row) => d.med_threads != null && d.med_native != null && d.med_threads > 0)
    .derive({
      pct: (d: Row) => (100 * (d.med_native - d.med_threads)) / d.med_threads,
      tstat: (d: Row) =>
        (d.mean_native - d.mean_threads) /
        op.sqrt(d.v_native / d.n_native + d.v_threads / d.n_threads),
      lr: (d: Row) => op.log(d.med_native / d.med_threads),
    })
    .derive({
      verdict: (d: Row) =>
        op.abs(d.pct) < 5
          ? 'no-difference'
          : d.n_native < 2 || d.n_threads < 2
            ? d.pct > 0
              ? 'improvement'
              : 'regression'
            : op.abs(d.tstat) < 2.1
              ? 'inconclusive'
              : d.pct > 0
                ? 'improvement'
                : 'regression',
    });
  const pivot = paired
    .groupby([...spec.rows, ...spec.cols])
    .rollup({
      g: (d: Row) => 100 * (op.exp(op.mean(d.lr)) - 1),
      n: op.count(),
      improved: (d: Row) => op.sum(d.verdict === 'improvement' ? 1 : 0),
    })
    .groupby(spec.rows)
    .pivot(spec.cols, { g: (d: Row) => op.any(d.g) });
  lastArqueroResult = { paired, pivot };
  return {
    rows: pivot.numRows(),
    cols: pivot.numCols() - spec.rows.length,
    cells: paired.numRows(),
  };
}

/** The last result, kept alive as an app keeps the one on screen (see bench/adapters.ts). */
export let lastArqueroResult: unknown = null;
