/**
 * Pairing: splits records into comparison cells along an axis and computes per-cell statistics
 * and verdicts. Axis-generic: `aio` threads→native is only the default spec.
 *
 * Rules (issue 4):
 * - A cell = the values of every other environment field (ENVIRONMENT_FIELDS minus the axis,
 *   minus `set` when `poolSets`) plus extra dimension columns (see extraDimensions()).
 * - Out of scope: records whose axis value is neither baseline nor candidate, and host-layer
 *   records (`layer=host`, bare-metal baselines for charts: see hostBaseline()) unless the axis is
 *   `layer` itself or `includeHostLayer` is set.
 * - A cell with records on both sides is paired (all its records count as paired, including
 *   incomplete/flagged/restated ones); a cell with one side only is unpaired, each record listed
 *   with the fields that differ from the nearest cell of the other side.
 * - Repeats used in statistics: not restated (`restates` non-null), not `incomplete` or
 *   `failed-run` (no measurement), at least one metric present, and — when `excludeFlagged` —
 *   not flagged `unit-suspect` / `sparse-read`.
 * - records = paired + unpaired + outOfScope, always.
 *
 * Output is independent of the input order: cells are sorted by their values (natural order),
 * records within a side by origin.
 *
 * reference.ts states the same rules as plain code; reference.test.ts checks that this engine
 * returns exactly what it returns. The engine, by role:
 *   pair.ts          entry: the spec, the dimensions, the scope codes, the choice of path
 *   pair.groups.ts   grouped path (no restated records): walks cached groups of records
 *   pair.rows.ts     row path (restated records join their original's cell)
 *   pair.sides.ts    what both paths share: one side's statistics, verdicts, the cell object
 *   pair.nearest.ts  the nearest cell of the other side, for unpaired records
 * No module-level mutable state: every buffer belongs to one compare() call (PairBuffers).
 */
import type { Dimension, ResultRecord } from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import type { Comparison, ComparisonSpec } from './compare.types';
import { DEFAULT_SPEC } from './compare.types';
import { recordColumns } from './columnar.records';
import type { Codes, RecordColumns } from './columnar.types';
import { compareGroups } from './pair.groups';
import { compareRows } from './pair.rows';
import { applyFdr } from './fdr.apply';

/** Dimensions of a comparison cell for `spec` over `records`. */
export function cellDimensions(
  records: readonly ResultRecord[],
  spec: ComparisonSpec,
  cols?: RecordColumns,
): Dimension[] {
  return dimensionsOf(
    spec,
    spec.extraDimensions ?? (cols ?? recordColumns(records)).extraDimensions(),
  );
}

function dimensionsOf(spec: ComparisonSpec, extraDims: readonly Dimension[]): Dimension[] {
  const env = ENVIRONMENT_FIELDS.filter((f) => f !== spec.axis && !(spec.poolSets && f === 'set'));
  return [...env, ...extraDims.filter((d) => d !== spec.axis)];
}

/** Fills a partial spec with DEFAULT_SPEC. */
export function withDefaults(spec: Partial<ComparisonSpec>): ComparisonSpec {
  return { ...DEFAULT_SPEC, ...spec };
}

/**
 * Pairs `records` along `spec.axis` and decides a verdict per cell. Pure and deterministic.
 *
 * All integer work on columns cached per records array (recordColumns): the records are
 * grouped once per list of dimensions, and a comparison walks those groups' records in order
 * (GroupMembers: sequential reads), classifies each by its axis code, and computes the sides'
 * moments and the verdicts; cells come out in natural order of their values (naturalOrder).
 * Restated records can move to another group (attachRestated), so records with restatements
 * take the row-by-row path (compareRows), which gives the same result shape.
 */
export function compare(
  records: readonly ResultRecord[],
  specIn: Partial<ComparisonSpec> = {},
): Comparison {
  return applyFdr(compareUnadjusted(records, specIn));
}

/**
 * compare() without the Benjamini–Hochberg control of its words (fdr.apply.ts): for callers that
 * compare a set in parts and apply applyFdr() once over all the cells (compareSliced).
 */
export function compareUnadjusted(
  records: readonly ResultRecord[],
  specIn: Partial<ComparisonSpec> = {},
): Comparison {
  const spec = withDefaults(specIn);
  const cols = recordColumns(records);
  const dims = dimensionsOf(spec, spec.extraDimensions ?? cols.extraDimensions());
  const ctx: CompareInput = { records, spec, cols, dims, ...scopeCodes(cols, spec) };
  return cols.anyRestated ? compareRows(ctx) : compareGroups(ctx);
}

/** What is in a comparison's scope, as codes of the cached columns (compare() and coverage()). */
export type ScopeCodes = Pick<
  CompareInput,
  'axisCodes' | 'layerCodes' | 'bCode' | 'cCode' | 'hostCode'
>;

/**
 * The scope rule once: the axis value is the baseline or the candidate; host-layer records only
 * when the axis is `layer` (or the spec includes the host layer).
 */
export function scopeCodes(cols: RecordColumns, spec: ComparisonSpec): ScopeCodes {
  const [axisCol, layerCol] = cols.columns([spec.axis, 'layer']);
  const bCode = axisCol!.dict.indexOf(spec.baseline);
  const cCode =
    bCode >= 0 && spec.candidate === spec.baseline ? -1 : axisCol!.dict.indexOf(spec.candidate);
  const hostCode =
    spec.axis === 'layer' || spec.includeHostLayer ? -1 : layerCol!.dict.indexOf('host');
  return { axisCodes: axisCol!.codes, layerCodes: layerCol!.codes, bCode, cCode, hostCode };
}

/** What both paths of compare() start from. */
export interface CompareInput {
  records: readonly ResultRecord[];
  spec: ComparisonSpec;
  cols: RecordColumns;
  dims: Dimension[];
  axisCodes: Codes;
  layerCodes: Codes;
  /** Axis codes of the baseline and candidate values (−1: absent), layer code of `host` (−1: no such scope rule). */
  bCode: number;
  cCode: number;
  hostCode: number;
}
