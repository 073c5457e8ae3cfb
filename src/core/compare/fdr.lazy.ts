/**
 * applyFdr() for compare()'s own cells (Cell): Benjamini–Hochberg per delta metric, each family
 * adjusted only when its decisions are needed (issue 15.4; the rule: verdict.ts, fdr.apply.ts).
 * compare() decides only the metrics up to each cell's primary one; deciding the other three
 * for every cell just to adjust their families doubled compare()'s time. So the families of the
 * cells' primary metrics are adjusted at once (their decisions exist: only the exact p-values of
 * the differences are computed), and any other family on the first read of one of its decisions
 * (decisionAt → CellFdr.adjust), or when `Comparison.fdr` is read (a getter that adjusts them all).
 * Demotions are written into the decisions (FDR_DEMOTED), so deltas and notes built later say
 * "not significant after FDR control", and the cell's verdict follows when it is the primary.
 * Same results as applyFdr()'s plain path over the same cells (fdr.lazy.test.ts).
 */
import type { CellComparison, Comparison } from './compare.types';
import { Cell } from './cell';
import type { CellFdr, CellShared } from './cell';
import { decidedAt } from './cell';
import { bhCutoff } from './fdr';
import type { ComparisonFdr, FdrFamily } from './fdr.apply';
import { momentsOffset } from './cell.side';
import { ALPHA, DELTA_METRICS, SINGLE_RUN, pValueOfMoments } from './verdict';

/** Whether every cell is a compare() Cell (then lazyFdr() applies). */
export function allCells(cells: readonly CellComparison[]): cells is Cell[] {
  for (const c of cells) if (!(c instanceof Cell)) return false;
  return true;
}

/** applyFdr() over Cells: primary families now, the others when read. */
export function lazyFdr(comparison: Comparison, cells: readonly Cell[]): Comparison {
  const M = DELTA_METRICS.length;
  const families: (FdrFamily | null)[] = DELTA_METRICS.map(() => null);
  const shareds: CellShared[] = [];
  for (const c of cells) {
    const s = Cell.sharedOf(c)!;
    if (shareds[shareds.length - 1] !== s && !shareds.includes(s)) shareds.push(s);
  }
  const state: CellFdr = {
    pending: new Uint8Array(M).fill(1),
    adjust(dm: number): void {
      if (state.pending[dm] !== 1) return;
      state.pending[dm] = 0;
      families[dm] = adjustFamily(cells, shareds, dm);
    },
  };
  for (const s of shareds) s.fdr = state;
  // The cells' primary metrics now (cell verdicts are fields): decided up to the primary.
  const primaries = new Uint8Array(M);
  for (const c of cells) {
    const s = Cell.sharedOf(c)!;
    const slot = Cell.slotOf(c);
    for (let dm = 0; dm < M; dm++)
      if (decidedAt(s, slot, dm) >= 0) {
        primaries[dm] = 1;
        break;
      }
  }
  for (let dm = 0; dm < M; dm++) if (primaries[dm]) state.adjust(dm);
  let fdr: ComparisonFdr | null = null;
  Object.defineProperty(comparison, 'fdr', {
    enumerable: true,
    configurable: true,
    get(): ComparisonFdr {
      if (fdr === null) {
        for (let dm = 0; dm < M; dm++) state.adjust(dm);
        fdr = { method: 'benjamini-hochberg', alpha: ALPHA, families: families.map((f) => f!) };
      }
      return fdr;
    },
    set(v: ComparisonFdr): void {
      fdr = v;
    },
  });
  return comparison;
}

/** BH over the cells where DELTA_METRICS[dm] was t-tested; demotes the differences not kept. */
function adjustFamily(
  cells: readonly Cell[],
  shareds: readonly CellShared[],
  dm: number,
): FdrFamily {
  let tested = 0;
  const candidates: Cell[] = [];
  const small: number[] = [];
  for (const c of cells) {
    const s = Cell.sharedOf(c)!;
    const slot = Cell.slotOf(c);
    const d = decidedAt(s, slot, dm);
    if (d < 0 || d & SINGLE_RUN) continue;
    tested++;
    if ((d & 3) <= 1) {
      // improvement (0) or regression (1): a difference by the t-test
      candidates.push(c);
      small.push(pValueOfMoments(s.delta, momentsOffset(slot, 0, dm)) ?? 1);
    }
  }
  for (const s of shareds) s.delta.fdrTested[dm] = tested;
  const cutoff = bhCutoff([...small], tested, ALPHA);
  let kept = 0;
  candidates.forEach((c, i) => {
    if (small[i]! <= cutoff) kept++;
    else Cell.demoteAt(c, dm, tested);
  });
  return {
    metric: DELTA_METRICS[dm]!,
    tested,
    significant: candidates.length,
    kept,
    cutoffP: cutoff < 0 ? null : cutoff,
  };
}
