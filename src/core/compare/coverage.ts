/**
 * Coverage: the matrix of cells implied by the values present, and which cells miss the baseline,
 * the candidate or both — each gap with the fio command and the libvirt <driver> line that would
 * measure it, in the seed's test-command style.
 *
 * Default matrix (no `fields`): realistic rather than a blind cross product —
 * - platform fields (set, storage, source, fs, medium, layer, extra dimensions) enter as the
 *   combinations that exist (no "LocalStorage × FC-SAN");
 * - disk-configuration fields (format, prealloc, cache, bus, iothread) take the values present
 *   on that platform (SharedBlock keeps prealloc n/a only);
 * - workload fields (prewritten, vms, rw, bs, iodepth, numjobs, ioengine) take every value present.
 * Cells are listed platform by platform (natural order), then configuration, then workload.
 * Cells are listed platform by platform (natural order), configuration, then workload values.
 * With `fields`, the matrix is the full cross product of those fields' present values and every
 * other field is ignored (projected out).
 *
 * A side of a cell is "measured" when a record there has a metric and is neither `incomplete` nor
 * `failed-run` (a blank seed row names a cell but leaves it uncovered; a flagged measurement
 * covers it).
 */
import type { Dimension, DimensionValue, ResultRecord } from '../model/record.types';
import type { ComparisonSpec, CoverageGap } from './compare.types';
import { cellDimensions, scopeCodes, withDefaults } from './pair';
import { compareValues } from './dimensions';
import { FLAG_BIT, STATUS_HAS_METRIC } from './columnar.types';
import { KeyMap, KeySet } from './columnar.keys';
import { recordColumns } from './columnar.records';
import { CommandCache, GapList, gapOf } from './coverage.gaps';
const PLATFORM: ReadonlySet<string> = new Set([
  'set',
  'storage',
  'source',
  'fs',
  'medium',
  'layer',
]);
const PER_PLATFORM: ReadonlySet<string> = new Set([
  'format',
  'prealloc',
  'cache',
  'bus',
  'iothread',
]);

/** Default bounds: matrix cells enumerated (counted) and gaps materialized with their commands. */
export const MAX_MATRIX_CELLS = 1_000_000;
export const MAX_GAPS = 5_000;

export interface CoverageOptions {
  /** Matrix dimensions (full cross product of their present values); default: see module doc. */
  fields?: Dimension[];
  /** Gaps listed with commands (default MAX_GAPS); `missing` counts them all. */
  maxGaps?: number;
  /** Matrix cells enumerated (default MAX_MATRIX_CELLS); beyond it `truncated` is true. */
  maxCells?: number;
}

export interface CoverageReport {
  spec: ComparisonSpec;
  /** Dimensions of the matrix, in `cell` order. */
  fields: Dimension[];
  /** Cells of the matrix enumerated (≤ maxCells). */
  total: number;
  /** Cells measured on both sides. */
  complete: number;
  /** Counts of all incomplete cells by what they miss (gaps lists at most maxGaps of them). */
  missing: { baseline: number; candidate: number; both: number };
  /** Up to maxGaps incomplete cells with their commands: one-sided gaps first, each in matrix order. */
  gaps: CoverageGap[];
  /** The matrix had more than maxCells cells (counts cover the first maxCells). */
  truncated: boolean;
}

/** Codes of `dict` sorted by natural order of their values (ties: order of `codes`). */
function sortedCodes(dict: DimensionValue[], codes: Iterable<number>): number[] {
  return [...new Set(codes)].sort((a, b) => compareValues(dict[a]!, dict[b]!));
}

/** Flags that mean "no measurement": such a record names a cell but does not cover it. */
const NOT_MEASURED = FLAG_BIT.get('incomplete')! | FLAG_BIT.get('failed-run')!;

/**
 * Coverage of `records` for `spec` (default threads→native on aio). `fields` chooses the matrix
 * dimensions explicitly (full cross product of their present values).
 * Perf: reads the columns and record facts cached per records array (recordColumns); rows and
 * matrix cells are numeric keys in open-addressing sets; gaps are kept as codes and only the
 * listed ones (≤ maxGaps) get their cell object and commands.
 */
