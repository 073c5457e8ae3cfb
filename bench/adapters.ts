/**
 * One place where the benchmarks meet the product modules. Each loader returns either a small
 * uniform function or `{ pending: reason }` while the module is still being written.
 */
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultRecord } from '../src/core/model/record.types';
import { ENVIRONMENT_FIELDS } from '../src/core/model/record.types';
import type { IngestOptions, IngestOutcome } from '../src/core/ingest/ingest.types';
import type { Result } from '../src/core/model/result';
import { tryImport } from './harness';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

export type Pending = { pending: string };
export const isPending = (x: unknown): x is Pending =>
  typeof x === 'object' && x !== null && 'pending' in x;

export interface IngestApi {
  ingestText: (text: string, fileName: string, onProgress?: (f: number) => void) => IngestOutcome;
  /** The raw Result, for inputs the module may refuse (formats still being added). */
  ingestTextResult: (text: string, fileName: string) => Result<IngestOutcome>;
  /** One file of a set: `fileName` relative to the set's folder, `set` the set's name. */
  ingestInSet: (text: string, fileName: string, set: string) => IngestOutcome;
  recordsToCsv: ((records: ResultRecord[]) => string) | null;
}

export async function loadIngest(): Promise<IngestApi | Pending> {
  type Mod = {
    ingestText: (text: string, o: IngestOptions) => Result<IngestOutcome>;
    recordsToCsv?: (records: ResultRecord[]) => string;
  };
  const m = await tryImport<Mod>(join(SRC, 'core/ingest/ingest.ts'), ['ingestText']);
  if (!m.ok) return { pending: m.reason };
  return {
    ingestText: (text, fileName, onProgress) => {
      const r = m.mod.ingestText(text, onProgress ? { fileName, onProgress } : { fileName });
      if (!r.ok) throw new Error(`ingestText refused ${fileName}: ${r.reason}`);
      return r.value;
    },
    ingestTextResult: (text, fileName) => m.mod.ingestText(text, { fileName }),
    ingestInSet: (text, fileName, set) => {
      const r = m.mod.ingestText(text, { fileName, set });
      if (!r.ok) throw new Error(`ingestText refused ${fileName}: ${r.reason}`);
      return r.value;
    },
    recordsToCsv: typeof m.mod.recordsToCsv === 'function' ? m.mod.recordsToCsv : null,
  };
}

export interface CompareSummary {
  /** Paired comparison cells. */
  cells: number;
  pivotRows: number;
  pivotCols: number;
}
export interface CompareApi {
  /** compare + pivot (verdicts included) with the UI's default layout. */
  comparePivot: (records: ResultRecord[]) => CompareSummary;
  /** The comparison itself (default spec unless `spec` is given), for the policy benchmark. */
  compareOnly: (records: ResultRecord[], spec?: Record<string, unknown>) => unknown;
  /** The pivot of an existing comparison (a layout change in the UI). */
  pivotOnly: (comparison: unknown) => number;
  /** Facet counts over the environment fields (the filter bar). */
  facets: (records: ResultRecord[]) => number;
}

/**
 * The last comparison and pivot, kept alive as the dashboard keeps the one on screen while it
 * computes the next. When nothing of the engine's survives a collection, V8 drops the hidden
 * classes of its objects (map transitions are weak) and with them the optimized code built on
 * them: the next run then deoptimizes and recompiles, which the app never sees (bench/arquero.ts
 * keeps its result for the same reason).
 */
export let lastShown: unknown = null;

export async function loadCompare(): Promise<CompareApi | Pending> {
  type Mod = {
    compare: (records: ResultRecord[], spec?: unknown) => { cells: unknown[] };
    pivot: (comparison: unknown, spec: unknown) => { rowKeys: unknown[]; colKeys: unknown[] };
    facetCounts: (records: ResultRecord[], dims: readonly string[]) => Record<string, unknown[]>;
  };
  const m = await tryImport<Mod>(join(SRC, 'core/compare/index.ts'), [
    'compare',
    'pivot',
    'facetCounts',
  ]);
  if (!m.ok) return { pending: m.reason };
  const { compare, pivot, facetCounts } = m.mod;
  const layout = {
    rows: ['storage', 'medium', 'prealloc'],
    cols: ['rw', 'prewritten'],
    metric: 'iops',
    value: 'delta',
  };
  return {
    comparePivot: (records) => {
      const c = compare(records);
      const p = pivot(c, layout);
      lastShown = { c, p };
      return { cells: c.cells.length, pivotRows: p.rowKeys.length, pivotCols: p.colKeys.length };
    },
    compareOnly: (records, spec) => (spec ? compare(records, spec) : compare(records)),
    pivotOnly: (c) => pivot(c, layout).rowKeys.length,
    facets: (records) => Object.keys(facetCounts(records, ENVIRONMENT_FIELDS)).length,
  };
}

export interface PolicyApi {
  /** Evaluates the policy for every cell of a comparison; returns the number of decisions. */
  evaluateAll: (comparison: unknown) => number;
}

export async function loadPolicy(): Promise<PolicyApi | Pending> {
  type Mod = { recommend: (...args: unknown[]) => unknown };
  const m = await tryImport<Mod>(join(SRC, 'core/policy/index.ts'), ['recommend']);
  if (!m.ok) return { pending: m.reason };
  // The policy module's batch entry point: one decision per policy environment, from its cells'
  // evidence, shared by every cell of that environment (what the dashboard and report call).
  const batch = m.mod as unknown as {
    evaluateComparisons?: (comparison: unknown, host: unknown) => { groupOf: Int32Array };
    defaultHostProfile?: () => unknown;
  };
  if (batch.evaluateComparisons && batch.defaultHostProfile) {
    const evaluate = batch.evaluateComparisons;
    const host = batch.defaultHostProfile();
    return { evaluateAll: (comparison) => evaluate(comparison, host).groupOf.length };
  }
  return {
    evaluateAll: (comparison) => {
      const cells = (comparison as { cells: { cell: Record<string, string> }[] }).cells;
      let n = 0;
      for (const c of cells) if (m.mod.recommend(c.cell)) n++;
      return n;
    },
  };
}
