/**
 * The objects compare() returns for a comparison cell and its two sides, with the parts few
 * readers need computed on first read: a side's Aggregate objects (`metrics`), a cell's `notes`
 * (and, in verdict.ts, a delta's p-values and sentence). 100k records make ~11k cells; building
 * every Aggregate, p-value and sentence up front cost ~5× the rest of compare() (allocation and
 * garbage collection of ~75 MB, and ~44k t-CDF calls).
 *
 * What stays eager: everything a verdict, a pivot, a summary or the policy reads in bulk — n,
 * records, used, the deltas (pct, verdict, singleRun), flags, key, cell. The medians and moments
 * of the delta metrics live in one Float64Array per comparison (see MOMENTS), which pivot() and
 * cellRatio() read through sideMedian() without building Aggregates.
 *
 * Object model (the shapes of compare.types.ts, read by name as before): lazy fields are
 * prototype accessors (readable and writable), so JSON.stringify — through toJSON — gives every
 * field in declaration order, while object spread, Object.keys and structuredClone see only the
 * own (eager) fields.
 *
 * This file: Cell and deltaOf(). Beside it: cell.side.ts (LazySide and the moments layout),
 * cell.notes.ts (the notes' sentences).
 */
import type { MetricField, QualityFlag } from '../model/record.types';
import type { CellComparison, ComparisonSpec, MetricDelta, Side, Verdict } from './compare.types';
import { VERDICTS } from './compare.types';
import { asPercent } from '../model/units';
import {
  DELTA_METRICS,
  FDR_DEMOTED,
  SINGLE_RUN,
  deltaOfDecision,
  fdrDemotedDeltaText,
  fdrNote,
  fdrWordOf,
  pctOfMoments,
} from './verdict';
import type { DeltaContext } from './verdict';
import { DELTA_INDEX, momentsOffset } from './cell.side';
import { cellNotes } from './cell.notes';
import type { SideNotes } from './cell.notes';
// Names servers and stores read from cell.ts (their homes: cell.side.ts, cell.notes.ts).
export { STAT_METRICS, sideMedian } from './cell.side';
export { cellNotes } from './cell.notes';
export type { SideNotes } from './cell.notes';

/**
 * The dictionary codes of one comparison's cells (shared by its Cell objects): pivot() groups
 * cells by integer codes instead of reading `cell[dim]` strings.
 */
export interface CellCodes {
  dims: readonly string[];
  /** Values of every dimension; codes index them. */
  dicts: readonly (readonly string[])[];
  /** codes[row × dims.length + d] (a cell's row: Cell.rowOf). */
  codes: Int32Array;
}

/**
 * A CellComparison whose `notes` are written on first read (they quote the primary metric's
 * exact p-value, itself computed lazily). Own data properties: key, cell, baseline, candidate,
 * deltas, verdict, flags, excludedFlagged.
 */
/** What all cells of one comparison share. */
export interface CellShared {
  spec: ComparisonSpec;
  codes: CellCodes;
  /** Moments of the sides (momentsOffset layout) and the threshold, for the deltas. */
  delta: DeltaContext;
  /**
   * decideOfMoments() of every slot and delta metric: decisions[slot × 4 + dm], −1 = no delta,
   * NOT_DECIDED = moments and decision not computed yet (see ensure).
   */
  decisions: Int8Array;
  /**
   * Computes the moments (both sides) and the decisions of the NOT_DECIDED delta metrics of
   * `slot`: compare() decides the metrics up to the cell's primary one; the others when read.
   */
  ensure(slot: number): void;
  /** How many cells ensure() completed one by one (see decisionAt). */
  ensured: number;
  /** ensure() of every slot with a NOT_DECIDED metric, in the order its records are stored. */
  ensureAll(): void;
  /** Benjamini–Hochberg of the comparison these cells are in (fdr.lazy.ts); absent before it. */
  fdr?: CellFdr;
}

/**
 * Benjamini–Hochberg per delta metric, applied when that metric's decisions are first read
 * (fdr.lazy.ts): compare() adjusts the primary metrics' families at once, the others wait.
 */
export interface CellFdr {
  /** pending[dm] = 1 while the family of DELTA_METRICS[dm] is not adjusted yet. */
  pending: Uint8Array;
  /** Adjusts the family of DELTA_METRICS[dm] (demotions go into the decisions). */
  adjust(dm: number): void;
}

/** A decision not computed yet (CellShared.decisions). */
export const NOT_DECIDED = -2;
/** The decision "inconclusive" (index in VERDICTS). */
const INCONCLUSIVE_DECISION = VERDICTS.indexOf('inconclusive');