export function coverage(
  records: readonly ResultRecord[],
  specIn: Partial<ComparisonSpec> = {},
  options: CoverageOptions = {},
): CoverageReport {
  const spec = withDefaults(specIn);
  const { fields } = options;
  const maxGaps = options.maxGaps ?? MAX_GAPS;
  const maxCells = options.maxCells ?? MAX_MATRIX_CELLS;
  const cols = recordColumns(records);
  // Scope as compare().
  const { axisCodes, layerCodes, bCode, cCode, hostCode } = scopeCodes(cols, spec);
  const scopeAll = new Int32Array(records.length);
  const candAll = new Uint8Array(records.length);
  let S = 0;
  for (let i = 0; i < records.length; i++) {
    const a = axisCodes[i]!;
    if ((a !== bCode && a !== cCode) || layerCodes[i] === hostCode) continue;
    candAll[S] = a === cCode ? 1 : 0;
    scopeAll[S++] = i;
  }
  const scope = scopeAll.subarray(0, S);
  const isCand = candAll.subarray(0, S);
  const dims = fields ? fields.filter((d) => d !== spec.axis) : cellDimensions(records, spec, cols);
  const D = dims.length;
  // Rows → the cached groups of all records over `dims` (one integer read per row); which sides
  // of each group are measured. Everything after this works on groups, ~6× fewer than rows.
  const all = cols.cellGroups(dims);
  const status = cols.facts().status;
  const firstOf = new Int32Array(all.count).fill(-1);
  const measuredSides = new Uint8Array(all.count); // bit 0: baseline measured, bit 1: candidate
  const present: number[] = []; // groups in order of their first scope row
  for (let row = 0; row < S; row++) {
    const i = scope[row]!;
    const g = all.groupOf[i]!;
    if (firstOf[g]! < 0) {
      firstOf[g] = row;
      present.push(g);
    }
    const st = status[i]!;
    if (!(st & NOT_MEASURED) && st & STATUS_HAS_METRIC) measuredSides[g]! |= isCand[row] ? 2 : 1;
  }
  // Codes as encode(records, dims, scope) numbers them: by first appearance in the scope. The
  // first row with a value is the first row of the first group (in first-row order) with it.
  const columns = cols.columns(dims);
  const dicts: DimensionValue[][] = [];
  const local = new Int32Array(present.length * D);
  for (let d = 0; d < D; d++) {
    const fullDict = columns[d]!.dict;
    const map = new Int32Array(fullDict.length).fill(-1);
    const dict: DimensionValue[] = [];
    for (let j = 0; j < present.length; j++) {
      const fc = all.codes[present[j]! * D + d]!;
      let c = map[fc]!;
      if (c < 0) {
        map[fc] = c = dict.length;
        dict.push(fullDict[fc]!);
      }
      local[j * D + d] = c;
    }
    dicts.push(dict);
  }
  const enc = { dicts };
  // Matrix keys are mixed-radix numbers over the codes (exact below 2^52), else joined codes.
  const weights: number[] = [];
  let space = 1;
  for (let d = D - 1; d >= 0; d--) {
    weights[d] = space;
    space *= Math.max(1, enc.dicts[d]!.length);
  }
  const numeric = space <= 2 ** 52;
  const keyOf = (codes: Int32Array): number | string => {
    if (numeric) {
      let k = 0;
      for (let d = 0; d < D; d++) k += codes[d]! * weights[d]!;
      return k;
    }
    return codes.join(',');
  };
  const baseKeys = new KeySet();
  const candKeys = new KeySet();
  for (let j = 0; j < present.length; j++) {
    const sides = measuredSides[present[j]!]!;
    if (sides === 0) continue;
    const k = keyOf(local.subarray(j * D, j * D + D));
    if (sides & 1) baseKeys.add(k);
    if (sides & 2) candKeys.add(k);
  }

  // Matrix: per platform, an odometer over the value lists of the other dimensions.
  const platIdx: number[] = [];
  const perIdx: number[] = [];
  const globIdx: number[] = [];
  dims.forEach((d, i) => {
    if (fields) globIdx.push(i);
    else if (PLATFORM.has(d) || d.startsWith('x:')) platIdx.push(i);
    else if (PER_PLATFORM.has(d)) perIdx.push(i);
    else globIdx.push(i);
  });
  // Codes are 0, 1, 2 … in order of first appearance in the scope.
  const globalLists = globIdx.map((d) => sortedCodes(enc.dicts[d]!, enc.dicts[d]!.keys()));
  interface Platform {
    codes: number[];
    /** Per per-platform dimension: codes present, in order of first appearance on the platform. */
    per: number[][];
    seen: Uint8Array[];
  }
  const platforms: Platform[] = [];
  const platformOf = new KeyMap();
  const platCodes = new Int32Array(D);
  for (let j = 0; j < present.length; j++) {
    const codes = local.subarray(j * D, j * D + D);
    for (const d of platIdx) platCodes[d] = codes[d]!;
    const k = keyOf(platCodes);
    let pi = platformOf.get(k);
    if (pi === undefined) {
      pi = platforms.length;
      platformOf.set(k, pi);
      platforms.push({
        codes: platIdx.map((d) => codes[d]!),
        per: perIdx.map(() => []),
        seen: perIdx.map((d) => new Uint8Array(enc.dicts[d]!.length)),
      });
    }
    const p = platforms[pi]!;
    for (let q = 0; q < perIdx.length; q++) {
      const c = codes[perIdx[q]!]!;
      if (!p.seen[q]![c]) {
        p.seen[q]![c] = 1;
        p.per[q]!.push(c);
      }
    }
  }
  const sortedPlatforms = platforms.sort((a, b) => {
    for (let j = 0; j < platIdx.length; j++) {
      const dict = enc.dicts[platIdx[j]!]!;
      const c = compareValues(dict[a.codes[j]!]!, dict[b.codes[j]!]!);
      if (c !== 0) return c;
    }
    return 0;
  });

  // One-sided gaps first: half-measured cells are the cheapest to complete and would otherwise
  // drown in a sparse design's "both missing" cells. Gaps are kept as codes until the end.
  const oneSided = new GapList(D); // each gap: its codes and which sides it has
  const bothMissing = new GapList(D);
  let missingBaseline = 0;
  let missingCandidate = 0;
  let missingBoth = 0;
  let total = 0;
  let complete = 0;
  let truncated = false;
  const cellCodes = new Int32Array(D);
  const varIdx = [...perIdx, ...globIdx];
  outer: for (const p of sortedPlatforms) {
    for (let j = 0; j < platIdx.length; j++) cellCodes[platIdx[j]!] = p.codes[j]!;
    const lists = [
      ...p.per.map((codes, j) => sortedCodes(enc.dicts[perIdx[j]!]!, codes)),
      ...globalLists,
    ];
    if (lists.some((l) => l.length === 0)) continue;
    const pos = new Int32Array(lists.length);
    for (let j = 0; j < varIdx.length; j++) cellCodes[varIdx[j]!] = lists[j]![0]!;
    // The key follows the odometer: a changed code changes it by (new − old) × weight (exact).
    let key = numeric ? (keyOf(cellCodes) as number) : 0;
    for (;;) {
      if (total >= maxCells) {
        truncated = true;
        break outer;
      }
      total++;
      const k = numeric ? key : keyOf(cellCodes);
      const hasB = baseKeys.has(k);
      const hasC = candKeys.has(k);
      if (hasB && hasC) complete++;
      else {
        if (hasB) missingCandidate++;
        else if (hasC) missingBaseline++;
        else missingBoth++;
        const list = hasB || hasC ? oneSided : bothMissing;
        if (list.length < maxGaps) list.push(cellCodes, (hasB ? 1 : 0) | (hasC ? 2 : 0));
      }
      // Advance the odometer (last list fastest).
      let j = lists.length - 1;
      while (j >= 0) {
        const list = lists[j]!;
        const d = varIdx[j]!;
        const p = ++pos[j]! < list.length ? pos[j]! : (pos[j] = 0);
        const code = list[p]!;
        key += (code - cellCodes[d]!) * weights[d]!;
        cellCodes[d] = code;
        if (p !== 0) break;
        j--;
      }
      if (j < 0) break;
    }
  }
  const gaps: CoverageGap[] = [];
  const commands = new CommandCache(spec, dims, enc.dicts);
  for (const list of [oneSided, bothMissing]) {
    for (let i = 0; i < list.length && gaps.length < maxGaps; i++) {
      const has = list.read(i, cellCodes);
      gaps.push(
        gapOf(dims, enc.dicts, cellCodes, (has & 1) !== 0, (has & 2) !== 0, spec, commands),
      );
    }
  }
  const missing = { baseline: missingBaseline, candidate: missingCandidate, both: missingBoth };
  return { spec, fields: dims, total, complete, missing, gaps, truncated };
}
