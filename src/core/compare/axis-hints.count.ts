/**
 * Pair counts without building cells: what compare() would pair for a fix, from the records'
 * cached groups (PairCounter), and countPairs() for a whole spec.
 */
import type { Dimension, ResultRecord } from '../model/record.types';
import { ENVIRONMENT_FIELDS } from '../model/record.types';
import type { ComparisonSpec } from './compare.types';
import { groupKeys } from './columnar.keys';
import { recordColumns } from './columnar.records';
import type { RecordColumns } from './columnar.types';
import { cellDimensions, compare, withDefaults } from './pair';
import type { AxisFix } from './axis-hints.types';
import { ENV, SAFE_KEY } from './axis-hints.candidates';

/**
 * Counts the cells compare() pairs for a fix without building them: the records are grouped once
 * by every dimension (RecordColumns.cellGroups, the grouping compare() uses), and a fix's cells
 * are those groups merged over the axis (and `set` when pooled). A cell pairs when it has a
 * baseline and a candidate record in scope (not host-layer unless the axis is `layer`): exactly
 * compare()'s rule for records that restate nothing (axis-hints.test.ts checks it against
 * compare() on random records).
 */
export class PairCounter {
  private readonly dims: Dimension[];
  private readonly dicts: (readonly string[])[];
  private readonly codes: Int32Array;
  private readonly count0: number;

  /**
   * `includeHostLayer`: host-layer records are in scope (ComparisonSpec.includeHostLayer).
   * `reuse`: the dimensions of a comparison just made of these records (cellDimensions()): its
   * grouping is cached, and refining it by the few other dimensions is much cheaper than
   * grouping every record by every dimension again.
   */
  constructor(
    cols: RecordColumns,
    extras: readonly Dimension[],
    private readonly includeHostLayer = false,
    reuse?: readonly Dimension[],
  ) {
    this.dims = [...ENVIRONMENT_FIELDS, ...extras.filter((d) => !ENV.has(d))];
    const columns = cols.columns(this.dims);
    this.dicts = columns.map((c) => c.dict);
    const base = reuse && reuse.every((d) => this.dims.includes(d)) ? reuse : null;
    if (!base) {
      const groups = cols.cellGroups(this.dims);
      this.codes = groups.codes;
      this.count0 = groups.count;
      return;
    }
    // Refine the comparison's groups by the dimensions it leaves out (the axis, `set` if pooled).
    const g0 = cols.cellGroups(base);
    const rest = this.dims.map((_, d) => d).filter((d) => !base.includes(this.dims[d]!));
    const n = cols.rows;
    let keys = Float64Array.from(g0.groupOf);
    let range = Math.max(1, g0.count);
    for (const d of rest) {
      const card = Math.max(1, this.dicts[d]!.length);
      if (range * card > SAFE_KEY) {
        const dense = groupKeys(keys);
        keys = Float64Array.from(dense.groupOf);
        range = dense.count;
      }
      const col = columns[d]!.codes;
      for (let i = 0; i < n; i++) keys[i] = keys[i]! * card + col[i]!;
      range *= card;
    }
    const fine = groupKeys(keys);
    const D = this.dims.length;
    const B = base.length;
    const at = this.dims.map((dim) => base.indexOf(dim));
    const codes = new Int32Array(fine.count * D);
    for (let k = 0; k < fine.count; k++) {
      const row = fine.firstRow[k]!;
      const g = g0.groupOf[row]!;
      for (let d = 0; d < D; d++)
        codes[k * D + d] = at[d]! >= 0 ? g0.codes[g * B + at[d]!]! : columns[d]!.codes[row]!;
    }
    this.codes = codes;
    this.count0 = fine.count;
  }

  /** compare(records, fix).cells.length for the records these columns encode. */
  count(fix: AxisFix): number {
    const D = this.dims.length;
    const ai = this.dims.indexOf(fix.axis);
    if (ai < 0) return 0;
    const bCode = this.dicts[ai]!.indexOf(fix.baseline);
    const cCode = this.dicts[ai]!.indexOf(fix.candidate);
    if (bCode < 0 || cCode < 0 || bCode === cCode) return 0;
    const li = this.dims.indexOf('layer');
    const hostCode =
      fix.axis === 'layer' || this.includeHostLayer ? -1 : this.dicts[li]!.indexOf('host');
    const si = fix.poolSets ? this.dims.indexOf('set') : -1;
    const codes = this.codes;
    // Groups in scope and their side.
    const sel: number[] = [];
    const side: number[] = [];
    for (let g = 0; g < this.count0; g++) {
      const a = codes[g * D + ai]!;
      if (a !== bCode && a !== cCode) continue;
      if (hostCode >= 0 && codes[g * D + li] === hostCode) continue;
      sel.push(g);
      side.push(a === bCode ? 1 : 2);
    }
    if (sel.length === 0) return 0;
    // Cell key of each selected group: mixed radix over the other dimensions, densified before
    // it could leave the exact range of doubles.
    let keys = new Float64Array(sel.length);
    let range = 1;
    for (let d = 0; d < D; d++) {
      if (d === ai || d === si) continue;
      const card = Math.max(1, this.dicts[d]!.length);
      if (range * card > SAFE_KEY) {
        const dense = groupKeys(keys);
        keys = Float64Array.from(dense.groupOf);
        range = dense.count;
      }
      for (let j = 0; j < sel.length; j++) keys[j] = keys[j]! * card + codes[sel[j]! * D + d]!;
      range *= card;
    }
    const cells = groupKeys(keys);
    const bits = new Uint8Array(cells.count);
    for (let j = 0; j < sel.length; j++) bits[cells.groupOf[j]!]! |= side[j]!;
    let pairs = 0;
    for (let k = 0; k < cells.count; k++) if (bits[k] === 3) pairs++;
    return pairs;
  }
}

/**
 * compare(records, spec).cells.length, without building the cells (PairCounter), e.g. to tell
 * whether filters are what leaves a comparison empty. Falls back to compare() when records
 * restate others.
 */
export function countPairs(
  records: readonly ResultRecord[],
  specIn: Partial<ComparisonSpec>,
): number {
  const spec = withDefaults(specIn);
  const cols = recordColumns(records);
  if (cols.anyRestated) return compare(records, spec).cells.length;
  const extras = spec.extraDimensions ?? cols.extraDimensions();
  return new PairCounter(
    cols,
    extras,
    includesHostLayer(spec),
    cellDimensions(records, { ...spec, extraDimensions: extras }, cols),
  ).count(spec);
}

/**
 * ComparisonSpec.includeHostLayer (host-layer records in scope, for sets of bare-metal runs),
 * read structurally: the field is newer than this module's first version.
 */
export function includesHostLayer(spec: ComparisonSpec): boolean {
  return (spec as { includeHostLayer?: boolean }).includeHostLayer === true;
}