/**
 * The decision of delta metric `dm` of `slot`, computed first if needed. After a few dozen
 * cells were completed one by one, a reader is taken to read them all (a policy over every
 * cell, an export): the rest are then completed in one pass in slot order (sequential reads).
 */
export function decisionAt(shared: CellShared, slot: number, dm: number): number {
  const fdr = shared.fdr;
  if (fdr !== undefined && fdr.pending[dm] === 1) fdr.adjust(dm);
  return decidedAt(shared, slot, dm);
}

/** decisionAt() as the t-test decided, before any pending FDR control (moments, medians). */
export function decidedAt(shared: CellShared, slot: number, dm: number): number {
  const at = slot * DELTA_METRICS.length + dm;
  if (shared.decisions[at] === NOT_DECIDED) {
    if (++shared.ensured > BATCH_AFTER) shared.ensureAll();
    else shared.ensure(slot);
  }
  return shared.decisions[at]!;
}

/** Lazy parts built one by one before the rest are built in a batch. */
export const BATCH_AFTER = 64;

/**
 * A CellComparison whose `deltas` (MetricDelta objects) and `notes` are built on first read: the
 * verdicts are decided up front (decisions in CellShared; `verdict` is a field), and pivot(),
 * cellRatio() and summaries read decisions and medians without building the objects. Own data
 * properties: key, cell, baseline, candidate, verdict, flags, excludedFlagged.
 */
export class Cell implements CellComparison {
  key: string;
  cell: Record<string, string>;
  baseline: Side;
  candidate: Side;
  verdict: Verdict;
  flags: QualityFlag[];
  excludedFlagged: number;
  #shared: CellShared;
  /** Notes of the baseline and candidate sides; null when neither has any (the common case). */
  #sideNotes: [SideNotes | null, SideNotes | null] | null;
  /** n of both sides as built (the notes state them). */
  #nB: number;
  #nC: number;
  #slot: number;
  /** Row of the cell's codes in shared.codes. */
  #row: number;
  #deltas: Partial<Record<MetricField, MetricDelta>> | undefined = undefined;
  #notes: string[] | undefined = undefined;

  constructor(
    key: string,
    cell: Record<string, string>,
    baseline: Side,
    candidate: Side,
    verdict: Verdict,
    flags: QualityFlag[],
    sideNotes: [SideNotes | null, SideNotes | null] | null,
    shared: CellShared,
    slot: number,
    row: number,
  ) {
    this.key = key;
    this.cell = cell;
    this.baseline = baseline;
    this.candidate = candidate;
    this.verdict = verdict;
    this.flags = flags;
    this.excludedFlagged = sideNotes
      ? (sideNotes[0]?.excludedFlagged ?? 0) + (sideNotes[1]?.excludedFlagged ?? 0)
      : 0;
    this.#shared = shared;
    this.#sideNotes = sideNotes;
    this.#nB = baseline.n;
    this.#nC = candidate.n;
    this.#slot = slot;
    this.#row = row;
  }

  /** The codes of a cell compare() built (null for any other CellComparison). */
  static codesOf(c: CellComparison): CellCodes | null {
    return c instanceof Cell ? c.#shared.codes : null;
  }

  /** What the cells of c's comparison share, and c's slot in it (null for any other CellComparison). */
  static sharedOf(c: CellComparison): CellShared | null {
    return c instanceof Cell ? c.#shared : null;
  }
  static slotOf(c: Cell): number {
    return c.#slot;
  }

  /**
   * Benjamini–Hochberg did not keep the difference of DELTA_METRICS[dm] (its family: `tested`
   * cells): the decision becomes inconclusive (FDR_DEMOTED), and so does the cell when dm is its
   * primary metric. Objects already built (deltas, notes) are changed too.
   */
  static demoteAt(c: Cell, dm: number, tested: number): void {
    const shared = c.#shared;
    const M = DELTA_METRICS.length;
    const at = c.#slot * M + dm;
    const was = shared.decisions[at]!;
    shared.decisions[at] = INCONCLUSIVE_DECISION | FDR_DEMOTED;
    const metric = DELTA_METRICS[dm]!;
    const d = c.#deltas?.[metric];
    if (d !== undefined) {
      d.text = fdrDemotedDeltaText(metric, d.pct, d.pValue, shared.spec.thresholdPct, tested);
      d.verdict = 'inconclusive';
    }
    let primary = true;
    for (let k = 0; k < dm && primary; k++) primary = shared.decisions[c.#slot * M + k] === -1;
    if (primary) {
      c.verdict = 'inconclusive';
      if (c.#notes !== undefined) c.#notes = [...c.#notes, fdrNote(VERDICTS[was & 3]!, tested)];
    }
  }

  /** The row of a cell in its codes (-1 for any other CellComparison). */
  static rowOf(c: CellComparison): number {
    return c instanceof Cell ? c.#row : -1;
  }

  /**
   * Verdict, pct and singleRun of DELTA_METRICS[dm] without building the MetricDelta (from the
   * deltas object once it exists, which a reader may have changed), written into `into` (the
   * caller's reading, so bulk readers allocate none); undefined when the cell has no such delta.
   * Use deltaOf() unless you hold a Cell.
   */
  static deltaAt(c: Cell, dm: number, into: DeltaReading): DeltaReading | undefined {
    if (c.#deltas !== undefined) return c.#deltas[DELTA_METRICS[dm]!];
    const decided = decisionAt(c.#shared, c.#slot, dm);
    if (decided < 0) return undefined;
    into.verdict = VERDICTS[decided & 3]!;
    into.pct = asPercent(pctOfMoments(c.#shared.delta.moments, momentsOffset(c.#slot, 0, dm)));
    into.singleRun = (decided & SINGLE_RUN) !== 0;
    return into;
  }

  /** Deltas per metric (iops, lat_mean_us, lat_p99_us, bw_kib_s when measured on both sides). */
  get deltas(): Partial<Record<MetricField, MetricDelta>> {
    if (this.#deltas === undefined) {
      const deltas: Partial<Record<MetricField, MetricDelta>> = {};
      for (let dm = 0; dm < DELTA_METRICS.length; dm++) {
        const decided = decisionAt(this.#shared, this.#slot, dm);
        if (decided >= 0)
          deltas[DELTA_METRICS[dm]!] = deltaOfDecision(
            DELTA_METRICS[dm]!,
            this.#shared.delta,
            momentsOffset(this.#slot, 0, dm),
            decided,
          );
      }
      this.#deltas = deltas;
    }
    return this.#deltas;
  }
  set deltas(v: Partial<Record<MetricField, MetricDelta>>) {
    this.#deltas = v;
  }

  /** Reasons, in English, of why the verdict is what it is. */
  get notes(): string[] {
    if (this.#notes === undefined) {
      // The primary delta as built (not the deltas object, which a reader may have replaced).
      let primary: MetricDelta | null = null;
      let demoted = false;
      for (let dm = 0; dm < DELTA_METRICS.length && !primary; dm++) {
        const decided = decisionAt(this.#shared, this.#slot, dm);
        demoted = decided >= 0 && (decided & FDR_DEMOTED) !== 0;
        if (decided >= 0)
          primary = deltaOfDecision(
            DELTA_METRICS[dm]!,
            this.#shared.delta,
            momentsOffset(this.#slot, 0, dm),
            decided,
          );
      }
      const notes = cellNotes(
        this.#nB,
        this.#nC,
        this.#sideNotes?.[0] ?? null,
        this.#sideNotes?.[1] ?? null,
        primary,
        this.#shared.spec,
      );
      // BH turned the primary difference into inconclusive (fdr.lazy.ts): say so last.
      if (primary && demoted) {
        const dm = DELTA_METRICS.indexOf(primary.metric);
        notes.push(
          fdrNote(fdrWordOf(primary.metric, primary.pct), this.#shared.delta.fdrTested[dm] ?? 0),
        );
      }
      this.#notes = notes;
    }
    return this.#notes;
  }
  set notes(v: string[]) {
    this.#notes = v;
  }

  toJSON(): CellComparison {
    return {
      key: this.key,
      cell: this.cell,
      baseline: this.baseline,
      candidate: this.candidate,
      deltas: this.deltas,
      verdict: this.verdict,
      flags: this.flags,
      excludedFlagged: this.excludedFlagged,
      notes: this.notes,
    };
  }
}

/** What deltaOf() reads of a MetricDelta. */
export type DeltaReading = Pick<MetricDelta, 'verdict' | 'pct' | 'singleRun'>;

/** A reading for deltaOf() to fill: one per loop, owned by its caller (no shared scratch). */
export function newDeltaReading(): DeltaReading {
  return { verdict: 'inconclusive', pct: asPercent(0), singleRun: false };
}

/**
 * `c.deltas[metric]` as far as verdict, pct and singleRun go, without building the MetricDelta
 * objects of compare()'s cells (bulk readers: pivots, summaries, the policy over every cell).
 * For a compare() cell the result is `into` (a new reading when not given): a loop passes one
 * reading of its own and reads it before the next call.
 */
export function deltaOf(
  c: CellComparison,
  metric: MetricField,
  into?: DeltaReading,
): DeltaReading | undefined {
  const dm = DELTA_INDEX.get(metric);
  return dm !== undefined && c instanceof Cell
    ? Cell.deltaAt(c, dm, into ?? newDeltaReading())
    : c.deltas[metric];
}
